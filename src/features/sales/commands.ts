import { z } from 'zod';
import { commitPrepared } from '../../data/command-tx';
import type { TillContext } from '../../data/till';
import type { MetaRow } from '../../data/types';
import { DomainError, ErrorCode } from '../../lib/errors';
import { amountDue, PAYMENT_METHODS, settle } from '../../lib/payments';
import { formatReceiptNumber } from '../../lib/receipt-number';
import { computeTotals, discountSchema, type CartTotals } from '../../lib/totals';
import { authorize } from './permissions';
import type { SaleFields, SalePayload } from './sale-record';

export const saleLineInput = z.object({
  productId: z.uuid(),
  name: z.string().min(1).max(200),
  sku: z.string().max(40).nullable().default(null),
  quantity: z.int().positive(),
  unitPrice: z.int().min(0),
  taxRateBp: z.int().min(0).max(10_000),
  discount: discountSchema.nullable().default(null),
  note: z.string().max(500).nullable().default(null),
  priceOverride: z.boolean().default(false),
});

export const salePaymentInput = z.object({
  method: z.enum(PAYMENT_METHODS),
  amount: z.int().positive(),
  tendered: z.int().positive().optional(),
  reference: z.string().max(200).nullable().default(null),
  /** Non-cash payments stay pending until the cashier confirms them. */
  confirmed: z.boolean().default(true),
});

export type SalePaymentInput = z.input<typeof salePaymentInput>;

export const completeSaleInput = z.object({
  lines: z.array(saleLineInput).min(1).max(500),
  orderDiscount: discountSchema.nullable().default(null),
  payments: z.array(salePaymentInput).min(1).max(10),
  customerId: z.uuid().nullable().default(null),
  note: z.string().max(500).nullable().default(null),
  approverStaffId: z.uuid().nullable().default(null),
});
export type CompleteSaleInput = z.input<typeof completeSaleInput>;

export interface CompletedSale {
  id: string;
  receiptNo: string;
  totals: CartTotals;
  due: number;
  change: number;
  mutationId: string;
}

/**
 * Completes a sale on the till: totals and tender are checked with the same rules the server
 * applies, then the sale row, its outbox entry and the receipt counter commit in one durable
 * transaction. The receipt number needs no server: outlet + device code + this device's counter.
 */
export async function completeSale(
  ctx: TillContext,
  raw: CompleteSaleInput,
  /** The till's own state that changes with the sale (the paid cart cleared), saved with it. */
  alsoSave: readonly MetaRow[] = [],
): Promise<CompletedSale> {
  const parsed = completeSaleInput.safeParse(raw);
  if (!parsed.success) {
    throw new DomainError(ErrorCode.INVALID_CART, { details: { issues: parsed.error.issues } });
  }
  const input = parsed.data;
  const totals = computeTotals(
    { lines: input.lines, orderDiscount: input.orderDiscount },
    { taxMode: ctx.settings.taxMode, cashRoundingStep: ctx.settings.cashRoundingStep },
  );
  const due = amountDue(
    totals,
    input.payments.map((p) => p.method),
  );
  const settlement = settle(due, input.payments);
  if (settlement.payments.some((p) => p.applied === 0)) {
    throw new DomainError(ErrorCode.INVALID_PAYMENT, { details: { reason: 'payment_not_needed' } });
  }
  // The server asks for discount.override whenever a discount takes anything off.
  if (totals.lineDiscountTotal > 0 || totals.orderDiscountTotal > 0) {
    await authorize(ctx.db, ctx.staffId, input.approverStaffId, 'discount.override');
  }
  if (input.lines.some((l) => l.priceOverride)) {
    await authorize(ctx.db, ctx.staffId, input.approverStaffId, 'price.override');
  }

  const saleId = crypto.randomUUID();
  const completedAt = (ctx.now?.() ?? new Date()).toISOString();
  const { result, entry } = await commitPrepared(
    ctx.db,
    (tx) => {
      const receiptNo = formatReceiptNumber({
        outletCode: ctx.device.outletCode,
        deviceCode: ctx.device.deviceCode,
        counter: tx.nextReceiptCounter(),
      });
      const payload: SalePayload = {
        sale_id: saleId,
        receipt_no: receiptNo,
        outlet_id: ctx.device.outletId,
        shift_id: ctx.shiftId,
        customer_id: input.customerId,
        tax_mode: ctx.settings.taxMode,
        cash_rounding_step: ctx.settings.cashRoundingStep,
        lines: input.lines.map((l) => ({
          line_id: crypto.randomUUID(),
          product_id: l.productId,
          name: l.name,
          sku: l.sku,
          quantity: l.quantity,
          unit_price: l.unitPrice,
          tax_rate_bp: l.taxRateBp,
          discount: l.discount,
          note: l.note,
          price_override: l.priceOverride,
        })),
        order_discount: input.orderDiscount,
        totals: {
          subtotal: totals.subtotal,
          line_discount_total: totals.lineDiscountTotal,
          order_discount_total: totals.orderDiscountTotal,
          net_total: totals.netTotal,
          tax_total: totals.taxTotal,
          total: totals.total,
          rounding: totals.rounding,
          total_due: totals.totalDue,
        },
        payments: settlement.payments.map((p, i) => {
          const given = input.payments[i]!;
          const cash = p.method === 'cash';
          return {
            payment_id: crypto.randomUUID(),
            method: p.method,
            amount: p.applied,
            tendered: cash ? p.tendered : null,
            change: cash ? p.tendered - p.applied : null,
            reference: given.reference,
            status: cash || given.confirmed ? 'confirmed' : 'pending',
          };
        }),
        completed_at: completedAt,
        note: input.note,
      };
      const row: SaleFields = {
        id: saleId,
        receiptNo,
        staffId: ctx.staffId,
        approverStaffId: input.approverStaffId,
        shiftId: ctx.shiftId,
        total: totals.total,
        due,
        change: settlement.change,
        status: 'completed',
        payload,
      };
      tx.journal('sales', { ...row });
      for (const meta of alsoSave) tx.putMeta(meta);
      tx.enqueue('sale.complete', payload, {
        staffId: ctx.staffId,
        approverStaffId: input.approverStaffId,
        catalogVersion: ctx.catalogVersion,
      });
      return receiptNo;
    },
    () => new Date(completedAt),
  );
  return {
    id: saleId,
    receiptNo: result,
    totals,
    due,
    change: settlement.change,
    mutationId: entry.id,
  };
}
