import { z } from 'zod';
import { commitCommand } from '../../data/command-tx';
import type { TillContext } from '../../data/till';
import { DomainError } from '../../lib/errors';
import { SalesError } from './model';
import { authorize } from './permissions';
import type { ConfirmPaymentPayload, PaymentConfirmation, SaleRecord } from './sale-record';

export const confirmPaymentInput = z.object({
  saleId: z.uuid(),
  paymentId: z.uuid(),
  /** The QRIS / e-wallet reference, when the cashier reads it off the customer's phone. */
  reference: z
    .string()
    .trim()
    .max(200)
    .nullable()
    .default(null)
    .transform((r) => (r === '' ? null : r)),
});
export type ConfirmPaymentInput = z.input<typeof confirmPaymentInput>;

/** The pending payments of a sale the till could still confirm. */
export function pendingPayments(sale: Pick<SaleRecord, 'payload' | 'status' | 'syncState'>) {
  if (sale.status === 'voided' || sale.syncState === 'rejected') return [];
  return sale.payload.payments.filter((p) => p.status === 'pending');
}

/**
 * The cashier saw a pending QRIS / e-wallet payment arrive: the sale row shows it confirmed and a
 * `payment.confirm` mutation is queued, in one transaction. The server moves the payment from
 * pending to confirmed once; the sale itself may still be waiting in the outbox before it.
 */
export async function confirmPayment(
  ctx: TillContext,
  raw: ConfirmPaymentInput,
): Promise<ConfirmPaymentPayload> {
  const parsed = confirmPaymentInput.safeParse(raw);
  if (!parsed.success) {
    throw new DomainError(SalesError.INVALID_INPUT, { details: { issues: parsed.error.issues } });
  }
  const input = parsed.data;
  // The same permission as taking the payment: confirming it finishes the sale.
  await authorize(ctx.db, ctx.staffId, null, 'sale.create');
  const confirmedAt = (ctx.now?.() ?? new Date()).toISOString();

  const { result } = await commitCommand(
    ctx.db,
    async (tx) => {
      const sale = (await ctx.db.sales.get(input.saleId)) as SaleRecord | undefined;
      if (!sale) throw new DomainError(SalesError.UNKNOWN_SALE, { details: { id: input.saleId } });
      if (sale.status === 'voided') {
        throw new DomainError(SalesError.SALE_VOIDED, { details: { id: sale.id } });
      }
      // The server never took the sale, so it has no payment to confirm.
      if (sale.syncState === 'rejected') {
        throw new DomainError(SalesError.SALE_REJECTED, { details: { id: sale.id } });
      }
      const i = sale.payload.payments.findIndex((p) => p.payment_id === input.paymentId);
      const payment = sale.payload.payments[i];
      if (!payment) {
        throw new DomainError(SalesError.UNKNOWN_PAYMENT, { details: { id: input.paymentId } });
      }
      // A second tap queues nothing: the first confirmation is already on its way.
      if (payment.status !== 'pending') {
        throw new DomainError(SalesError.PAYMENT_SETTLED, {
          details: { id: payment.payment_id, status: payment.status },
        });
      }

      const payload: ConfirmPaymentPayload = {
        payment_id: payment.payment_id,
        sale_id: sale.id,
        reference: input.reference,
        confirmed_at: confirmedAt,
      };
      tx.enqueue('payment.confirm', payload, {
        staffId: ctx.staffId,
        catalogVersion: ctx.catalogVersion,
      });
      const confirmation: PaymentConfirmation = {
        paymentId: payment.payment_id,
        confirmedAt,
        staffId: ctx.staffId,
      };
      await ctx.db.sales.update(sale.id, {
        payload: {
          ...sale.payload,
          payments: sale.payload.payments.with(i, {
            ...payment,
            status: 'confirmed',
            reference: input.reference ?? payment.reference,
          }),
        },
        confirmations: [...(sale.confirmations ?? []), confirmation],
      });
      return payload;
    },
    () => new Date(confirmedAt),
  );
  return result;
}
