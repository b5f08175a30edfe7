import { useState } from 'react';
import { confirmPayment } from '../../features/sales/confirm-payment';
import { salesText, errorText, methodName } from '../../features/sales/messages';
import type { RequestApproval } from '../../features/sales/model';
import { createRefund } from '../../features/sales/refund';
import { readHistory, type HistoryEntry } from '../../features/sales/repo';
import { HistoryList } from '../../features/sales/ui/HistoryList';
import { RefundDialog } from '../../features/sales/ui/RefundDialog';
import { VoidDialog } from '../../features/sales/ui/VoidDialog';
import { voidBlocker, voidSale } from '../../features/sales/void-sale';
import { may } from '../../features/staff/slice';
import type { TillContext } from '../../data/till';
import { DomainError } from '../../lib/errors';
import { INTL_LOCALE, type Locale } from '../../lib/i18n';
import { formatMoney } from '../../lib/money';
import { db } from '../db';
import { useLiveQuery } from '../live';
import { useAppStore } from '../store';
import { startOfToday } from './shop';

export interface HistoryPanelProps {
  ctx: TillContext;
  locale: Locale;
  currency: string;
  requestApproval: RequestApproval;
  onReceipt(saleId: string): void;
}

/** Today's sales of this till, with void (same shift) and refund, approved on the spot. */
export function HistoryPanel({
  ctx,
  locale,
  currency,
  requestApproval,
  onReceipt,
}: HistoryPanelProps) {
  const t = salesText(locale);
  const staff = useAppStore((s) => s.unlockedStaff);
  const entries = useLiveQuery(() => readHistory(db, startOfToday()), [], [] as HistoryEntry[]);
  const [voiding, setVoiding] = useState<HistoryEntry | null>(null);
  const [refunding, setRefunding] = useState<HistoryEntry | null>(null);
  const [notice, setNotice] = useState<{ tone: 'info' | 'error'; text: string } | null>(null);

  async function confirm(entry: HistoryEntry, paymentId: string) {
    const payment = entry.sale.payload.payments.find((p) => p.payment_id === paymentId);
    try {
      await confirmPayment(ctx, { saleId: entry.sale.id, paymentId });
      if (payment) {
        setNotice({
          tone: 'info',
          text: t('paymentConfirmedNow', {
            method: methodName(payment.method, locale),
            amount: formatMoney(payment.amount, currency, INTL_LOCALE[locale]),
          }),
        });
      }
    } catch (e) {
      setNotice({ tone: 'error', text: errorText(e, locale) });
    }
  }

  /** The member's own permission, or a manager's approval; a refusal is an error to show. */
  async function approver(permission: 'sale.void' | 'refund.create'): Promise<string | null> {
    if (may(staff, permission)) return null;
    const answer = await requestApproval({ permission });
    if (!answer) throw new DomainError('approval_required');
    return answer.approverStaffId;
  }

  return (
    <section aria-labelledby="history-title" className="history-panel">
      <h2 id="history-title">{t('history')}</h2>
      {notice && (
        <p
          className={notice.tone === 'error' ? 'notice notice-error' : 'notice'}
          role={notice.tone === 'error' ? 'alert' : 'status'}
          data-testid="history-notice"
        >
          {notice.text}
        </p>
      )}
      <HistoryList
        entries={entries}
        currency={currency}
        locale={locale}
        voidBlocked={(entry) => {
          const code = voidBlocker(entry.sale, ctx, entry.refunds.length > 0, new Date());
          if (code === null) return null;
          // A voided sale says so with its badge; the others say why they cannot be voided.
          return code === 'already_voided' ? '' : errorText(new DomainError(code), locale);
        }}
        onReceipt={(entry) => onReceipt(entry.sale.id)}
        onVoid={setVoiding}
        onRefund={setRefunding}
        onConfirmPayment={(entry, paymentId) => void confirm(entry, paymentId)}
      />
      {voiding && (
        <VoidDialog
          receiptNo={voiding.sale.receiptNo}
          locale={locale}
          onClose={() => setVoiding(null)}
          onVoid={async (reason) => {
            const approverStaffId = await approver('sale.void');
            await voidSale(ctx, { saleId: voiding.sale.id, reason, approverStaffId });
          }}
        />
      )}
      {refunding && (
        <RefundDialog
          entry={refunding}
          currency={currency}
          locale={locale}
          onClose={() => setRefunding(null)}
          onRefund={async (lines, reason) => {
            const approverStaffId = await approver('refund.create');
            await createRefund(ctx, { saleId: refunding.sale.id, lines, reason, approverStaffId });
          }}
        />
      )}
    </section>
  );
}
