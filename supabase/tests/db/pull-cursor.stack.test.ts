import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningStack } from '../../local/stack';
import { startTestStack } from '../helpers/stack';
import { failed, ok } from './helpers/clients';
import { Till } from './helpers/till';
import { createTenant, type Tenant } from './helpers/world';

/**
 * sync_pull pages through what changed since each table's cursor. The cursor can never pass a row
 * whose transaction was still running, so a transaction that commits after a later one is not
 * skipped (the case a now()- or sequence-based cursor gets wrong).
 */

interface Page {
  rows: Record<string, unknown>[];
  cursor: string | null;
  more: boolean;
}
type Pull = { tables: Record<string, Page>; server_time: string; horizon: string };

let stack: RunningStack;
let shop: Tenant;

beforeAll(async () => {
  stack = await startTestStack({ seed: false });
  shop = await createTenant(stack, { products: 7, stock: 10 });
  await settle();
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

async function pull(
  client: SupabaseClient,
  cursors: Record<string, string | null>,
  pageSize = 500,
): Promise<Pull> {
  return ok(await client.rpc('sync_pull', { cursors, page_size: pageSize })) as Pull;
}

/**
 * Waits until every transaction that has started so far has ended, so the rows written so far are
 * below the pull horizon. The horizon is the cluster's: on a shared PostgreSQL server, other
 * databases' transactions hold it back too (a pull then simply sends those rows a moment later).
 */
async function settle(): Promise<void> {
  const { rows } = await stack.db.query<{ xmax: string }>(
    'select pg_snapshot_xmax(pg_current_snapshot())::text as xmax',
  );
  const target = BigInt(rows[0]!.xmax);
  for (let i = 0; i < 600; i += 1) {
    const now = await stack.db.query<{ xmin: string }>(
      'select pg_snapshot_xmin(pg_current_snapshot())::text as xmin',
    );
    if (BigInt(now.rows[0]!.xmin) >= target) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the pull horizon did not advance');
}

/** Pulls one table until `more` is false, like the till does; returns every row and the cursor. */
async function drain(client: SupabaseClient, table: string, cursor: string | null, pageSize = 500) {
  const rows: Record<string, unknown>[] = [];
  let cur = cursor;
  for (let i = 0; i < 100; i += 1) {
    const page = (await pull(client, { [table]: cur }, pageSize)).tables[table]!;
    rows.push(...page.rows);
    cur = page.cursor;
    if (!page.more) return { rows, cursor: cur };
  }
  throw new Error('pull did not settle');
}

describe('sync_pull', () => {
  it("gives a till everything it replicates, with each table's cursor", async () => {
    const res = await pull(shop.members.device.client, {});
    expect(Object.keys(res.tables).sort()).toEqual(
      [
        'categories',
        'customers',
        'devices',
        'locations',
        'outlets',
        'products',
        'roles',
        'staff',
        'stock_levels',
        'tenants',
      ].sort(),
    );
    expect(res.tables.tenants!.rows).toEqual([
      expect.objectContaining({ id: shop.id, name: shop.name }),
    ]);
    expect(res.tables.products!.rows).toHaveLength(7);
    expect(res.tables.devices!.rows).toEqual([expect.objectContaining({ id: shop.deviceId })]);
    expect(res.tables.devices!.rows[0]).not.toHaveProperty('pairing_code');
    // Levels of the till's own sales location only (not the second outlet's or the warehouse).
    expect(new Set(res.tables.stock_levels!.rows.map((r) => r.location_id))).toEqual(
      new Set([shop.locationId]),
    );
    const cashierRole = res.tables.roles!.rows.find((r) => r.key === 'cashier')!;
    expect(cashierRole.permissions).toEqual(['cash.drawer', 'sale.create', 'shift.manage']);
    for (const t of Object.values(res.tables)) expect(t.more).toBe(false);
  });

  it('tills and managers get PIN hashes with staff; a cashier account does not', async () => {
    const tillStaff = (await pull(shop.members.device.client, {})).tables.staff!.rows;
    expect(
      tillStaff.every(
        (s) => typeof s.pin_hash === 'string' && (s.pin_hash as string).startsWith('$2'),
      ),
    ).toBe(true);
    const cashierStaff = (await pull(shop.members.cashier.client, {})).tables.staff!.rows;
    expect(cashierStaff.length).toBe(tillStaff.length);
    expect(cashierStaff.every((s) => s.pin_hash === null)).toBe(true);
  });

  it('pages in order and resumes from the cursor; nothing repeats, nothing is missed', async () => {
    const { rows, cursor } = await drain(shop.members.device.client, 'products', null, 2);
    expect(rows.map((r) => r.id).sort()).toEqual(shop.products.map((p) => p.id).sort());
    const again = await pull(shop.members.device.client, { products: cursor });
    expect(again.tables.products).toEqual({ rows: [], cursor, more: false });
  });

  it('sends edits and tombstones after the cursor, and a permission change re-sends its role', async () => {
    const device = shop.members.device.client;
    const start = (await pull(device, {})).tables;
    const cursors = Object.fromEntries(Object.entries(start).map(([t, p]) => [t, p.cursor]));

    const p = shop.products[3]!;
    const v = ok(
      await shop.members.owner.client.from('products').select('version').eq('id', p.id).single(),
    );
    ok(
      await shop.members.owner.client
        .from('products')
        .update({ deleted_at: new Date().toISOString(), version: v.version })
        .eq('id', p.id)
        .select('id'),
    );
    ok(
      await shop.members.owner.client
        .from('role_permissions')
        .insert({ tenant_id: shop.id, role_id: shop.roleIds.cashier, permission: 'sale.void' })
        .select('id'),
    );
    await settle();
    const next = (await pull(device, cursors)).tables;
    expect(next.products!.rows).toEqual([
      expect.objectContaining({ id: p.id, deleted_at: expect.any(String) }),
    ]);
    expect(next.roles!.rows).toEqual([
      expect.objectContaining({
        id: shop.roleIds.cashier,
        permissions: ['cash.drawer', 'sale.create', 'sale.void', 'shift.manage'],
      }),
    ]);
    expect(next.outlets!.rows).toEqual([]);
    // The till's own pulls and pushes do not make its device row look changed.
    expect(next.devices!.rows).toEqual([]);
  });

  it('stock levels follow sales', async () => {
    const device = shop.members.device.client;
    await settle();
    const before = (await pull(device, {})).tables.stock_levels!;
    const till = new Till(shop, device);
    await till.push([till.sale([{ product: shop.products[0]!, quantity: 4 }])]);
    await settle();
    const after = (await pull(device, { stock_levels: before.cursor })).tables.stock_levels!;
    expect(after.rows).toEqual([
      expect.objectContaining({ product_id: shop.products[0]!.id, quantity: 6 }),
    ]);
  });

  it('refuses malformed cursors and callers outside a tenant', async () => {
    expect(
      failed(
        await shop.members.device.client.rpc('sync_pull', { cursors: { products: 'yesterday' } }),
      ),
    ).toMatchObject({
      hint: 'invalid_cursor',
    });
    expect(
      failed(await shop.members.device.client.rpc('sync_pull', { cursors: {}, page_size: 0 })),
    ).toMatchObject({
      hint: 'invalid_page_size',
    });
    const { supabaseClient } = await import('./helpers/clients');
    expect((await supabaseClient(stack).rpc('sync_pull', { cursors: {} })).error).not.toBeNull();
  });
});

describe.skipIf(!process.env.DATABASE_URL)(
  'two transactions committing out of order (PostgreSQL)',
  () => {
    it(
      'the row of the transaction that commits last is not skipped',
      { timeout: 60_000 },
      async () => {
        const device = shop.members.device.client;
        const [x, y] = [shop.products[5]!, shop.products[6]!];
        const { cursor: start } = await drain(device, 'products', null);

        let releaseFirst!: () => void;
        const firstMayCommit = new Promise<void>((r) => (releaseFirst = r));
        let firstWrote!: () => void;
        const firstHasWritten = new Promise<void>((r) => (firstWrote = r));

        // T1 takes its transaction id first and commits last.
        const t1 = stack.db.transaction(async (tx) => {
          await tx.query("update public.products set name = 'X berubah' where id = $1", [x.id]);
          firstWrote();
          await firstMayCommit;
        });
        await firstHasWritten;
        // T2 starts later (a larger transaction id) and commits first.
        await stack.db.transaction(async (tx) => {
          await tx.query("update public.products set name = 'Y berubah' where id = $1", [y.id]);
        });

        // While T1 runs, neither row is offered: handing out Y would move the cursor past X.
        let during: Awaited<ReturnType<typeof drain>>;
        try {
          during = await drain(device, 'products', start);
        } finally {
          releaseFirst();
          await t1;
        }
        expect(during.rows.map((r) => r.name)).not.toContain('X berubah');
        expect(during.rows.map((r) => r.name)).not.toContain('Y berubah');
        // Both arrive once every transaction older than them has ended. The horizon is the whole
        // cluster's, so on a shared server other databases' transactions may hold it a moment longer.
        const seen = new Set<unknown>();
        let cursor = during.cursor;
        for (let i = 0; i < 300 && seen.size < 2; i += 1) {
          const page = await drain(device, 'products', cursor);
          for (const r of page.rows)
            if (r.name === 'X berubah' || r.name === 'Y berubah') seen.add(r.name);
          cursor = page.cursor;
          if (seen.size < 2) await new Promise((r) => setTimeout(r, 100));
        }
        expect([...seen].sort()).toEqual(['X berubah', 'Y berubah']);
      },
    );
  },
);
