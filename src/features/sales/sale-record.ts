import type { JournalRow } from '../../data/types';
import type { PaymentMethod } from '../../lib/payments';
import type { Discount, TaxMode } from '../../lib/totals';

/**
 * What the till keeps of its own sales and refunds: the journal rows and the payloads exactly as
 * `sync_push` receives them (docs/sync-protocol.md; supabase/migrations/*_sync_sale.sql and
 * *_sync_void_refund.sql are the server's reading of them).
 */

export interface SaleLinePayload {
  line_id: string;
  product_id: string;
  name: string;
  sku: string | null;
  quantity: number;
  unit_price: number;
  tax_rate_bp: number;
  discount: Discount | null;
  note: string | null;
  price_override: boolean;
}

export interface SalePaymentPayload {
  payment_id: string;
  method: PaymentMethod;
  amount: number;
  tendered: number | null;
  change: number | null;
  reference: string | null;
  status: 'confirmed' | 'pending';
}

export interface SalePayload {
  sale_id: string;
  receipt_no: string;
  outlet_id: string;
  shift_id: string | null;
  customer_id: string | null;
  tax_mode: TaxMode;
  cash_rounding_step: number;
  lines: SaleLinePayload[];
  order_discount: Discount | null;
  totals: {
    subtotal: number;
    line_discount_total: number;
    order_discount_total: number;
    net_total: number;
    tax_total: number;
    total: number;
    rounding: number;
    total_due: number;
  };
  payments: SalePaymentPayload[];
  completed_at: string;
  note: string | null;
}

export interface VoidPayload {
  sale_id: string;
  reason: string;
  voided_at: string;
}

export interface ConfirmPaymentPayload {
  payment_id: string;
  sale_id: string;
  reference: string | null;
  confirmed_at: string;
}

/** Who confirmed a pending payment at this till, and when. */
export interface PaymentConfirmation {
  paymentId: string;
  confirmedAt: string;
  staffId: string;
}

export interface RefundPayload {
  refund_id: string;
  sale_id: string;
  reason: string;
  shift_id: string | null;
  lines: { sale_item_id: string; quantity: number; restock: boolean }[];
  payments: {
    payment_id: string;
    method: PaymentMethod;
    amount: number;
    reference: string | null;
  }[];
  /** What goes back to the customer (the server checks it against its own sum). */
  total: number;
  refunded_at: string;
}

export interface SaleFields {
  id: string;
  receiptNo: string;
  staffId: string;
  approverStaffId: string | null;
  shiftId: string | null;
  total: number;
  due: number;
  change: number;
  status: 'completed' | 'voided';
  payload: SalePayload;
  voidedAt?: string;
  voidReason?: string;
  voidStaffId?: string;
  voidApproverStaffId?: string | null;
  /** Pending payments confirmed later; `payload.payments` then shows them confirmed. */
  confirmations?: PaymentConfirmation[];
}
export type SaleRecord = SaleFields & JournalRow;

export interface RefundLineRecord {
  saleItemId: string;
  productId: string;
  name: string;
  quantity: number;
  amount: number;
  restock: boolean;
}

export interface RefundFields {
  id: string;
  saleId: string;
  receiptNo: string;
  staffId: string;
  approverStaffId: string | null;
  reason: string;
  lines: RefundLineRecord[];
  /** What went back, cash rounding included. */
  due: number;
  payload: RefundPayload;
}
export type RefundRecord = RefundFields & JournalRow;
