import type { RunningStack } from '../../../local/stack';

/**
 * Everything a push can change for one tenant, with server-side timestamps and server-generated
 * ids left out, so that two runs of the same mutations can be compared row for row.
 */
const QUERIES: Record<string, string> = {
  sales: `select id, outlet_id, location_id, device_id, shift_id, customer_id, staff_id, approver_staff_id,
            receipt_no, status, catalog_version, tax_mode, cash_rounding_step, order_discount, subtotal,
            line_discount_total, order_discount_total, net_total, tax_total, total, rounding, total_due,
            paid_total, change_total, tax_breakdown, completed_at, note, mutation_id, voided_at, void_reason,
            void_staff_id, void_approver_staff_id, void_mutation_id
          from public.sales where tenant_id = $1`,
  sale_items: `select id, sale_id, line_no, product_id, name, sku, quantity, unit_price, catalog_price,
                 catalog_tax_rate_bp, tax_rate_bp, discount, price_override, gross, line_discount,
                 order_discount, net, tax, total, note
               from public.sale_items where tenant_id = $1`,
  payments: `select id, sale_id, refund_id, method, amount, tendered, change, external_reference, status
             from public.payments where tenant_id = $1`,
  refunds: `select id, sale_id, outlet_id, location_id, device_id, shift_id, staff_id, approver_staff_id,
              reason, total, tax_total, rounding, total_due, refunded_at, mutation_id
            from public.refunds where tenant_id = $1`,
  refund_items: `select refund_id, sale_item_id, product_id, quantity, amount, tax, restock
                 from public.refund_items where tenant_id = $1`,
  stock_movements: `select product_id, location_id, kind, quantity, sale_id, sale_item_id, refund_id, batch_id,
                      mutation_id, device_id, staff_id, approver_staff_id, reason, note, reference, unit_cost
                    from public.stock_movements where tenant_id = $1 and kind <> 'receiving'`,
  stock_levels: `select product_id, location_id, quantity from public.stock_levels where tenant_id = $1`,
  shifts: `select id, outlet_id, device_id, opened_by_staff_id, opening_float, opened_at, closed_by_staff_id,
             closed_at, counted_cash, expected_cash, variance, note, open_mutation_id, close_mutation_id
           from public.shifts where tenant_id = $1`,
  cash_movements: `select id, shift_id, device_id, staff_id, kind, amount, reason, occurred_at, mutation_id
                   from public.cash_movements where tenant_id = $1`,
  customers: `select id, name, phone, email, note, version, deleted_at is not null as deleted
              from public.customers where tenant_id = $1`,
  sync_mutations: `select id, device_id, device_seq, kind, staff_id, approver_staff_id, catalog_version,
                     device_created_at, status, code, message, result, payload
                   from public.sync_mutations where tenant_id = $1`,
  alerts: `select kind, payload, product_id, location_id, sale_id, device_id, mutation_id, occurrences
           from public.alerts where tenant_id = $1`,
};

export type Snapshot = Record<string, unknown[]>;

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** Replaces ids (and other per-run strings) by stable labels, deep. */
function relabel(
  value: unknown,
  labels: Map<string, string>,
  strings: [string, string][],
): unknown {
  if (typeof value === 'string') {
    let s = value.replace(UUID, (id) => labels.get(id) ?? `<unlabelled ${id}>`);
    for (const [from, to] of strings) s = s.split(from).join(to);
    return s;
  }
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map((v) => relabel(v, labels, strings));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        relabel(v, labels, strings),
      ]),
    );
  }
  return value;
}

export async function snapshot(
  stack: RunningStack,
  tenantId: string,
  labels: Map<string, string>,
  strings: [string, string][] = [],
): Promise<Snapshot> {
  const out: Snapshot = {};
  for (const [table, sql] of Object.entries(QUERIES)) {
    const { rows } = await stack.db.query(sql, [tenantId]);
    out[table] = rows
      .map((r) => relabel(r, labels, strings))
      .map((r) => JSON.stringify(r))
      .sort()
      .map((r) => JSON.parse(r) as unknown);
  }
  return out;
}
