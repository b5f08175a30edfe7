import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { amountDue, settle, type PaymentMethod } from '../../../../src/lib/payments';
import { formatReceiptNumber } from '../../../../src/lib/receipt-number';
import { mulDivHalfUp, roundCash } from '../../../../src/lib/money';
import { computeTotals, type Discount, type TaxMode } from '../../../../src/lib/totals';
import type { Product, StaffRole, Tenant } from './world';

/** One entry of a sync_push batch (docs/sync-protocol.md §Envelope). */
export interface Mutation {
  id: string;
  device_seq: number;
  kind: string;
  payload: Record<string, unknown>;
  staff_id: string;
  approver_staff_id: string | null;
  created_at: string;
  catalog_version: number;
}

export interface PushResult {
  id: string;
  status: 'applied' | 'duplicate' | 'retry' | 'rejected';
  code?: string;
  message?: string;
  result?: Record<string, unknown>;
  original_status?: 'applied' | 'rejected';
}

export interface SaleLine {
  product: Product;
  quantity: number;
  unitPrice?: number;
  taxRateBp?: number;
  discount?: Discount | null;
  priceOverride?: boolean;
}

export interface SaleOptions {
  staff?: StaffRole;
  approver?: StaffRole | null;
  payments?: PaymentMethod[];
  orderDiscount?: Discount | null;
  shiftId?: string | null;
  customerId?: string | null;
  outletId?: string;
  taxMode?: TaxMode;
  cashRoundingStep?: number;
  catalogVersion?: number;
}

/**
 * A till as the client will be: it numbers its mutations, issues receipt numbers offline, computes
 * totals with src/lib/totals.ts and tender with src/lib/payments.ts, and builds payloads in the
 * shapes of docs/sync-protocol.md.
 */
export class Till {
  seq = 0;
  counter = 0;
  taxMode: TaxMode = 'inclusive';
  cashRoundingStep = 0;
  catalogVersion = 1_000_000;
  /** A deterministic device clock, so two runs of the same script produce the same rows. */
  private ticks = 0;

  constructor(
    readonly tenant: Tenant,
    readonly client: SupabaseClient,
    readonly deviceCode: string = tenant.deviceCode,
  ) {}

  now(): string {
    this.ticks += 1;
    return new Date(Date.UTC(2025, 0, 6, 1, 0, 0) + this.ticks * 1000).toISOString();
  }

  envelope(kind: string, payload: Record<string, unknown>, opts: SaleOptions = {}): Mutation {
    this.seq += 1;
    return {
      id: randomUUID(),
      device_seq: this.seq,
      kind,
      payload,
      staff_id: this.tenant.staff[opts.staff ?? 'cashier'],
      approver_staff_id: opts.approver ? this.tenant.staff[opts.approver] : null,
      created_at: this.now(),
      catalog_version: opts.catalogVersion ?? this.catalogVersion,
    };
  }

  salePayload(lines: SaleLine[], opts: SaleOptions = {}): Record<string, unknown> {
    const taxMode = opts.taxMode ?? this.taxMode;
    const step = opts.cashRoundingStep ?? this.cashRoundingStep;
    const cartLines = lines.map((l) => ({
      quantity: l.quantity,
      unitPrice: l.unitPrice ?? l.product.price,
      taxRateBp: l.taxRateBp ?? l.product.taxRateBp,
      discount: l.discount ?? null,
    }));
    const totals = computeTotals(
      { lines: cartLines, orderDiscount: opts.orderDiscount ?? null },
      { taxMode, cashRoundingStep: step },
    );
    const methods = opts.payments ?? ['cash'];
    const due = amountDue(totals, methods);
    // Split tender: equal shares, the last payment takes the remainder; cash is handed over in
    // Rp5.000 notes and gets change.
    const n = methods.length;
    const base = Math.floor(due / n);
    const offered =
      due === 0
        ? []
        : methods.map((method, i) => {
            const amount = i === n - 1 ? due - base * (n - 1) : base;
            return method === 'cash'
              ? { method, amount, tendered: Math.ceil(amount / 5000) * 5000 }
              : { method, amount };
          });
    const settled = settle(due, offered);
    this.counter += 1;
    return {
      sale_id: randomUUID(),
      receipt_no: formatReceiptNumber({
        outletCode: this.tenant.outletCode,
        deviceCode: this.deviceCode,
        counter: this.counter,
      }),
      outlet_id: opts.outletId ?? this.tenant.outletId,
      shift_id: opts.shiftId ?? null,
      customer_id: opts.customerId ?? null,
      lines: lines.map((l, i) => ({
        line_id: randomUUID(),
        product_id: l.product.id,
        name: l.product.name,
        sku: l.product.sku,
        quantity: l.quantity,
        unit_price: cartLines[i]!.unitPrice,
        tax_rate_bp: cartLines[i]!.taxRateBp,
        discount: l.discount ?? null,
        price_override: l.priceOverride ?? false,
        note: null,
      })),
      order_discount: opts.orderDiscount ?? null,
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
      tax_mode: taxMode,
      cash_rounding_step: step,
      payments: settled.payments.map((p, i) => ({
        payment_id: randomUUID(),
        method: p.method,
        amount: p.applied,
        tendered: p.method === 'cash' ? p.tendered : null,
        change: p.method === 'cash' ? p.tendered - p.applied : null,
        reference: p.method === 'cash' ? null : `REF-${this.counter}-${i}`,
        status: 'confirmed',
      })),
      completed_at: this.now(),
      note: null,
    };
  }

