import { z } from 'zod';
import { commitCommand } from '../../data/command-tx';
import type { TillContext } from '../../data/till';
import { DomainError } from '../../lib/errors';
import { mulDivHalfUp, roundCash, sumAmounts } from '../../lib/money';
import type { PaymentMethod } from '../../lib/payments';
import { computeTotals } from '../../lib/totals';
import { SalesError } from './model';
import { authorize } from './permissions';
import type {
  RefundFields,
  RefundLineRecord,
  RefundPayload,
  RefundRecord,
  SalePayload,
  SaleRecord,
} from './sale-record';

export const refundLineInput = z.object({
  saleItemId: z.uuid(),
  quantity: z.int().positive(),
  restock: z.boolean(),
});

export const createRefundInput = z.object({
  saleId: z.uuid(),
  lines: z.array(refundLineInput).min(1).max(500),
  reason: z.string().trim().min(1).max(500),
  approverStaffId: z.uuid().nullable().default(null),
});
export type CreateRefundInput = z.input<typeof createRefundInput>;

export interface RefundQuote {
  lines: RefundLineRecord[];
  /** Σ line shares, before cash rounding. */
  total: number;
  method: PaymentMethod | null;
  /** What goes back: cash rounds as the sale did. */
  due: number;
}

/** Money goes back by a method the sale was paid with: cash when there was cash. */
export function refundMethod(sale: SalePayload): PaymentMethod | null {
  if (sale.payments.some((p) => p.method === 'cash')) return 'cash';
  return sale.payments[0]?.method ?? null;
}

/** Units of each sale line already refunded on this till. */
export function refundedQuantities(refunds: readonly RefundRecord[]): Map<string, number> {
  const done = new Map<string, number>();
  for (const r of refunds) {
    for (const l of r.lines) done.set(l.saleItemId, (done.get(l.saleItemId) ?? 0) + l.quantity);
  }
  return done;
}

/**
 * What a refund gives back, computed as the server does (app.sync_refund_create): each line's
 * share of what it sold for, on the cumulative refunded quantity, share(q) = round_half_up(total ×
 * q / quantity), so refunding a line in any number of parts returns exactly its total.
 */
export function quoteRefund(
  sale: SalePayload,
  refunded: ReadonlyMap<string, number>,
  request: readonly z.infer<typeof refundLineInput>[],
): RefundQuote {
  const totals = computeTotals(
    {
      lines: sale.lines.map((l) => ({
        quantity: l.quantity,
        unitPrice: l.unit_price,
        taxRateBp: l.tax_rate_bp,
        discount: l.discount,
      })),
      orderDiscount: sale.order_discount,
    },
    { taxMode: sale.tax_mode, cashRoundingStep: sale.cash_rounding_step },
  );
  const seen = new Set<string>();
  const lines = request.map((r): RefundLineRecord => {
    const i = sale.lines.findIndex((l) => l.line_id === r.saleItemId);
    const line = sale.lines[i];
    const sold = totals.lines[i];
    if (!line || !sold || seen.has(r.saleItemId)) {
      throw new DomainError(SalesError.INVALID_INPUT, { details: { saleItemId: r.saleItemId } });
    }
    seen.add(r.saleItemId);
    const prev = refunded.get(line.line_id) ?? 0;
    if (prev + r.quantity > line.quantity) {
      throw new DomainError(SalesError.REFUND_EXCEEDS_SALE, {
        details: { saleItemId: line.line_id, sold: line.quantity, refunded: prev },
      });
    }
    const share = (q: number) => mulDivHalfUp(sold.total, q, line.quantity);
    return {
      saleItemId: line.line_id,
      productId: line.product_id,
      name: line.name,
      quantity: r.quantity,
      amount: share(prev + r.quantity) - share(prev),
      restock: r.restock,
    };
  });
  const total = sumAmounts(lines.map((l) => l.amount));
  const method = total > 0 ? refundMethod(sale) : null;
  const due = method === 'cash' ? roundCash(total, sale.cash_rounding_step) : total;
  return { lines, total, method, due };
}

/**
 * Refunds some or all of a sale of this till, with or without putting the goods back on the
 * shelf: a refund journal row and a `refund.create` mutation in one transaction.
 */
export async function createRefund(
  ctx: TillContext,
  raw: CreateRefundInput,
): Promise<RefundFields> {
  const parsed = createRefundInput.safeParse(raw);
  if (!parsed.success) {
    throw new DomainError(SalesError.INVALID_INPUT, { details: { issues: parsed.error.issues } });
  }
  const input = parsed.data;
  await authorize(ctx.db, ctx.staffId, input.approverStaffId, 'refund.create');
  const refundedAt = (ctx.now?.() ?? new Date()).toISOString();

  const { result } = await commitCommand(
    ctx.db,
    async (tx) => {
      const sale = (await ctx.db.sales.get(input.saleId)) as SaleRecord | undefined;
      if (!sale) throw new DomainError(SalesError.UNKNOWN_SALE, { details: { id: input.saleId } });
      if (sale.status === 'voided') throw new DomainError(SalesError.SALE_VOIDED);
      if (sale.syncState === 'rejected') throw new DomainError(SalesError.SALE_REJECTED);
      const earlier = (await ctx.db.refunds
        .where('saleId')
        .equals(sale.id)
        .toArray()) as RefundRecord[];
      const quote = quoteRefund(sale.payload, refundedQuantities(earlier), input.lines);

      const refundId = crypto.randomUUID();
      const payload: RefundPayload = {
        refund_id: refundId,
        sale_id: sale.id,
        reason: input.reason,
        shift_id: ctx.shiftId,
        lines: input.lines.map((l) => ({
          sale_item_id: l.saleItemId,
          quantity: l.quantity,
          restock: l.restock,
        })),
        payments:
          quote.method !== null && quote.due > 0
            ? [
                {
                  payment_id: crypto.randomUUID(),
                  method: quote.method,
                  amount: quote.due,
                  reference: null,
                },
              ]
            : [],
        total: quote.due,
        refunded_at: refundedAt,
      };
      const row: RefundFields = {
        id: refundId,
        saleId: sale.id,
        receiptNo: sale.receiptNo,
        staffId: ctx.staffId,
        approverStaffId: input.approverStaffId,
        reason: input.reason,
        lines: quote.lines,
        due: quote.due,
        payload,
      };
      tx.journal('refunds', { ...row });
      tx.enqueue('refund.create', payload, {
        staffId: ctx.staffId,
        approverStaffId: input.approverStaffId,
        catalogVersion: ctx.catalogVersion,
      });
      return row;
    },
    () => new Date(refundedAt),
  );
  return result;
}
