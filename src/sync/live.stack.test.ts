import 'fake-indexeddb/auto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startStack, type RunningStack } from '../../supabase/local/stack';
import { accessToken } from '../../supabase/tests/db/helpers/clients';
import { createTenant, type Tenant } from '../../supabase/tests/db/helpers/world';
import { createTestDatabase, type TestDatabase } from '../../supabase/tests/helpers/stack';
import { getMeta } from '../data/meta';
import { createLapakClient } from '../lib/supabase';
import { pairTestTill, signInManager, type TestTill } from '../test/till';
import { startLiveReplica, type LiveReplica, type LiveTable } from './live';
import { pullAll } from './pull';
import { supabaseTransport } from './supabase-transport';

let database: TestDatabase;
let stack: RunningStack;
let port = 0;

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

async function waitFor<T>(
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 3_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

type Row = Record<string, unknown> & { id: string; version: number };

/**
 * Pulls until the replica shows what the test expects. A pull hands out only rows older than the
 * oldest transaction still running on the server (docs/sync-protocol.md §5.2); on a PostgreSQL
 * server that other databases share, that can lag a commit by a moment.
 */
async function pullUntil(till: TestTill, check: () => Promise<boolean>): Promise<void> {
  await waitFor(async () => {
    await pullAll(till.db, supabaseTransport(till.client));
    return check();
  }, 10_000);
}

function ok<T>(res: { data: T | null; error: unknown }): T {
  if (res.error) throw new Error(JSON.stringify(res.error));
  return res.data as T;
}

describe('live replica over Realtime', () => {
  let till: TestTill;
  let manager: SupabaseClient;
  let tenantId: string;
  let live: LiveReplica;
  const pulls: string[] = [];
  const applied: LiveTable[] = [];
  const errors: unknown[] = [];

  beforeAll(async () => {
    till = await pairTestTill(stack, { dbName: 'till-live' });
    await pullAll(till.db, supabaseTransport(till.client));
    manager = await signInManager(stack);
    tenantId = (await getMeta(till.db.meta, 'device'))!.tenantId;
    live = startLiveReplica({
      db: till.db,
      client: till.client,
      tenantId,
      // The app runs a pull here; these tests run one only where they say so.
      requestPull: (reason) => pulls.push(reason),
      onApplied: (tables) => applied.push(...tables),
      onError: (err) => errors.push(err),
    });
    await waitFor(async () => live.state() === 'live' && pulls.includes('subscribed'));
  }, 120_000);
  afterAll(async () => {
    await live?.stop();
    till?.client.realtime.disconnect();
    manager?.realtime.disconnect();
  });

  async function product(name: string): Promise<Row> {
    return ok(await manager.from('products').select('*').eq('name', name).single()) as Row;
  }

  it("brings a manager's price change into the till's replica at once, without a pull", async () => {
    const before = await product('Kopi Susu Kaleng Kecil');
    const cursors = await getMeta(till.db.meta, 'cursors');
    const lastPullAt = await getMeta(till.db.meta, 'lastPullAt');
    pulls.length = 0;
    const newPrice = Number(before.price) + 1_500;

    const started = Date.now();
    const updated = ok(
      await manager
        .from('products')
        .update({ price: newPrice, version: before.version })
        .eq('id', before.id)
        .select('*')
        .single(),
    ) as Row;
    const row = await waitFor(async () => {
      const r = await till.db.replica('products').get(before.id);
      return r?.price === newPrice ? r : null;
    }, 2_000);
    expect(Date.now() - started).toBeLessThan(2_000);

    expect(row.version).toBe(updated.version);
    expect(row.catalog_version).toBe(updated.catalog_version);
    expect(Number(row.catalog_version)).toBeGreaterThan(Number(before.catalog_version));
    expect(row).not.toHaveProperty('txid');
    // Realtime wrote the row; the pull's cursors and clock did not move, and no pull was asked.
    expect(await getMeta(till.db.meta, 'cursors')).toEqual(cursors);
    expect(await getMeta(till.db.meta, 'lastPullAt')).toBe(lastPullAt);
    expect(pulls).toEqual([]);
    expect(applied).toContain('products');
    expect(errors).toEqual([]);

    // The catch-up pull brings the same row again and the replica stays as it is.
    await pullAll(till.db, supabaseTransport(till.client));
    expect(await till.db.replica('products').get(before.id)).toEqual(row);
  });

  it('deactivates a staff member and retires a product on the till as soon as it happens', async () => {
    const ani = ok(await manager.from('staff').select('*').eq('name', 'Ani').single()) as Row;
    const pinBefore = (await till.db.replica('staff').get(ani.id))?.pin_hash;
    expect(pinBefore).toMatch(/^\$2[aby]\$/);
    ok(
      await manager
        .from('staff')
        .update({ active: false, version: ani.version })
        .eq('id', ani.id)
        .select('id'),
    );
    const staffRow = await waitFor(async () => {
      const r = await till.db.replica('staff').get(ani.id);
      return r?.active === false ? r : null;
    });
    // The PIN hash comes with the pull only; the live row keeps the one the till had.
    expect(staffRow.pin_hash).toBe(pinBefore);
    expect(staffRow.version).toBe(ani.version + 1);

    const teh = await product('Teh Melati Botol Kecil');
    ok(
      await manager
        .from('products')
        .update({ deleted_at: new Date().toISOString(), version: teh.version })
        .eq('id', teh.id)
        .select('id'),
    );
    const tombstone = await waitFor(async () => {
      const r = await till.db.replica('products').get(teh.id);
      return r?.deleted_at ? r : null;
    });
    expect(tombstone.version).toBe(teh.version + 1);
  });

  it('asks for a pull when a role loses a permission, and the pull completes it', async () => {
    const cashier = ok(
      await manager.from('roles').select('id').eq('key', 'cashier').single(),
    ) as Row;
    pulls.length = 0;
    ok(
      await manager
        .from('role_permissions')
        .delete()
        .eq('role_id', cashier.id)
        .eq('permission', 'cash.drawer')
        .select('id'),
    );
    await waitFor(async () => pulls.includes('incomplete'));
    await pullUntil(
      till,
      async () =>
        !((await till.db.replica('roles').get(cashier.id))?.permissions as string[]).includes(
          'cash.drawer',
        ),
    );
    const role = await till.db.replica('roles').get(cashier.id);
    expect(role?.permissions).toEqual(['sale.create', 'shift.manage']);
  });

  describe('another tenant', () => {
    let other: Tenant;
    let owner: SupabaseClient;

    beforeAll(async () => {
      other = await createTenant(stack, { products: 2 });
      owner = other.members.owner.client;
    }, 60_000);

    it("never sees the other tenant's changes, even on an unfiltered binding", async () => {
      const heard: Record<string, unknown>[] = [];
      const raw = till.client
        .channel('raw-products')
        .on('postgres_changes', { event: '*', schema: 'public', table: 'products' }, (p) =>
          heard.push(p.new),
        );
      const joined = new Promise<void>((resolve) =>
        raw.on('system', {}, () => resolve()).subscribe(),
      );
      await joined;

      const theirs = other.products[0]!;
      const current = ok(
        await owner.from('products').select('version').eq('id', theirs.id).single(),
      ) as { version: number };
      ok(
        await owner
          .from('products')
          .update({ price: theirs.price + 700, version: current.version })
          .eq('id', theirs.id)
          .select('id'),
      );
      // A change of our own afterwards: once it is here, the other one would have been too.
      const mine = await product('Kopi Susu Kaleng Kecil');
      ok(
        await manager
          .from('products')
          .update({ name: 'Kopi Susu Kaleng Mini', version: mine.version })
          .eq('id', mine.id)
          .select('id'),
      );
      await waitFor(
        async () =>
          (await till.db.replica('products').get(mine.id))?.name === 'Kopi Susu Kaleng Mini',
      );
      await waitFor(async () => heard.some((r) => r.id === mine.id));
      await live.settled();

      expect(heard.map((r) => r.tenant_id)).not.toContain(other.id);
      expect(heard.every((r) => r.tenant_id === tenantId)).toBe(true);
      expect(await till.db.replica('products').get(theirs.id)).toBeUndefined();
      expect(await till.db.replica('tenants').get(other.id)).toBeUndefined();
      await till.client.removeChannel(raw);
    });

    it("cannot subscribe its way into this tenant's rows with its own token", async () => {
      const token = await accessToken(stack, other.members.owner.userId);
      const client = createLapakClient({
        url: stack.url,
        anonKey: stack.anonKey,
        realtimeTransport: WebSocket,
      });
      await client.realtime.setAuth(token);
      const heard: Record<string, unknown>[] = [];
      const ready = new Promise<void>((resolve) =>
        client
          .channel('peek')
          .on(
            'postgres_changes',
            { event: '*', schema: 'public', table: 'products', filter: `tenant_id=eq.${tenantId}` },
            (p) => heard.push(p.new),
          )
          .on('system', {}, () => resolve())
          .subscribe(),
      );
      await ready;
      const mine = await product('Kopi Susu Kaleng Mini');
      ok(
        await manager
          .from('products')
          .update({ name: 'Kopi Susu Kaleng Kecil', version: mine.version })
          .eq('id', mine.id)
          .select('id'),
      );
      await waitFor(
        async () =>
          (await till.db.replica('products').get(mine.id))?.name === 'Kopi Susu Kaleng Kecil',
      );
      await new Promise((r) => setTimeout(r, 300));
      expect(heard).toEqual([]);
      client.realtime.disconnect();
    });
  });

  it('joins afresh when the server closes the channel, and pulls again', async () => {
    const states: string[] = [];
    const mine: string[] = [];
    const second = startLiveReplica({
      db: till.db,
      client: till.client,
      tenantId,
      requestPull: (reason) => mine.push(reason),
      onState: (state) => states.push(state),
      retryDelayMs: () => 100,
    });
    try {
      await waitFor(async () => second.state() === 'live');
      const joined = mine.filter((r) => r === 'subscribed').length;
      // An expired token makes the server close the till's channels (as hosted Realtime does).
      const { data } = await till.client.auth.getSession();
      const expired = await accessToken(stack, data.session!.user.id, {
        exp: Math.floor(Date.now() / 1000) - 10,
        is_anonymous: true,
      });
      await till.client.realtime.setAuth(expired);
      await waitFor(async () => states.includes('retrying'));
      // The session's own token again: the next join succeeds and pulls.
      await till.client.realtime.setAuth();
      await waitFor(async () => mine.filter((r) => r === 'subscribed').length > joined, 10_000);
      expect(second.state()).toBe('live');

      const kopi = await product('Kopi Susu Kaleng Kecil');
      ok(
        await manager
          .from('products')
          .update({ price: Number(kopi.price) + 250, version: kopi.version })
          .eq('id', kopi.id)
          .select('id'),
      );
      await waitFor(
        async () =>
          (await till.db.replica('products').get(kopi.id))?.price === Number(kopi.price) + 250,
      );
      await waitFor(async () => live.state() === 'live', 10_000);
    } finally {
      await second.stop();
    }
  }, 60_000);

  it('joins again after the server restarts and pulls what changed in between', async () => {
    const pullsBefore = pulls.filter((r) => r === 'subscribed').length;
    await stack.stop();
    await boot();
    // Changed before the till is back on the channel: only the pull on rejoin can bring it.
    const admin = await signInManager(stack);
    const target = ok(
      await admin.from('products').select('*').eq('name', 'Air Mineral Kecil').single(),
    ) as Row;
    ok(
      await admin
        .from('products')
        .update({ price: Number(target.price) + 100, version: target.version })
        .eq('id', target.id)
        .select('id'),
    );
    // realtime-js reconnects on its own schedule (1 s, 2 s, 5 s, then every 10 s).
    await waitFor(async () => pulls.filter((r) => r === 'subscribed').length > pullsBefore, 30_000);
    expect(live.state()).toBe('live');
    await pullUntil(
      till,
      async () =>
        (await till.db.replica('products').get(target.id))?.price === Number(target.price) + 100,
    );

    // And live again: the next change arrives without a pull.
    const after = ok(await admin.from('products').select('*').eq('id', target.id).single()) as Row;
    ok(
      await admin
        .from('products')
        .update({ price: Number(after.price) + 100, version: after.version })
        .eq('id', target.id)
        .select('id'),
    );
    await waitFor(
      async () =>
        (await till.db.replica('products').get(target.id))?.price === Number(after.price) + 100,
    );
    admin.realtime.disconnect();
  }, 90_000);
});