  sale(lines: SaleLine[], opts: SaleOptions = {}): Mutation {
    return this.envelope('sale.complete', this.salePayload(lines, opts), opts);
  }

  void(saleId: string, opts: SaleOptions = {}): Mutation {
    return this.envelope(
      'sale.void',
      { sale_id: saleId, reason: 'salah input', voided_at: this.now() },
      { staff: 'manager', ...opts },
    );
  }

  /**
   * Refunds `quantity` units of some lines of a sale this till built. Each line gives back its share
   * of what it was sold for, on the cumulative quantity (docs/sync-protocol.md §refund.create).
   */
  refund(
    sale: Mutation,
    lines: { line: number; quantity: number; restock?: boolean; previous?: number }[],
    method: PaymentMethod = 'cash',
    opts: SaleOptions = {},
  ): Mutation {
    const p = sale.payload as {
      sale_id: string;
      lines: {
        line_id: string;
        quantity: number;
        unit_price: number;
        tax_rate_bp: number;
        discount: Discount | null;
      }[];
      order_discount: Discount | null;
      tax_mode: TaxMode;
      cash_rounding_step: number;
    };
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
    let total = 0;
    const refundLines = lines.map(({ line, quantity, restock = true, previous = 0 }) => {
      const sold = p.lines[line]!;
      const lineTotal = totals.lines[line]!.total;
      total +=
        mulDivHalfUp(lineTotal, previous + quantity, sold.quantity) -
        mulDivHalfUp(lineTotal, previous, sold.quantity);
      return { sale_item_id: sold.line_id, quantity, restock };
    });
    const due = method === 'cash' ? roundCash(total, p.cash_rounding_step) : total;
    return this.envelope(
      'refund.create',
      {
        refund_id: randomUUID(),
        sale_id: p.sale_id,
        reason: 'barang rusak',
        refunded_at: this.now(),
        shift_id: opts.shiftId ?? null,
        lines: refundLines,
        total: due,
        payments:
          due === 0 ? [] : [{ payment_id: randomUUID(), method, amount: due, reference: null }],
      },
      { staff: 'manager', ...opts },
    );
  }

  shiftOpen(openingFloat = 200_000, opts: SaleOptions = {}): Mutation {
    return this.envelope(
      'shift.open',
      {
        shift_id: randomUUID(),
        outlet_id: this.tenant.outletId,
        opening_float: openingFloat,
        opened_at: this.now(),
      },
      opts,
    );
  }

  shiftClose(shiftId: string, countedCash: number, opts: SaleOptions = {}): Mutation {
    return this.envelope(
      'shift.close',
      { shift_id: shiftId, counted_cash: countedCash, closed_at: this.now(), note: null },
      opts,
    );
  }

  cashMove(shiftId: string, kind: 'in' | 'out', amount: number, opts: SaleOptions = {}): Mutation {
    return this.envelope(
      'cash.move',
      {
        cash_movement_id: randomUUID(),
        shift_id: shiftId,
        kind,
        amount,
        reason: kind === 'in' ? 'tambah modal' : 'beli es batu',
        occurred_at: this.now(),
      },
      opts,
    );
  }

  customer(fields: Record<string, unknown> = {}, opts: SaleOptions = {}): Mutation {
    return this.envelope(
      'customer.upsert',
      { customer_id: randomUUID(), name: 'Pak Joko', phone: '0812-3456-7890', ...fields },
      opts,
    );
  }

  adjust(lines: Record<string, unknown>[], opts: SaleOptions = {}, locationId?: string): Mutation {
    return this.envelope(
      'stock.adjust',
      { location_id: locationId ?? this.tenant.locationId, reason: 'rusak', lines },
      { staff: 'manager', ...opts },
    );
  }

  transfer(lines: Record<string, unknown>[], to: string, opts: SaleOptions = {}): Mutation {
    return this.envelope(
      'stock.transfer',
      {
        transfer_id: randomUUID(),
        from_location_id: this.tenant.locationId,
        to_location_id: to,
        lines,
      },
      { staff: 'manager', ...opts },
    );
  }

  async push(mutations: Mutation[]): Promise<PushResult[]> {
    const { data, error } = await this.client.rpc('sync_push', { mutations });
    if (error) throw new Error(`sync_push failed: ${JSON.stringify(error)}`);
    return (data as { results: PushResult[] }).results;
  }
}

/** The id a mutation's payload creates (sale_id, shift_id, …). */
export function payloadId(m: Mutation, key: string): string {
  return m.payload[key] as string;
}

/** Numbers arrive as number, string (pg's int8) or bigint (PGlite's): compare them as numbers. */
export function num(v: unknown): number {
  return Number(v);
}
