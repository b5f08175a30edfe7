import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../supabase/tests/helpers/stack';
import { startStack, type RunningStack } from '../../supabase/local/stack';
import type { TillContext } from '../data/till';
import { completeSale } from '../features/sales/commands';
import { faultyFetch, type Fault } from './faulty-fetch';
import { prng } from './prng';
import { pairTestTill, tillContext, type TestTill } from './till';
import { createSyncEngine, type SyncEngine } from '../sync/engine';
import { pullAll } from '../sync/pull';
import { supabaseTransport } from '../sync/supabase-transport';

// Runs of randomized faults against the real stack. CI runs RUNS; before a release run
// LAPAK_SYNC_RUNS=1000.
const RUNS = Number(process.env.LAPAK_SYNC_RUNS ?? 200);
const FAULTS: Fault[] = [
  'none',
  'none',
  'drop-request',
  'drop-response',
  'duplicate',
  'delay',
  'server-500',
  'expired-token',
];

let database: TestDatabase;
let stack: RunningStack;
let port = 0;
let fault: () => Fault = () => 'none';

async function boot(): Promise<void> {
  stack = await startStack({ port, db: database.spec, supabaseDir: 'supabase' });
  port = Number(new URL(stack.url).port);
}

beforeAll(async () => {
  database = await createTestDatabase();
  await boot();
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  await database?.drop();
});

function engineFor(till: TestTill): SyncEngine {
  return createSyncEngine({ db: till.db, transport: supabaseTransport(till.client) });
}

async function ringUp(
  ctx: TillContext,
  rnd: () => number,
  products: { id: string; name: string; price: number; tax: number }[],
) {
  const lines = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => {
    const p = products[Math.floor(rnd() * products.length)]!;
    return {
      productId: p.id,
      name: p.name,
      quantity: 1 + Math.floor(rnd() * 3),
      unitPrice: p.price,
      taxRateBp: p.tax,
    };
  });
  const total = lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0);
  return completeSale(ctx, { lines, payments: [{ method: 'qris', amount: total }] });
}

async function serverCounts(saleIds: string[]) {
  const q = async (sql: string) =>
    Number((await stack.db.query<{ n: string }>(sql, [saleIds])).rows[0]!.n);
  return {
    sales: await q('select count(*) as n from public.sales where id = any($1)'),
    movements: await q(
      "select count(*) as n from public.stock_movements where sale_id = any($1) and kind = 'sale'",
    ),
    items: await q('select count(*) as n from public.sale_items where sale_id = any($1)'),
  };
}

describe('sync against the real stack', () => {
  let till: TestTill;
  let ctx: TillContext;
  let products: { id: string; name: string; price: number; tax: number }[];

  beforeAll(async () => {
    till = await pairTestTill(stack, {
      dbName: 'till-faults',
      fetch: faultyFetch(() => fault(), stack.jwtSecret),
    });
    await pullAll(till.db, supabaseTransport(till.client));
    ctx = await tillContext(till.db, 'Ani');
    products = (await till.db.replica('products').limit(20).toArray()).map((p) => ({
      id: p.id,
      name: p.name as string,
      price: Number(p.price),
      tax: Number(p.tax_rate_bp),
    }));
  }, 120_000);

  it('pulls the catalog, staff with PIN hashes and settings at pairing', async () => {
    expect(await till.db.replica('products').count()).toBeGreaterThanOrEqual(200);
    const staff = await till.db.replica('staff').toArray();
    expect(staff.map((s) => s.name)).toEqual(expect.arrayContaining(['Ani', 'Budi']));
    expect(
      staff.every((s) => typeof s.pin_hash === 'string' && /^\$2[aby]\$/.test(s.pin_hash)),
    ).toBe(true);
  });

  it(
    `every sale reaches the server exactly once through ${RUNS} runs of injected faults`,
    async () => {
      const all: string[] = [];
      for (let run = 1; run <= RUNS; run++) {
        const rnd = prng(run);
        fault = () => FAULTS[Math.floor(rnd() * FAULTS.length)]!;
        const tabs = [engineFor(till), engineFor(till)];
        const made: string[] = [];
        const steps = 4 + Math.floor(rnd() * 12);
        for (let i = 0; i < steps; i++) {
          const r = rnd();
          if (r < 0.55) made.push((await ringUp(ctx, rnd, products)).id);
          else if (r < 0.85) await tabs[0]!.sync({ force: true, pull: false });
          else if (r < 0.97)
            await Promise.all(tabs.map((t) => t.sync({ force: true, pull: false })));
          else {
            await stack.stop();
            await boot();
          }
        }
        fault = () => 'none';
        const healthy = engineFor(till);
        for (let i = 0; i < 5 && (await till.db.outbox.count()) > 0; i++)
          await healthy.sync({ force: true, pull: false });

        const context = `run ${run}`;
        const leftovers = await till.db.outbox.toArray();
        const pairing = await till.db.meta.get('needsPairing');
        expect(
          { leftovers: leftovers.map((e) => e.lastError), pairing: pairing?.value ?? false },
          context,
        ).toEqual({
          leftovers: [],
          pairing: false,
        });
        expect(await till.db.attention.count(), context).toBe(0);
        const counts = await serverCounts(made);
        expect(counts.sales, context).toBe(made.length);
        expect(counts.movements, context).toBe(counts.items);
        all.push(...made);
      }
      const mutations = await stack.db.query<{ n: string; d: string }>(
        "select count(*) as n, count(distinct id) as d from public.sync_mutations where kind = 'sale.complete'",
      );
      expect(Number(mutations.rows[0]!.n)).toBe(all.length);
      expect(Number(mutations.rows[0]!.d)).toBe(all.length);
      // The ledger and the levels agree: no movement was applied twice or lost.
      const drift = await stack.db.query(
        `select l.product_id from public.stock_levels l
       left join (select product_id, location_id, sum(quantity) as q from public.stock_movements group by 1, 2) m
         using (product_id, location_id)
       where l.quantity <> coalesce(m.q, 0)`,
      );
      expect(drift.rows).toEqual([]);
      // A run takes about a second on an idle machine, with restarts; the budget scales with RUNS.
    },
    60_000 + RUNS * 3_000,
  );
});
