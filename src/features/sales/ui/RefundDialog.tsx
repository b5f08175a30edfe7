import { useState } from 'react';
import type { Locale } from '../../../lib/i18n';
import { INTL_LOCALE } from '../../../lib/i18n';
import { formatMoney } from '../../../lib/money';
import { errorText, methodName, salesText } from '../messages';
import { orNull } from '../model';
import { quoteRefund, refundedQuantities } from '../refund';
import type { HistoryEntry } from '../repo';
import { Dialog } from './Dialog';

export interface RefundRequestLine {
  saleItemId: string;
  quantity: number;
  restock: boolean;
}

export interface RefundDialogProps {
  entry: HistoryEntry;
  currency: string;
  locale: Locale;
  onRefund(lines: RefundRequestLine[], reason: string): Promise<void>;
  onClose(): void;
}

/** Refund the whole sale or some units of some lines, each restocked or not. */
export function RefundDialog({ entry, currency, locale, onRefund, onClose }: RefundDialogProps) {
  const t = salesText(locale);
  const money = (amount: number) => formatMoney(amount, currency, INTL_LOCALE[locale]);
  const sale = entry.sale.payload;
  const done = refundedQuantities(entry.refunds);
  const left = (id: string, sold: number) => sold - (done.get(id) ?? 0);
  const [qty, setQty] = useState<Record<string, number>>({});
  const [restock, setRestock] = useState<Record<string, boolean>>({});
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const request: RefundRequestLine[] = sale.lines
    .filter((l) => (qty[l.line_id] ?? 0) > 0)
    .map((l) => ({
      saleItemId: l.line_id,
      quantity: qty[l.line_id]!,
      restock: restock[l.line_id] ?? true,
    }));
  const quote = request.length > 0 ? orNull(() => quoteRefund(sale, done, request)) : null;

  async function submit() {
    setBusy(true);
    setError(null);
    try {
      await onRefund(request, reason.trim());
      onClose();
    } catch (e) {
      setError(errorText(e, locale));
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={t('refundTitle', { receipt: entry.sale.receiptNo })}
      onClose={onClose}
      wide
      testId="refund-dialog"
    >
      <button
        type="button"
        className="button-secondary"
        onClick={() =>
          setQty(
            Object.fromEntries(sale.lines.map((l) => [l.line_id, left(l.line_id, l.quantity)])),
          )
        }
      >
        {t('refundAll')}
      </button>
      <ul className="refund-lines">
        {sale.lines.map((l) => {
          const max = left(l.line_id, l.quantity);
          return (
            <li key={l.line_id}>
              <label>
                <span>{t('refundQty', { name: l.name, max })}</span>
                <input
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={max}
                  step={1}
                  disabled={max === 0}
                  value={qty[l.line_id] ?? 0}
                  onChange={(e) => {
                    const n = Math.trunc(Number(e.target.value));
                    setQty({
                      ...qty,
                      [l.line_id]: Number.isFinite(n) ? Math.min(Math.max(n, 0), max) : 0,
                    });
                  }}
                />
              </label>
              <label className="check">
                <input
                  type="checkbox"
                  checked={restock[l.line_id] ?? true}
                  onChange={(e) => setRestock({ ...restock, [l.line_id]: e.target.checked })}
                />
                {t('restock')}
              </label>
            </li>
          );
        })}
      </ul>
      <div className="field">
        <label htmlFor="refund-reason">{t('refundReason')}</label>
        <input
          id="refund-reason"
          value={reason}
          maxLength={500}
          onChange={(e) => setReason(e.target.value)}
        />
      </div>
      {quote && (
        <p data-testid="refund-total">
          {t('refundTotal', {
            amount: money(quote.due),
            method: quote.method ? methodName(quote.method, locale) : '—',
          })}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="button-secondary" onClick={onClose}>
          {t('cancel')}
        </button>
        <button
          type="button"
          className="button-danger"
          disabled={!quote || reason.trim() === '' || busy}
          onClick={() => void submit()}
        >
          {t('refundConfirm')}
        </button>
      </div>
    </Dialog>
  );
}
