import type { Locale } from '../../../lib/i18n';
import { formatDateTime, INTL_LOCALE } from '../../../lib/i18n';
import { formatMoney } from '../../../lib/money';
import { pendingPayments } from '../confirm-payment';
import { methodName, salesText } from '../messages';
import type { HistoryEntry } from '../repo';

export interface HistoryListProps {
  entries: readonly HistoryEntry[];
  currency: string;
  locale: Locale;
  /** Why a sale cannot be voided now (another shift, refunded…), or null. */
  voidBlocked(entry: HistoryEntry): string | null;
  onReceipt(entry: HistoryEntry): void;
  onVoid(entry: HistoryEntry): void;
  onRefund(entry: HistoryEntry): void;
  /** The cashier saw a pending QRIS / e-wallet payment arrive. */
  onConfirmPayment(entry: HistoryEntry, paymentId: string): void;
}

/** Today's sales of this till, newest first, each with where it stands with the server. */
export function HistoryList({ entries, currency, locale, voidBlocked, ...on }: HistoryListProps) {
  const t = salesText(locale);
  const money = (amount: number) => formatMoney(amount, currency, INTL_LOCALE[locale]);
  if (entries.length === 0) return <p>{t('historyEmpty')}</p>;
  return (
    <ul className="history" data-testid="history">
      {entries.map((entry) => {
        const { sale } = entry;
        const refunded = entry.refunds.reduce((s, r) => s + r.due, 0);
        const voided = sale.status === 'voided';
        const blocked = voidBlocked(entry);
        const pending = pendingPayments(sale);
        const refundable = !voided && sale.syncState !== 'rejected';
        const state =
          sale.syncState === 'rejected'
            ? t('syncRejected')
            : sale.syncState === 'synced'
              ? t('syncSynced')
              : t('syncPending');
        return (
          <li key={sale.id} className="history-row" data-testid="history-row">
            <div className="history-main">
              <strong>{sale.receiptNo}</strong>
              <span className="muted">{formatDateTime(sale.createdAt, locale)}</span>
              <span className="history-amount">{money(sale.due)}</span>
            </div>
            <div className="history-badges">
              <span className={`badge badge-${sale.syncState}`} data-testid="sync-state">
                {state}
              </span>
              {voided && <span className="badge badge-voided">{t('voided')}</span>}
              {entry.voidState === 'pending' && (
                <span className="badge badge-pending">{t('voidPending')}</span>
              )}
              {refunded > 0 && (
                <span className="badge">{t('refunded', { amount: money(refunded) })}</span>
              )}
              {entry.rejection && <span className="badge badge-rejected">{entry.rejection}</span>}
              {pending.map((p) => (
                <span
                  key={p.payment_id}
                  className="badge badge-awaiting"
                  data-testid="payment-pending"
                >
                  {t('paymentPending', {
                    method: methodName(p.method, locale),
                    amount: money(p.amount),
                  })}
                </span>
              ))}
            </div>
            <div className="history-actions">
              {pending.map((p) => (
                <button
                  key={p.payment_id}
                  type="button"
                  aria-label={t('confirmPaymentLabel', {
                    method: methodName(p.method, locale),
                    amount: money(p.amount),
                    receipt: sale.receiptNo,
                  })}
                  onClick={() => on.onConfirmPayment(entry, p.payment_id)}
                >
                  {t('confirmPayment', { method: methodName(p.method, locale) })}
                </button>
              ))}
              <button
                type="button"
                className="button-secondary"
                onClick={() => on.onReceipt(entry)}
              >
                {t('reprint')}
              </button>
              <button
                type="button"
                className="button-secondary"
                disabled={blocked !== null}
                title={blocked ?? undefined}
                onClick={() => on.onVoid(entry)}
              >
                {t('void')}
              </button>
              <button
                type="button"
                className="button-secondary"
                disabled={!refundable}
                onClick={() => on.onRefund(entry)}
              >
                {t('refund')}
              </button>
            </div>
            {blocked && !voided && <p className="muted history-note">{blocked}</p>}
          </li>
        );
      })}
    </ul>
  );
}
