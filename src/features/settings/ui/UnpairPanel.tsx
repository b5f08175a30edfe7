import { useState } from 'react';
import { formatNumber, type Locale } from '../../../lib/i18n';
import { settingsText } from '../messages';

export interface UnpairPanelProps {
  locale: Locale;
  /** Mutations not yet on the server, and rejected ones kept for attention. */
  pending: number;
  attention: number;
  busy: boolean;
  /** Why the last attempt was refused (the counts changed under the warning), if it was. */
  error?: string | null;
  onUnpair(): void;
}

/**
 * Unpairing deletes the device's data. With anything unsynced it takes a typed word, not a tap:
 * a sale that exists only on this tablet would be gone for good.
 */
export function UnpairPanel({
  locale,
  pending,
  attention,
  busy,
  error = null,
  onUnpair,
}: UnpairPanelProps) {
  const t = settingsText(locale);
  const [asking, setAsking] = useState(false);
  const [typed, setTyped] = useState('');
  const unsynced = pending + attention > 0;
  const word = t('unpairWord');
  const allowed = !unsynced || typed.trim().toUpperCase() === word;
  return (
    <section className="card card-danger" aria-labelledby="unpair-title" data-testid="unpair-panel">
      <h2 id="unpair-title">{t('unpairTitle')}</h2>
      <p className="muted">{t('unpairIntro')}</p>
      {!asking ? (
        <button type="button" className="button-danger" onClick={() => setAsking(true)}>
          {t('unpair')}
        </button>
      ) : (
        <div role="alertdialog" aria-labelledby="unpair-warning" className="confirm">
          <p id="unpair-warning" className={unsynced ? 'banner banner-danger' : ''}>
            {unsynced
              ? t('unpairUnsynced', {
                  pending: formatNumber(pending, locale),
                  attention: formatNumber(attention, locale),
                })
              : t('unpairSafe')}
          </p>
          {error && (
            <p role="alert" className="banner banner-danger">
              {error}
            </p>
          )}
          {unsynced && (
            <div className="field">
              <label htmlFor="unpair-word">{t('unpairType', { word })}</label>
              <input
                id="unpair-word"
                autoComplete="off"
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
              />
            </div>
          )}
          <div className="form-actions">
            <button
              type="button"
              className="button-danger"
              disabled={!allowed || busy}
              onClick={onUnpair}
            >
              {t('unpairConfirm')}
            </button>
            <button
              type="button"
              className="button-secondary"
              onClick={() => {
                setAsking(false);
                setTyped('');
              }}
            >
              {t('cancel')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
