import { useState } from 'react';
import type { Locale } from '../../../lib/i18n';
import { formatDateTime, INTL_LOCALE } from '../../../lib/i18n';
import { formatMoney } from '../../../lib/money';
import { receiptText } from '../messages';
import { COLUMNS, receiptAsText, type ReceiptData } from '../model';
import { printReceipt } from '../print';
import { shareImage, shareText, type ShareOutcome } from '../share';
import './receipt.css';

export interface ReceiptViewProps {
  receipt: ReceiptData;
  locale: Locale;
}

/**
 * The receipt on screen, and the same element printed on 58 or 80 mm thermal paper (the print
 * stylesheet hides everything else). Sharing sends the plain-text layout, or an image of it.
 */
export function ReceiptView({ receipt: r, locale }: ReceiptViewProps) {
  const t = receiptText(locale);
  const money = (amount: number) => formatMoney(amount, r.currency, INTL_LOCALE[locale]);
  const [notice, setNotice] = useState<string | null>(null);
  const lineDiscounts = r.lines.reduce((s, l) => s + l.discount, 0);
  const title = t('receipt', { receipt: r.receiptNo });

  async function share(kind: 'text' | 'image') {
    const text = receiptAsText(r, locale, COLUMNS[58]);
    try {
      const outcome: ShareOutcome =
        kind === 'text'
          ? await shareText(title, text)
          : await shareImage(title, text, `${r.receiptNo}.png`);
      if (outcome !== 'cancelled') setNotice(t(outcome));
    } catch (e) {
      setNotice(t('shareFailed', { reason: e instanceof Error ? e.message : String(e) }));
    }
  }

  return (
    <div className="receipt-wrap">
      <article className="receipt receipt-print" aria-label={title} data-testid="receipt">
        <header>
          <strong className="receipt-shop">{r.shopName}</strong>
          {r.header
            ?.split('\n')
            .filter((h) => h.trim() && h.trim() !== r.shopName.trim())
            .map((h) => (
              <div key={h}>{h}</div>
            ))}
        </header>
        <dl className="receipt-meta">
          <div>
            <dt>{t('receiptNo')}</dt>
            <dd data-testid="receipt-no">{r.receiptNo}</dd>
          </div>
          <div>
            <dt>{t('date')}</dt>
            <dd>{formatDateTime(r.issuedAt, locale)}</dd>
          </div>
          {r.cashier && (
            <div>
              <dt>{t('cashier')}</dt>
              <dd>{r.cashier}</dd>
            </div>
          )}
        </dl>
        {r.voided && <p className="receipt-voided">*** {t('voided')} ***</p>}
        <ul className="receipt-lines">
          {r.lines.map((l, i) => (
            <li key={i}>
              <div>{l.name}</div>
              <div className="receipt-row">
                <span>
                  {l.quantity} × {money(l.unitPrice)}
                </span>
                <span>{money(l.gross)}</span>
              </div>
              {l.discount > 0 && (
                <div className="receipt-row">
                  <span>{t('discount')}</span>
                  <span>−{money(l.discount)}</span>
                </div>
              )}
              {l.note && <div className="receipt-note">{l.note}</div>}
            </li>
          ))}
        </ul>
        <dl className="receipt-totals">
          <div>
            <dt>{t('subtotal')}</dt>
            <dd>{money(r.subtotal)}</dd>
          </div>
          {r.discountTotal > lineDiscounts && (
            <div>
              <dt>{t('orderDiscount')}</dt>
              <dd>−{money(r.discountTotal - lineDiscounts)}</dd>
            </div>
          )}
          {r.taxTotal > 0 && (
            <div>
              <dt>{r.taxMode === 'inclusive' ? t('taxIncluded') : t('tax')}</dt>
              <dd>{money(r.taxTotal)}</dd>
            </div>
          )}
          {r.rounding !== 0 && (
            <div>
              <dt>{t('rounding')}</dt>
              <dd>{money(r.rounding)}</dd>
            </div>
          )}
          <div className="receipt-total">
            <dt>{t('total')}</dt>
            <dd data-testid="receipt-total">{money(r.totalDue)}</dd>
          </div>
          {r.payments.map((p, i) => (
            <div key={i}>
              <dt>
                {t(p.method)}
                {p.pending && ` (${t('pending')})`}
              </dt>
              <dd>{money(p.tendered ?? p.amount)}</dd>
            </div>
          ))}
          {r.change > 0 && (
            <div>
              <dt>{t('change')}</dt>
              <dd data-testid="receipt-change">{money(r.change)}</dd>
            </div>
          )}
        </dl>
        {r.footer && (
          <footer>
            {r.footer.split('\n').map((f) => (
              <div key={f}>{f}</div>
            ))}
          </footer>
        )}
      </article>
      <div className="receipt-actions no-print">
        <button type="button" className="button-secondary" onClick={() => printReceipt(58)}>
          {t('print58')}
        </button>
        <button type="button" className="button-secondary" onClick={() => printReceipt(80)}>
          {t('print80')}
        </button>
        <button type="button" className="button-secondary" onClick={() => void share('text')}>
          {t('shareText')}
        </button>
        <button type="button" className="button-secondary" onClick={() => void share('image')}>
          {t('shareImage')}
        </button>
      </div>
      {notice && (
        <p role="status" className="no-print">
          {notice}
        </p>
      )}
    </div>
  );
}
