import type { Locale } from '../../../lib/i18n';
import { formatDateTime } from '../../../lib/i18n';
import { salesText } from '../messages';
import { itemCount, type ParkedCart } from '../model';
import { Dialog } from './Dialog';

export interface ParkedListProps {
  parked: readonly ParkedCart[];
  locale: Locale;
  onResume(cartId: string): void;
  onDrop(cartId: string): void;
  onClose(): void;
}

export function ParkedList({ parked, locale, onResume, onDrop, onClose }: ParkedListProps) {
  const t = salesText(locale);
  return (
    <Dialog title={t('parkedTitle')} onClose={onClose} testId="parked-list">
      {parked.length === 0 ? (
        <p>{t('parkedNone')}</p>
      ) : (
        <ul className="parked-list">
          {parked.map((p) => (
            <li key={p.cart.id}>
              <span>
                <strong>{p.label}</strong>
                <span className="muted">
                  {' '}
                  ·{' '}
                  {itemCount(p.cart) === 1
                    ? t('itemsOne')
                    : t('items', { count: itemCount(p.cart) })}{' '}
                  · {formatDateTime(p.parkedAt, locale)}
                </span>
              </span>
              <button type="button" onClick={() => onResume(p.cart.id)}>
                {t('resume')}
              </button>
              <button type="button" className="button-secondary" onClick={() => onDrop(p.cart.id)}>
                {t('drop')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="dialog-actions">
        <button type="button" className="button-secondary" onClick={onClose}>
          {t('close')}
        </button>
      </div>
    </Dialog>
  );
}
