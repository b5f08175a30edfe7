import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { RunningStack } from '../../../supabase/local/stack';
import { createAuthUser } from '../../../supabase/tests/db/helpers/clients';
import { payloadId, Till } from '../../../supabase/tests/db/helpers/till';
import { createTenant, type Tenant } from '../../../supabase/tests/db/helpers/world';
import { startTestStack } from '../../../supabase/tests/helpers/stack';
import { createLapakClient, type SessionStorage } from '../../lib/supabase';
import { ManagerError, MANAGER_AUTH_KEY, signInManager, type Shop } from './api';
import { startDashboard, type DashboardSession } from './live';
import { resetDashboard, useDashboard } from './store';

/**
 * The dashboard's live path against the local stack: a real password sign-in with the role
 * check, the first load through the dashboard RPCs, and Realtime changes delivered under RLS.
 */

let stack: RunningStack;
let shop: Tenant;
let other: Tenant;
const PASSWORD = 'rahasia-123';

function memoryStorage(): SessionStorage & { keys(): string[] } {
  const data = new Map<string, string>();
  return {
    getItem: async (k) => data.get(k) ?? null,
    setItem: async (k, v) => void data.set(k, v),
    removeItem: async (k) => void data.delete(k),
    keys: () => [...data.keys()],
  };
}

/** A person with an email and a password, a member of `tenant` in `role`. */
async function person(tenant: Tenant, role: string): Promise<string> {
  const id = await createAuthUser(stack);
  const email = `${role}-${id.slice(0, 8)}@toko.test`;
  await stack.db.query(
    `update auth.users set email = $2,
       encrypted_password = extensions.crypt($3, extensions.gen_salt('bf', 4)) where id = $1`,
    [id, email, PASSWORD],
  );
  await stack.db.query(
    'insert into public.memberships (tenant_id, user_id, role) values ($1, $2, $3)',
    [tenant.id, id, role],
  );
  return email;
}

function client(storage = memoryStorage()): SupabaseClient {
  return createLapakClient({
    url: stack.url,
    anonKey: stack.anonKey,
    storage,
    storageKey: MANAGER_AUTH_KEY,
    autoRefreshToken: false,
    realtimeTransport: WebSocket,
  });
}

async function waitFor<T>(probe: () => T | undefined | null | false, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  stack = await startTestStack({ seed: false });
  shop = await createTenant(stack, { products: 2, stock: 50 });
  other = await createTenant(stack, { products: 1 });
}, 180_000);
afterAll(() => stack?.stop());

describe('signing in to the dashboard', () => {
  it('keeps the session under its own key and refuses a cashier', async () => {
    const storage = memoryStorage();
    const manager = client(storage);
    const email = await person(shop, 'manager');
    const signedIn = await signInManager(manager, email, PASSWORD);
    expect(signedIn).toMatchObject({ tenantId: shop.id, timezone: 'Asia/Jakarta', email });
    expect(storage.keys()).toEqual([MANAGER_AUTH_KEY]);
    await manager.auth.signOut({ scope: 'local' });

    const cashier = client();
    await expect(
      signInManager(cashier, await person(shop, 'cashier'), PASSWORD),
    ).rejects.toMatchObject({ code: ManagerError.NOT_MANAGER });
    // Refused means signed out again, not left with a session the dashboard cannot use.
    expect((await cashier.auth.getSession()).data.session).toBeNull();
    await expect(signInManager(client(), email, 'salah')).rejects.toMatchObject({
      code: ManagerError.BAD_CREDENTIALS,
    });
  });
});

