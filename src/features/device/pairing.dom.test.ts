import type { SupabaseClient } from '@supabase/supabase-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { commitCommand } from '../../data/command-tx';
import { LapakDb } from '../../data/db';
import { getMeta, setMeta } from '../../data/meta';
import { isDomainError } from '../../lib/errors';
import { DeviceError } from './model';
import {
  assertLossAcknowledged,
  claimTill,
  registerTill,
  signInManager,
  unsyncedCount,
  type PairingEnv,
} from './pairing';

type Answer =
  | { data: unknown; error: null; status: number }
  | {
      data: null;
      error: { message: string; code?: string; hint?: string | null; status?: number };
      status: number;
    };

const ok = (data: unknown): Answer => ({ data, error: null, status: 200 });
const refused = (hint: string): Answer => ({
  data: null,
  error: { message: `${hint}: refused`, code: 'P0001', hint },
  status: 400,
});

/** Just enough of supabase-js for pairing: auth calls, rpc and a thenable select. */
function fakeClient(o: {
  rpc?: Record<string, Answer>;
  tables?: Record<string, Answer>;
  signIn?: { error: { message: string; status?: number } | null };
}) {
  const calls: string[] = [];
  const client = {
    auth: {
      signInWithPassword: async () => (
        calls.push('signInWithPassword'),
        o.signIn ?? { error: null }
      ),
      signInAnonymously: async () => (calls.push('signInAnonymously'), { error: null }),
      signOut: async () => (calls.push('signOut'), { error: null }),
    },
    rpc: async (fn: string, args: unknown) => (
      calls.push(`rpc ${fn} ${JSON.stringify(args)}`),
      o.rpc?.[fn] ?? ok(null)
    ),
    from: (table: string) => ({
      select: () => {
        const answer = Promise.resolve(o.tables?.[table] ?? ok([]));
        return Object.assign(answer, { is: () => answer });
      },
    }),
  };
  return { client: client as unknown as SupabaseClient, calls };
}

let db: LapakDb;
let persist: ReturnType<typeof vi.fn<() => Promise<boolean>>>;
beforeEach(() => {
  db = new LapakDb(`pairing-${crypto.randomUUID()}`);
  // jsdom has no StorageManager: stand in for the browser's, to see what pairing asks of it.
  persist = vi.fn(async () => true);
  Object.defineProperty(navigator, 'storage', { value: { persist }, configurable: true });
});
afterEach(async () => {
  Reflect.deleteProperty(navigator, 'storage');
  await db.delete();
});

const config = { url: 'https://shop.example', anonKey: 'anon-key' };
const envWith = (client: SupabaseClient): PairingEnv => ({
  db,
  config,
  appVersion: '9.9.9',
  createClient: () => client,
});

async function codeOf(promise: Promise<unknown>): Promise<string | null> {
  return promise.then(
    () => null,
    (e: unknown) => (isDomainError(e) ? e.code : String(e)),
  );
}

const claimed = {
  device_id: 'dev-1',
  tenant_id: 'ten-1',
  outlet_id: 'out-1',
  device_code: 'T4',
  outlet_code: 'JKT1',
};

describe('claimTill', () => {
  it('signs the till in on its own, claims the code and keeps the pairing in meta', async () => {
    await db.session.put({ key: 'lapak-auth', value: 'an old session' });
    await db.replica('products').put({ id: 'p1', name: 'from an earlier pairing' });
    await setMeta(db.meta, 'cursors', { products: '10:abc' });
    await setMeta(db.meta, 'deviceSeq', 41);
    await setMeta(db.meta, 'needsPairing', true);
    const { client, calls } = fakeClient({ rpc: { claim_device: ok(claimed) } });

    const { device } = await claimTill(envWith(client), ' demo-jkt1 ');

    expect(calls).toEqual([
      'signInAnonymously',
      'rpc claim_device {"pairing_code":"DEMOJKT1","app_version":"9.9.9"}',
    ]);
    expect(device).toEqual({
      deviceId: 'dev-1',
      tenantId: 'ten-1',
      outletId: 'out-1',
      outletCode: 'JKT1',
      deviceCode: 'T4',
    });
    expect(await getMeta(db.meta, 'device')).toEqual(device);
    expect(await getMeta(db.meta, 'config')).toEqual(config);
    expect(await getMeta(db.meta, 'needsPairing')).toBe(false);
    expect(await getMeta(db.meta, 'cursors')).toEqual({});
    expect(await db.replica('products').count()).toBe(0);
    expect(await db.session.get('lapak-auth')).toBeUndefined();
    // What the till owes the server is not touched by a new pairing.
    expect(await getMeta(db.meta, 'deviceSeq')).toBe(41);
    // From now on the tablet holds sales nowhere else has: it asks not to be evicted.
    expect(persist).toHaveBeenCalledOnce();
  });

  it('pairs all the same when the browser has no persistent storage to give', async () => {
    persist.mockRejectedValue(new Error('not allowed'));
    const { client } = fakeClient({ rpc: { claim_device: ok(claimed) } });
    const { device } = await claimTill(envWith(client), 'DEMOJKT1');
    expect(await getMeta(db.meta, 'device')).toEqual(device);
    expect(persist).toHaveBeenCalledOnce();
  });

  it('turns a refused code into its own error and saves nothing', async () => {
    const { client, calls } = fakeClient({
      rpc: { claim_device: refused('invalid_pairing_code') },
    });
    expect(await codeOf(claimTill(envWith(client), 'NOPE1234'))).toBe(
      DeviceError.INVALID_PAIRING_CODE,
    );
    expect(calls.at(-1)).toBe('signOut');
    expect(await getMeta(db.meta, 'device')).toBeUndefined();
    expect(persist).not.toHaveBeenCalled();
  });

  it('rejects a code that cannot be one without asking the server', async () => {
    const { client, calls } = fakeClient({});
    expect(await codeOf(claimTill(envWith(client), 'ab'))).toBe(DeviceError.INVALID_PAIRING_CODE);
    expect(calls).toEqual([]);
  });
});

