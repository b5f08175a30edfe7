import { z } from 'zod';
import { commitCommand } from '../../data/command-tx';
import type { TillContext } from '../../data/till';
import { DomainError } from '../../lib/errors';
import { SalesError } from './model';
import { authorize } from './permissions';
import type { SaleRecord, VoidPayload } from './sale-record';

export const voidSaleInput = z.object({
  saleId: z.uuid(),
  reason: z.string().trim().min(1).max(500),
  approverStaffId: z.uuid().nullable().default(null),
});
export type VoidSaleInput = z.input<typeof voidSaleInput>;

const sameDay = (a: Date, b: Date) => a.toDateString() === b.toDateString();

/**
 * Whether the till may still void this sale: a void undoes a sale in the shift it happened in
 * (without shifts, the same day); later, or once part of it was refunded, a refund is the way.
 */
export function voidBlocker(
  sale: Pick<SaleRecord, 'status' | 'shiftId' | 'createdAt' | 'syncState'>,
  ctx: Pick<TillContext, 'shiftId'>,
  hasRefunds: boolean,
  now: Date,
): SalesError | null {
  if (sale.status === 'voided') return SalesError.ALREADY_VOIDED;
  // The server never took the sale: a void of it could never apply (managers settle it).
  if (sale.syncState === 'rejected') return SalesError.SALE_REJECTED;
  if (hasRefunds) return SalesError.SALE_HAS_REFUNDS;
  const sameShift =
    sale.shiftId === null && ctx.shiftId === null
      ? sameDay(new Date(sale.createdAt), now)
      : sale.shiftId === ctx.shiftId;
  return sameShift ? null : SalesError.OTHER_SHIFT;
}

/**
 * Voids a sale of this till: the journal row is marked voided and a `sale.void` mutation queued in
 * one transaction. The server puts the stock back and marks the tender refunded.
 */
export async function voidSale(ctx: TillContext, raw: VoidSaleInput): Promise<VoidPayload> {
  const parsed = voidSaleInput.safeParse(raw);
  if (!parsed.success) {
    throw new DomainError(SalesError.INVALID_INPUT, { details: { issues: parsed.error.issues } });
  }
  const input = parsed.data;
  await authorize(ctx.db, ctx.staffId, input.approverStaffId, 'sale.void');
  const voidedAt = (ctx.now?.() ?? new Date()).toISOString();

  const { result } = await commitCommand(
    ctx.db,
    async (tx) => {
      const sale = (await ctx.db.sales.get(input.saleId)) as SaleRecord | undefined;
      if (!sale) throw new DomainError(SalesError.UNKNOWN_SALE, { details: { id: input.saleId } });
      const refunds = await ctx.db.refunds.where('saleId').equals(sale.id).count();
      const blocker = voidBlocker(sale, ctx, refunds > 0, new Date(voidedAt));
      if (blocker) throw new DomainError(blocker, { details: { id: sale.id } });

      const payload: VoidPayload = { sale_id: sale.id, reason: input.reason, voided_at: voidedAt };
      // The sale row is this device's record: it shows voided at once, whatever the network.
      await ctx.db.sales.update(sale.id, {
        status: 'voided',
        voidedAt,
        voidReason: input.reason,
        voidStaffId: ctx.staffId,
        voidApproverStaffId: input.approverStaffId,
      });
      tx.enqueue('sale.void', payload, {
        staffId: ctx.staffId,
        approverStaffId: input.approverStaffId,
        catalogVersion: ctx.catalogVersion,
      });
      return payload;
    },
    () => new Date(voidedAt),
  );
  return result;
}