describe('the live dashboard', () => {
  let session: DashboardSession | null = null;
  let manager: SupabaseClient;
  let shopInfo: Shop;

  afterEach(() => {
    session?.stop();
    session = null;
    resetDashboard();
  });

  beforeAll(async () => {
    manager = client();
    shopInfo = await signInManager(manager, await person(shop, 'manager'), PASSWORD);
  });

  it('shows a sale pushed by a till, and another tenant’s manager gets nothing of it', async () => {
    // The other shop's manager listens on this shop's tenant id: RLS must keep it silent.
    const stranger = client();
    await signInManager(stranger, await person(other, 'manager'), PASSWORD);
    const overheard: unknown[] = [];
    let spyStatus = '';
    await stranger.realtime.setAuth();
    const spy = stranger
      .channel('spy')
      .on(
        'postgres_changes',
        { event: '*', schema: 'public', table: 'sales', filter: `tenant_id=eq.${shop.id}` },
        (p) => overheard.push(p),
      )
      .subscribe((status) => void (spyStatus = status));

    session = startDashboard(manager, shopInfo);
    await waitFor(() => useDashboard.getState().live && useDashboard.getState().summary);
    // The stranger is listening, so its silence below means something.
    await waitFor(() => spyStatus === 'SUBSCRIBED');
    const before = useDashboard.getState().summary!.totals;
    // Let the change subscriptions register on the server before the sale lands.
    await new Promise((r) => setTimeout(r, 500));

    const till = new Till(shop, shop.members.device.client);
    const sale = till.sale([{ product: shop.products[0]!, quantity: 2 }]);
    sale.payload.completed_at = new Date().toISOString();
    const [result] = await till.push([sale]);
    expect(result).toMatchObject({ status: 'applied' });
    const due = (sale.payload.totals as { total_due: number }).total_due;

    const row = await waitFor(() =>
      useDashboard.getState().feed.find((r) => r.sale_id === payloadId(sale, 'sale_id')),
    );
    expect(row).toMatchObject({
      receipt_no: sale.payload.receipt_no,
      device_name: 'Kasir 1',
      staff_name: 'Staff cashier',
      total_due: due,
    });
    expect(row.latency_ms).toBeGreaterThanOrEqual(0);
    expect(row.latency_ms).toBeLessThan(10_000);
    // The debounced refresh brings the KPIs and the row's details from the RPCs.
    await waitFor(
      () => useDashboard.getState().summary!.totals.transactions === before.transactions + 1,
    );
    expect(useDashboard.getState().summary!.totals.revenue).toBe(before.revenue + due);
    await waitFor(() => useDashboard.getState().feed[0]?.item_count === 2);

    // Refunds are published too: the KPI follows.
    const refund = till.refund(sale, [{ line: 0, quantity: 1 }]);
    refund.payload.refunded_at = new Date().toISOString();
    expect((await till.push([refund]))[0]).toMatchObject({ status: 'applied' });
    await waitFor(
      () => useDashboard.getState().summary!.totals.refund_count === before.refund_count + 1,
    );

    await new Promise((r) => setTimeout(r, 500));
    expect(overheard).toEqual([]);
    await stranger.removeChannel(spy);
  });

  it('lists the shop’s tills and a new alert as it is raised', async () => {
    session = startDashboard(manager, shopInfo);
    await waitFor(() => useDashboard.getState().live && useDashboard.getState().devices.length);
    expect(useDashboard.getState().devices.map((d) => d.id)).toEqual([shop.deviceId]);
    await new Promise((r) => setTimeout(r, 500));
    const alertsBefore = useDashboard.getState().alerts.length;

    const till = new Till(shop, shop.members.device.client);
    till.seq = 100;
    till.counter = 100;
    const bad = till.sale([{ product: shop.products[1]!, quantity: 1 }]);
    (bad.payload.totals as { total: number }).total += 1;
    expect((await till.push([bad]))[0]).toMatchObject({ status: 'rejected' });

    const alerts = await waitFor(() => {
      const a = useDashboard.getState().alerts;
      return a.length > alertsBefore && a;
    });
    expect(alerts[0]).toMatchObject({ kind: 'rejected_mutation', device_id: shop.deviceId });
  });
});
