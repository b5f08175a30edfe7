import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningStack } from '../../local/stack';
import { startTestStack } from '../helpers/stack';
import { num, Till, type Mutation, type PushResult, type SaleLine } from './helpers/till';
import { addDevice, createTenant, type Tenant } from './helpers/world';

/**
 * Many tills selling the same few products at once. On PostgreSQL the pushes really run in
 * parallel (PGlite has one connection and serializes them, so the numbers are scaled down there
 * unless LAPAK_TEST_SALES says otherwise).
 */

const onPostgres = Boolean(process.env.DATABASE_URL);
const SALES = Number(process.env.LAPAK_TEST_SALES ?? (onPostgres ? 2_000 : 240));
const CLIENTS = 32;
const INITIAL = 1_000_000;

let stack: RunningStack;
let shop: Tenant;
let tills: Till[];

beforeAll(async () => {
  stack = await startTestStack({ seed: false });
  shop = await createTenant(stack, { products: 5, stock: INITIAL });
  tills = [new Till(shop, shop.members.device.client)];
  for (let i = 1; i < CLIENTS; i += 1) {
    const d = await addDevice(stack, shop, `Kasir ${i + 1}`);
    tills.push(new Till(shop, d.client, d.deviceCode));
  }
}, 300_000);
afterAll(async () => {
  await stack?.stop();
});

/** A deterministic pseudo-random sequence, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

async function deadlocks(): Promise<number> {
  if (!onPostgres) return 0;
  const { rows } = await stack.db.query<{ deadlocks: unknown }>(
    'select deadlocks from pg_stat_database where datname = current_database()',
  );
  return num(rows[0]?.deadlocks);
}

describe('concurrent pushes over hot products', () => {
  it(`${CLIENTS} tills push ${SALES} sales over 5 products: stock and ledger add up exactly`, async () => {
    const random = rng(42);
    const sold = new Map<string, number>();
    // Each till gets its share of sales, as pushes of 1 to 8 sales; lines come in random order,
    // so two sales often lock the same products in opposite orders as far as the input goes.
    const work: Mutation[][][] = tills.map(() => []);
    for (let i = 0; i < SALES; i += 1) {
      const till = tills[i % CLIENTS]!;
      const picked = [...shop.products]
        .sort(() => random() - 0.5)
        .slice(0, 1 + Math.floor(random() * 3));
      const lines: SaleLine[] = picked.map((product) => ({
        product,
        quantity: 1 + Math.floor(random() * 3),
      }));
      for (const l of lines) sold.set(l.product.id, (sold.get(l.product.id) ?? 0) + l.quantity);
      const m = till.sale(lines, { payments: random() < 0.7 ? ['cash'] : ['qris'] });
      const batches = work[i % CLIENTS]!;
      const last = batches.at(-1);
      if (!last || last.length >= 1 + Math.floor(random() * 8)) batches.push([m]);
      else last.push(m);
    }

    const deadlocksBefore = await deadlocks();
    const results: PushResult[] = [];
    await Promise.all(
      tills.map(async (till, t) => {
        for (const batch of work[t]!) results.push(...(await till.push(batch)));
      }),
    );
    expect(results).toHaveLength(SALES);
    expect(results.filter((r) => r.status !== 'applied')).toEqual([]);
    expect(await deadlocks()).toBe(deadlocksBefore);

    const levels = await stack.db.query<{ product_id: string; quantity: unknown; ledger: unknown }>(
      `select l.product_id, l.quantity,
              (select sum(m.quantity) from public.stock_movements m
               where m.product_id = l.product_id and m.location_id = l.location_id) as ledger
       from public.stock_levels l where l.tenant_id = $1 and l.location_id = $2`,
      [shop.id, shop.locationId],
    );
    for (const row of levels.rows) {
      expect(num(row.quantity)).toBe(INITIAL - (sold.get(row.product_id) ?? 0));
      expect(num(row.ledger)).toBe(num(row.quantity));
    }
    const receipts = await stack.db.query<{ n: unknown; distinct: unknown }>(
      'select count(*) as n, count(distinct receipt_no) as distinct from public.sales where tenant_id = $1',
      [shop.id],
    );
    expect(num(receipts.rows[0]!.n)).toBe(SALES);
    expect(num(receipts.rows[0]!.distinct)).toBe(SALES);
  }, 300_000);

  it('the same batch pushed by two connections at once applies each mutation exactly once', async () => {
    const till = tills[0]!;
    const twin = new Till(shop, tills[0]!.client);
    const product = shop.products[0]!;
    const before = await stack.db.query<{ quantity: unknown }>(
      'select quantity from public.stock_levels where product_id = $1 and location_id = $2',
      [product.id, shop.locationId],
    );
    const batch = Array.from({ length: 20 }, () => till.sale([{ product, quantity: 1 }]));
    const [a, b] = await Promise.all([till.push(batch), twin.push(batch)]);
    for (let i = 0; i < batch.length; i += 1) {
      expect([a[i]!.status, b[i]!.status].sort()).toEqual(['applied', 'duplicate']);
    }
    const after = await stack.db.query<{ quantity: unknown }>(
      'select quantity from public.stock_levels where product_id = $1 and location_id = $2',
      [product.id, shop.locationId],
    );
    expect(num(after.rows[0]!.quantity)).toBe(num(before.rows[0]!.quantity) - 20);
  }, 60_000);
});
