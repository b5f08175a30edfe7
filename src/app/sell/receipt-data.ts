import type { ReceiptData } from '../../features/receipts/model';
import type { SaleRecord } from '../../features/sales/sale-record';
import { computeTotals } from '../../lib/totals';

export interface ShopFacts {
  shopName: string;
  outletName: string | null;
  header: string | null;
  footer: string | null;
  currency: string;
}

/** A sale of this till as its receipt shows it (line discounts recomputed from the snapshot). */
export function receiptFromSale(
  sale: SaleRecord,
  shop: ShopFacts,
  cashier: string | null,
): ReceiptData {
  const p = sale.payload;
  const totals = computeTotals(
    {
      lines: p.lines.map((l) => ({
        quantity: l.quantity,
        unitPrice: l.unit_price,
        taxRateBp: l.tax_rate_bp,
        discount: l.discount,
      })),
      orderDiscount: p.order_discount,
    },
    { taxMode: p.tax_mode, cashRoundingStep: p.cash_rounding_step },
  );
  return {
    shopName: shop.shopName,
    header: shop.header,
    footer: shop.footer,
    outletName: shop.outletName,
    receiptNo: sale.receiptNo,
    issuedAt: p.completed_at,
    cashier,
    currency: shop.currency,
    taxMode: p.tax_mode,
    lines: p.lines.map((l, i) => ({
      name: l.name,
      quantity: l.quantity,
      unitPrice: l.unit_price,
      gross: totals.lines[i]?.gross ?? l.quantity * l.unit_price,
      discount: totals.lines[i]?.lineDiscount ?? 0,
      note: l.note,
    })),
    subtotal: p.totals.subtotal,
    discountTotal: p.totals.line_discount_total + p.totals.order_discount_total,
    taxTotal: p.totals.tax_total,
    rounding: p.payments.every((x) => x.method === 'cash') ? p.totals.rounding : 0,
    totalDue: sale.due,
    payments: p.payments.map((x) => ({
      method: x.method,
      amount: x.amount,
      tendered: x.tendered,
      change: x.change,
      pending: x.status === 'pending',
    })),
    change: sale.change,
    voided: sale.status === 'voided',
  };
}
