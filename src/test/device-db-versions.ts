import Dexie from 'dexie';
import { SCHEMA_HISTORY } from '../data/schema';
import type { AttentionEntry, MutationKind, OutboxEntry } from '../data/types';
import type { SalePayload } from '../features/sales/sale-record';

/**
 * Databases as older releases of the app left them, for the upgrade tests: each declared with the
 * frozen schema of its version and filled with what a till of that release really holds.
 */

/** A database declared exactly as the app declared it at `version`, with that release's upgrades. */
export function openAt(name: string, version: number): Dexie {
  const db = new Dexie(name);
  for (const v of SCHEMA_HISTORY.filter((s) => s.version <= version)) {
    const declared = db.version(v.version).stores(v.stores);
    if (v.upgrade) declared.upgrade(v.upgrade);
  }
  return db;
}

export const TODAY = '2025-01-06T09:00:00.000Z';
export const at = (minute: number) => new Date(Date.parse(TODAY) + minute * 60_000).toISOString();

function salePayload(id: string, counter: number): SalePayload {
  return {
    sale_id: id,
    receipt_no: `JKT1-T2-${String(counter).padStart(6, '0')}`,
    outlet_id: 'a0000000-0000-4000-8000-000000000001',
    shift_id: null,
    customer_id: null,
    tax_mode: 'inclusive',
    cash_rounding_step: 0,
    lines: [
      {
        line_id: crypto.randomUUID(),
        product_id: 'b0000000-0000-4000-8000-000000000001',
        name: 'Air Mineral Kecil',
        sku: 'AIR-330',
        quantity: 1,
        unit_price: 3_000,
        tax_rate_bp: 1100,
        discount: null,
        note: null,
        price_override: false,
      },
    ],
    order_discount: null,
    totals: {
      subtotal: 3_000,
      line_discount_total: 0,
      order_discount_total: 0,
      net_total: 3_000,
      tax_total: 297,
      total: 3_000,
      rounding: 0,
      total_due: 3_000,
    },
    payments: [
      {
        payment_id: crypto.randomUUID(),
        method: 'cash',
        amount: 3_000,
        tendered: 3_000,
        change: 0,
        reference: null,
        status: 'confirmed',
      },
    ],
    completed_at: at(counter),
    note: null,
  };
}

function outboxEntry(seq: number, kind: MutationKind, payload: unknown): OutboxEntry {
  return {
    id: crypto.randomUUID(),
    deviceSeq: seq,
    kind,
    payload,
    staffId: 'c0000000-0000-4000-8000-000000000003',
    approverStaffId: null,
    createdAt: at(seq),
    catalogVersion: 7,
    refs: [],
    attempts: 0,
    nextAttemptAt: 0,
    lastError: null,
  };
}

/**
 * What a version-1 till holds after a morning offline: a synced sale that was voided (void still
 * queued), a sale the server rejected, a pending sale, an opened shift, and its counters.
 */
export async function writeVersion1Till(db: Dexie) {
  const [voided, rejected, pending] = [
    crypto.randomUUID(),
    crypto.randomUUID(),
    crypto.randomUUID(),
  ];
  const shiftId = crypto.randomUUID();
  const sale = (id: string, counter: number, syncState: string, status = 'completed') => {
    const payload = salePayload(id, counter);
    return {
      id,
      receiptNo: payload.receipt_no,
      staffId: 'c0000000-0000-4000-8000-000000000003',
      approverStaffId: null,
      shiftId: null,
      total: 3_000,
      due: 3_000,
      change: 0,
      status,
      payload,
      mutationId: crypto.randomUUID(),
      syncState,
      createdAt: at(counter),
    };
  };
  const rejection = outboxEntry(2, 'sale.complete', salePayload(rejected, 2));
  const entries = {
    shift: outboxEntry(1, 'shift.open', { shift_id: shiftId, opening_float: 200_000 }),
    void: outboxEntry(3, 'sale.void', { sale_id: voided, reason: 'salah input', voided_at: at(4) }),
    pending: outboxEntry(4, 'sale.complete', salePayload(pending, 3)),
  };
  const attention: AttentionEntry = {
    id: rejection.id,
    entry: rejection,
    code: 'unknown_product',
    message: 'product not in this tenant',
    rejectedAt: at(5),
  };
  await db.transaction('rw', db.tables, async () => {
    await db
      .table('sales')
      .bulkAdd([
        sale(voided, 1, 'synced', 'voided'),
        sale(rejected, 2, 'rejected'),
        sale(pending, 3, 'pending'),
      ]);
    await db.table('outbox').bulkAdd(Object.values(entries));
    await db.table('attention').add(attention);
    await db.table('meta').bulkAdd([
      { key: 'deviceSeq', value: 4 },
      { key: 'receiptCounter', value: 3 },
    ]);
    await db.table('products').add({ id: 'b0000000-0000-4000-8000-000000000001', sku: 'AIR-330' });
  });
  return { voided, rejected, pending, entries, rejection };
}
