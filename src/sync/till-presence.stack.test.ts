import 'fake-indexeddb/auto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { RunningStack } from '../../supabase/local/stack';
import { accessToken } from '../../supabase/tests/db/helpers/clients';
import { createTenant, type Tenant } from '../../supabase/tests/db/helpers/world';
import { startTestStack } from '../../supabase/tests/helpers/stack';
import { getMeta } from '../data/meta';
import { tillsChannel, TillPresenceSchema, type TillPresence } from '../lib/presence';
import { createLapakClient } from '../lib/supabase';
import { pairTestTill, signInManager, type TestTill } from '../test/till';
import { startTillPresence, type TillIdentity, type TillPresenceTracker } from './till-presence';

let stack: RunningStack;
beforeAll(async () => {
  stack = await startTestStack({ supabaseDir: 'supabase' });
}, 120_000);
afterAll(() => stack?.stop());

async function waitFor<T>(probe: () => T | undefined | null | false, timeoutMs = 3_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

interface Seen {
  joins: { key: string; meta: Record<string, unknown> }[];
  leaves: string[];
}

/** A watcher on the tills channel, the way the manager dashboard joins it. */
function watchTills(client: SupabaseClient, tenantId: string) {
  const seen: Seen = { joins: [], leaves: [] };
  const channel = client.channel(tillsChannel(tenantId), { config: { private: true } });
  channel.on('presence', { event: 'join' }, ({ key, newPresences }) => {
    for (const meta of newPresences) seen.joins.push({ key, meta });
  });
  channel.on('presence', { event: 'leave' }, ({ key }) => seen.leaves.push(key));
  const status = new Promise<{ status: string; error?: Error }>((resolve) =>
    channel.subscribe((s, error) => resolve(error ? { status: s, error } : { status: s })),
  );
  return { channel, seen, status };
}

/** The entry as the contract defines it: realtime-js adds its own presence_ref. */
function entry(meta: Record<string, unknown>): TillPresence {
  const { presence_ref: _ref, ...rest } = meta;
  return TillPresenceSchema.parse(rest);
}

function realtimeClient(token: string): SupabaseClient {
  const client = createLapakClient({
    url: stack.url,
    anonKey: stack.anonKey,
    realtimeTransport: WebSocket,
  });
  void client.realtime.setAuth(token);
  return client;
}

describe('till presence', () => {
  let till: TestTill;
  let manager: SupabaseClient;
  let tenantId: string;
  let identity: TillIdentity;
  let watcher: ReturnType<typeof watchTills>;
  let tracker: TillPresenceTracker;
  let other: Tenant;

  beforeAll(async () => {
    till = await pairTestTill(stack, { dbName: 'till-presence' });
    const device = (await getMeta(till.db.meta, 'device'))!;
    tenantId = device.tenantId;
    identity = {
      deviceId: device.deviceId,
      deviceName: 'Kasir Depan',
      outletId: device.outletId,
      appVersion: '0.1.0-test',
    };
    manager = await signInManager(stack);
    watcher = watchTills(manager, tenantId);
    expect((await watcher.status).status).toBe('SUBSCRIBED');
    other = await createTenant(stack, { products: 0 });
  }, 120_000);
  afterAll(async () => {
    await tracker?.stop();
    till?.client.realtime.disconnect();
    manager?.realtime.disconnect();
  });

  it('shows a till to the managers of its tenant, with the agreed payload', async () => {
    const oldest = '2026-01-05T08:00:00.000Z';
    tracker = startTillPresence({
      client: till.client,
      tenantId,
      identity,
      initial: { pending: 2, oldestPendingAt: oldest, lastPullAt: '2026-01-05T07:59:00.000Z' },
    });
    const first = await waitFor(() => watcher.seen.joins.find((j) => j.key === identity.deviceId));
    expect(entry(first.meta)).toMatchObject({
      device_id: identity.deviceId,
      device_name: 'Kasir Depan',
      outlet_id: identity.outletId,
      staff_id: null,
      staff_name: null,
      online: true,
      pending: 2,
      oldest_pending_at: oldest,
      needs_attention: 0,
      last_push_at: null,
      last_pull_at: '2026-01-05T07:59:00.000Z',
      app_version: '0.1.0-test',
    });
    // Keyed by device id, so a rejoining till replaces its own entry.
    expect(Object.keys(watcher.channel.presenceState())).toEqual([identity.deviceId]);
    expect(tracker.current()?.device_id).toBe(identity.deviceId);
  });

  it('sends the newest facts after an unlock and a burst of sync changes, at most once a second', async () => {
    const ani = { id: crypto.randomUUID(), name: 'Ani' };
    const before = watcher.seen.joins.length;
    const started = Date.now();
    tracker.update({ staff: ani });
    for (let pending = 3; pending <= 7; pending++) tracker.update({ pending });
    tracker.update({ pending: 0, oldestPendingAt: null, lastPushAt: '2026-01-05T08:01:00.000Z' });

    const last = await waitFor(() => {
      const j = watcher.seen.joins.at(-1);
      return j && j.meta.pending === 0 && j.meta.staff_name === 'Ani' ? j : null;
    });
    expect(entry(last.meta)).toMatchObject({
      staff_id: ani.id,
      staff_name: 'Ani',
      pending: 0,
      oldest_pending_at: null,
      last_push_at: '2026-01-05T08:01:00.000Z',
    });
    // Seven changes within a moment: the first goes out, the rest wait for the window to close.
    const sent = watcher.seen.joins.slice(before);
    expect(sent.length).toBeLessThanOrEqual(2);
    expect(Date.now() - started).toBeLessThan(2_500);

    tracker.update({ staff: null, online: false });
    const locked = await waitFor(() => {
      const j = watcher.seen.joins.at(-1);
      return j && j.meta.staff_id === null && j.meta.online === false ? j : null;
    });
    expect(entry(locked.meta).staff_name).toBeNull();
  });

  it('keeps other tenants off the channel', async () => {
    const outsider = realtimeClient(await accessToken(stack, other.members.owner.userId));
    const refused = watchTills(outsider, tenantId);
    const status = await refused.status;
    expect(status.status).toBe('CHANNEL_ERROR');
    expect(status.error?.message).toContain('Unauthorized');
    expect(refused.seen.joins).toEqual([]);

    // Its own tenant's channel is open to it, and shows none of this tenant's tills.
    const own = watchTills(outsider, other.id);
    expect((await own.status).status).toBe('SUBSCRIBED');
    await new Promise((r) => setTimeout(r, 300));
    expect(own.channel.presenceState()).toEqual({});
    expect(own.seen.joins).toEqual([]);

    // Nor can a till of the other tenant announce itself here.
    const otherTill = realtimeClient(await accessToken(stack, other.members.device.userId));
    const intruder = startTillPresence({
      client: otherTill,
      tenantId,
      identity: { ...identity, deviceId: other.deviceId, deviceName: 'Intruder' },
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(intruder.current()).toBeNull();
    expect(watcher.seen.joins.map((j) => j.key)).not.toContain(other.deviceId);
    await intruder.stop();

    // The anon key alone gets nowhere either.
    const anon = createLapakClient({
      url: stack.url,
      anonKey: stack.anonKey,
      realtimeTransport: WebSocket,
    });
    expect((await watchTills(anon, tenantId).status).status).toBe('CHANNEL_ERROR');
    for (const c of [outsider, otherTill, anon]) c.realtime.disconnect();
  });

  it('leaves the channel when the till disconnects', async () => {
    till.client.realtime.disconnect();
    await waitFor(() => watcher.seen.leaves.includes(identity.deviceId));
    // A manager who opens the dashboard now finds no entry for it. (The first watcher's own
    // presenceState() may keep a stale meta after updates: supabase/supabase-js#2565.)
    const second = await signInManager(stack);
    const late = watchTills(second, tenantId);
    expect((await late.status).status).toBe('SUBSCRIBED');
    await new Promise((r) => setTimeout(r, 300));
    expect(late.channel.presenceState()).toEqual({});
    second.realtime.disconnect();
  });
});