describe('manager steps', () => {
  it('lists outlets by name for an owner or manager', async () => {
    const { client } = fakeClient({
      tables: {
        memberships: ok([{ role: 'manager' }]),
        outlets: ok([
          { id: 'o2', code: 'JKT1', name: 'Lapak Jakarta' },
          { id: 'o1', code: 'BDG1', name: 'Lapak Bandung' },
        ]),
      },
    });
    const session = await signInManager(envWith(client), ' manager@lapak.test ', 'pw');
    expect(session.outlets.map((o) => o.code)).toEqual(['BDG1', 'JKT1']);
  });

  it('signs a non-manager out again at once', async () => {
    const { client, calls } = fakeClient({ tables: { memberships: ok([{ role: 'cashier' }]) } });
    expect(await codeOf(signInManager(envWith(client), 'x@y.z', 'pw'))).toBe(
      DeviceError.NOT_MANAGER,
    );
    expect(calls.at(-1)).toBe('signOut');
  });

  it('tells a wrong password from a network failure', async () => {
    const wrong = fakeClient({
      signIn: { error: { message: 'Invalid login credentials', status: 400 } },
    });
    expect(await codeOf(signInManager(envWith(wrong.client), 'a@b.c', 'x'))).toBe(
      DeviceError.BAD_LOGIN,
    );
    const offline = fakeClient({ signIn: { error: { message: 'Failed to fetch', status: 0 } } });
    expect(await codeOf(signInManager(envWith(offline.client), 'a@b.c', 'x'))).toBe(
      DeviceError.NETWORK,
    );
  });

  it('registers a till under a trimmed name and returns its one-time code', async () => {
    const { client, calls } = fakeClient({
      rpc: {
        register_device: ok({
          device_id: 'dev-9',
          device_code: 'T9',
          pairing_code: 'ABCD2345',
          pairing_expires_at: '2025-06-01T08:15:00Z',
        }),
      },
    });
    expect(await registerTill(client, 'o1', '  Kasir   Depan ')).toEqual({
      pairingCode: 'ABCD2345',
      deviceCode: 'T9',
    });
    expect(calls).toEqual(['rpc register_device {"outlet_id":"o1","name":"Kasir Depan"}']);
    expect(await codeOf(registerTill(client, 'o1', '  '))).toBe(DeviceError.INVALID_TILL_NAME);
  });
});

describe('unpairing guard', () => {
  async function queue(n: number) {
    for (let i = 0; i < n; i++) {
      await commitCommand(db, (tx) => {
        tx.journal('shifts', { id: crypto.randomUUID() });
        tx.enqueue('shift.open', {}, { staffId: 'staff-1', catalogVersion: 0 });
      });
    }
  }

  it('lets a till with nothing unsynced go, and one whose losses were all acknowledged', async () => {
    await expect(assertLossAcknowledged(db, 0)).resolves.toBeUndefined();
    await queue(2);
    const [entry] = await db.outbox.toArray();
    await db.attention.put({
      id: entry!.id,
      entry: entry!,
      code: 'unknown_shift',
      message: '',
      rejectedAt: new Date().toISOString(),
    });
    await db.outbox.delete(entry!.id);
    expect(await unsyncedCount(db)).toBe(2);
    await expect(assertLossAcknowledged(db, 2)).resolves.toBeUndefined();
  });

  it('refuses when more is unsynced than the warning showed', async () => {
    await queue(1);
    expect(await codeOf(assertLossAcknowledged(db, 0))).toBe(DeviceError.UNSYNCED_CHANGED);
    await queue(1);
    expect(await codeOf(assertLossAcknowledged(db, 1))).toBe(DeviceError.UNSYNCED_CHANGED);
    // Refusing deletes nothing.
    expect(await db.outbox.count()).toBe(2);
  });
});
