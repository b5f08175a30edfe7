import 'fake-indexeddb/auto';
import { performance } from 'node:perf_hooks';
import type { TillContext } from '../src/data/till';
import { completeSale } from '../src/features/sales/commands';
import { amountDue } from '../src/lib/payments';
import { computeTotals } from '../src/lib/totals';
import { prng } from '../src/test/prng';
import { pairTestTill, tillContext } from '../src/test/till';
import { pullAll } from '../src/sync/pull';
import { drainOutbox } from '../src/sync/push';
import { supabaseTransport } from '../src/sync/supabase-transport';
import type { SyncTransport } from '../src/sync/transport';
import { benchArgs, report } from './lib/args';
import { startStackThread, type StackThread } from './lib/stack-thread';

// How fast a till that was offline catches up: 5,000 sales rung up through the real completeSale
// command into a (fake-)IndexedDB outbox, then drained to the stack by the real push code over
// supabase-js, once in batches (as the engine does) and once one request per sale. The stack runs
// in its own thread on a fresh database; afterwards the server must hold every sale exactly once.

const { db, smoke } = benchArgs();
const SALES = smoke ? 40 : 5_000;

interface Item {
  id: string;
  name: string;
  price: number;
  tax: number;
}

/** Rings up `count` sales of 1–4 lines, paid 60 % cash (with change) and 40 % QRIS. */
async function ringUp(
  ctx: TillContext,
  items: Item[],
  count: number,
  seed: number,
): Promise<{ saleIds: string[]; mutationIds: string[]; lines: number; ms: number }> {
  const random = prng(seed);
  const saleIds: string[] = [];
  const mutationIds: string[] = [];
  let lines = 0;
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    const picked = new Map<string, Item>();
    const want = 1 + Math.floor(random() * 4);
    while (picked.size < want) {
      const p = items[Math.floor(random() * items.length)]!;
      picked.set(p.id, p);
    }
    const cartLines = [...picked.values()].map((p) => ({
      productId: p.id,
      name: p.name,
      quantity: 1 + Math.floor(random() * 3),
      unitPrice: p.price,
      taxRateBp: p.tax,
    }));
    const cash = random() < 0.6;
    const totals = computeTotals(
      {
        lines: cartLines.map((l) => ({ ...l, discount: null })),
        orderDiscount: null,
      },
      { taxMode: ctx.settings.taxMode, cashRoundingStep: ctx.settings.cashRoundingStep },
    );
    const due = amountDue(totals, [cash ? 'cash' : 'qris']);
    const sale = await completeSale(ctx, {
      lines: cartLines,
      payments: [
        cash
          ? { method: 'cash', amount: due, tendered: Math.ceil(due / 10_000) * 10_000 }
          : { method: 'qris', amount: due, reference: `QR${i}` },
      ],
    });
    saleIds.push(sale.id);
    mutationIds.push(sale.mutationId);
    lines += cartLines.length;
  }
  return { saleIds, mutationIds, lines, ms: performance.now() - t0 };
}

/** Fails loudly unless the server holds each of these sales exactly once, with all its parts. */
async function checkServer(
  stack: StackThread,
  saleIds: string[],
  mutationIds: string[],
  lines: number,
): Promise<void> {
  const [sales] = await stack.query<{ n: string; d: string }>(
    'select count(*) as n, count(distinct id) as d from public.sales where id = any($1::uuid[])',
    [saleIds],
  );
  const [muts] = await stack.query<{ n: string; d: string; applied: string }>(
    `select count(*) as n, count(distinct id) as d, count(*) filter (where status = 'applied') as applied
     from public.sync_mutations where id = any($1::uuid[])`,
    [mutationIds],
  );
  const [parts] = await stack.query<{ items: string; moves: string; pays: string }>(
    `select (select count(*) from public.sale_items where sale_id = any($1::uuid[])) as items,
            (select count(*) from public.stock_movements where sale_id = any($1::uuid[]) and kind = 'sale') as moves,
            (select count(*) from public.payments where sale_id = any($1::uuid[])) as pays`,
    [saleIds],
  );
  const drift = await stack.query(
    `select l.product_id from public.stock_levels l
     left join (select product_id, location_id, sum(quantity) as q from public.stock_movements group by 1, 2) m
       using (product_id, location_id)
     where l.quantity <> coalesce(m.q, 0)`,
  );
  const got = {
    sales: Number(sales!.n),
    distinctSales: Number(sales!.d),
    mutations: Number(muts!.n),
    distinctMutations: Number(muts!.d),
    appliedMutations: Number(muts!.applied),
    items: Number(parts!.items),
    movements: Number(parts!.moves),
    payments: Number(parts!.pays),
    levelsOffLedger: drift.length,
  };
  const n = saleIds.length;
  const want = {
    sales: n,
    distinctSales: n,
    mutations: n,
    distinctMutations: n,
    appliedMutations: n,
    items: lines,
    movements: lines,
    payments: n,
    levelsOffLedger: 0,
  };
  if (JSON.stringify(got) !== JSON.stringify(want)) {
    throw new Error(
      `the server does not hold every sale exactly once: got ${JSON.stringify(got)}, ` +
        `expected ${JSON.stringify(want)}`,
    );
  }
}

