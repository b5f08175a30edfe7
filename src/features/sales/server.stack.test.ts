import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type RunningStack } from '../../../supabase/local/stack';
import { createTestDatabase, type TestDatabase } from '../../../supabase/tests/helpers/stack';
import type { TillContext } from '../../data/till';
import { createSyncEngine } from '../../sync/engine';
import { pullAll } from '../../sync/pull';
import { supabaseTransport } from '../../sync/supabase-transport';
import { pairTestTill, tillContext, type TestTill } from '../../test/till';
import { completeSale } from './commands';
import { createRefund } from './refund';
import type { SaleRecord } from './sale-record';
import { voidSale } from './void-sale';

// The till's sale, void and refund payloads pushed through the real sync_push: the server's own
// reading of them (totals recomputed, tender, permissions with the approver, stock) accepts them.

let database: TestDatabase;
let stack: RunningStack;
let till: TestTill;
let ctx: TillContext;
let budi: string;
let products: { id: string; name: string; price: number; tax: number }[];

beforeAll(async () => {
  database = await createTestDatabase();
  stack = await startStack({ port: 0, db: database.spec, supabaseDir: 'supabase' });
  till = await pairTestTill(stack, { dbName: 'till-sales-server' });
  await pullAll(till.db, supabaseTransport(till.client));
  ctx = await tillContext(till.db, 'Ani');
  budi = (await till.db.replica('staff').toArray()).find((s) => s.name === 'Budi')!.id;
  products = (await till.db.replica('products').limit(5).toArray()).map((p) => ({
    id: p.id,
    name: p.name as string,
    price: Number(p.price),
    tax: Number(p.tax_rate_bp),
  }));
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  await database?.drop();
});

const line = (i: number, quantity: number) => ({
  productId: products[i]!.id,
  name: products[i]!.name,
  quantity,
  unitPrice: products[i]!.price,
  taxRateBp: products[i]!.tax,
});

async function query<T>(sql: string, params: unknown[]): Promise<T[]> {
  return (await stack.db.query<T & Record<string, unknown>>(sql, params)).rows;
}

describe('sales payloads against the real server', () => {
  it('applies a discounted split sale, a cash-rounded sale, a void and a partial refund', async () => {
    // A cashier's sale with discounts (approved by Budi), paid by pending QRIS and cash.
    const discounted = await completeSale(ctx, {
      lines: [{ ...line(0, 2), discount: { kind: 'percent', bp: 1000 } }, line(1, 1)],
      orderDiscount: { kind: 'amount', amount: 500 },
      payments: [
        { method: 'qris', amount: 1_000, confirmed: false },
        { method: 'cash', amount: 100_000, tendered: 100_000 },
      ],
      approverStaffId: budi,
    });
    // All cash, rounded to Rp 500 by this till's setting.
    ctx.settings.cashRoundingStep = 500;
    const rounded = await completeSale(ctx, {
      lines: [{ ...line(2, 1), discount: { kind: 'percent', bp: 300 } }],
      payments: [{ method: 'cash', amount: 50_000, tendered: 50_000 }],
      approverStaffId: budi,
    });
    ctx.settings.cashRoundingStep = 0;
    const toVoid = await completeSale(ctx, {
      lines: [line(3, 1)],
      payments: [{ method: 'cash', amount: products[3]!.price }],
    });
    const toRefund = await completeSale(ctx, {
      lines: [line(4, 3)],
      payments: [{ method: 'cash', amount: products[4]!.price * 3 }],
    });
    await voidSale(ctx, { saleId: toVoid.id, reason: 'salah scan', approverStaffId: budi });
    const refundLine = ((await till.db.sales.get(toRefund.id)) as SaleRecord).payload.lines[0]!;
    const refund = await createRefund(ctx, {
      saleId: toRefund.id,
      reason: 'kemasan rusak',
      lines: [{ saleItemId: refundLine.line_id, quantity: 1, restock: true }],
      approverStaffId: budi,
    });

    const engine = createSyncEngine({ db: till.db, transport: supabaseTransport(till.client) });
    const outcome = await engine.sync({ force: true, pull: false });
    expect(outcome.kind).toBe('ok');
    expect(await till.db.attention.toArray()).toEqual([]);
    expect(await till.db.outbox.count()).toBe(0);
    const states = (await till.db.sales.toArray()).map((s) => s.syncState);
    expect(states).toEqual(['synced', 'synced', 'synced', 'synced']);

    const sales = await query<{
      id: string;
      status: string;
      total_due: string;
      approver_staff_id: string | null;
      rounding: string;
    }>(
      'select id, status, total_due, approver_staff_id, rounding from public.sales where id = any($1)',
      [[discounted.id, rounded.id, toVoid.id, toRefund.id]],
    );
    const byId = new Map(sales.map((s) => [s.id, s]));
    expect(Number(byId.get(discounted.id)!.total_due)).toBe(discounted.due);
    expect(byId.get(discounted.id)!.approver_staff_id).toBe(budi);
    expect(Number(byId.get(rounded.id)!.total_due)).toBe(rounded.due);
    expect(Number(byId.get(rounded.id)!.rounding)).toBe(rounded.due - rounded.totals.total);
    expect(byId.get(toVoid.id)!.status).toBe('voided');

    const pays = await query<{ method: string; status: string }>(
      'select method, status from public.payments where sale_id = $1 order by method',
      [discounted.id],
    );
    expect(pays).toEqual([
      { method: 'cash', status: 'confirmed' },
      { method: 'qris', status: 'pending' },
    ]);
    const refunds = await query<{ total_due: string | number; approver_staff_id: string }>(
      'select total_due, approver_staff_id from public.refunds where id = $1',
      [refund.id],
    );
    // bigint comes back as a number from PGlite and as a string from PostgreSQL.
    expect(refunds.map((r) => [Number(r.total_due), r.approver_staff_id])).toEqual([
      [refund.due, budi],
    ]);
    const moves = await query<{ kind: string; quantity: string }>(
      'select kind, quantity from public.stock_movements where sale_id = $1 order by kind',
      [toRefund.id],
    );
    expect(moves.map((m) => [m.kind, Number(m.quantity)])).toEqual([
      ['refund', 1],
      ['sale', -3],
    ]);
  }, 60_000);
});