const stack = await startStackThread(db, { seed: true });
try {
  const till = await pairTestTill(stack, { dbName: `bench-drain-${Date.now()}` });
  const real = supabaseTransport(till.client);
  // Time spent waiting on sync_push, to tell the server's share from the till's own work.
  let pushMs = 0;
  const transport: SyncTransport = {
    pull: (cursors, pageSize) => real.pull(cursors, pageSize),
    async push(mutations) {
      const t0 = performance.now();
      try {
        return await real.push(mutations);
      } finally {
        pushMs += performance.now() - t0;
      }
    },
  };
  await pullAll(till.db, transport);
  const ctx = await tillContext(till.db, 'Ani');
  const items: Item[] = (await till.db.replica('products').toArray())
    .filter((p) => p.deleted_at == null && p.active !== false)
    .map((p) => ({
      id: p.id,
      name: p.name as string,
      price: Number(p.price),
      tax: Number(p.tax_rate_bp),
    }));

  // Warm-up: the server's statements, plans and connections, and the client's code paths.
  const warm = await ringUp(ctx, items, smoke ? 5 : 100, 1);
  await drainOutbox(till.db, transport, { maxDrainMs: Infinity });

  const drain = async (seed: number, maxBatch: number) => {
    const rung = await ringUp(ctx, items, SALES, seed);
    pushMs = 0;
    const t0 = performance.now();
    const r = await drainOutbox(till.db, transport, { maxBatch, maxDrainMs: Infinity });
    const seconds = (performance.now() - t0) / 1000;
    const requestS = pushMs / 1000;
    console.error(
      `rang up ${SALES} sales in ${(rung.ms / 1000).toFixed(1)} s; drained them ` +
        `${maxBatch} per request in ${seconds.toFixed(2)} s, ${requestS.toFixed(2)} s of it in sync_push`,
    );
    const left = await till.db.outbox.count();
    if (r.done !== SALES || r.rejected !== 0 || r.retried !== 0 || left !== 0) {
      throw new Error(`drain with batches of ${maxBatch} ended with ${JSON.stringify(r)}`);
    }
    return { ...rung, seconds, requestS, salesPerS: Math.round(SALES / seconds) };
  };
  const batched = await drain(2, 100);
  const single = await drain(3, 1);

  const all = [warm, batched, single];
  const t0 = performance.now();
  await checkServer(
    stack,
    all.flatMap((r) => r.saleIds),
    all.flatMap((r) => r.mutationIds),
    all.reduce((s, r) => s + r.lines, 0),
  );
  const pending = await till.db.sales.filter((sale) => sale.syncState !== 'synced').count();
  if (pending !== 0) throw new Error(`${pending} journal sales are not marked synced`);
  console.error(`checked the server in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  console.error(
    `sync-drain on ${stack.kind}: ${SALES} sales batched in ${batched.seconds.toFixed(2)} s ` +
      `(${batched.salesPerS}/s), one per request in ${single.seconds.toFixed(2)} s ` +
      `(${single.salesPerS}/s); completeSale ${(batched.ms / SALES).toFixed(2)} ms per sale`,
  );
  report('sync-drain', {
    db: stack.kind,
    smoke,
    sales: SALES,
    batched_sales_per_s: batched.salesPerS,
    single_sales_per_s: single.salesPerS,
    batched_vs_single: Math.round((batched.salesPerS / single.salesPerS) * 10) / 10,
    batched_drain_s: Math.round(batched.seconds * 100) / 100,
    single_drain_s: Math.round(single.seconds * 100) / 100,
    batched_request_s: Math.round(batched.requestS * 100) / 100,
    single_request_s: Math.round(single.requestS * 100) / 100,
    complete_sale_ms: Math.round((batched.ms / SALES) * 100) / 100,
  });
} finally {
  await stack.stop();
}
