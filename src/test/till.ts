import type { SupabaseClient } from '@supabase/supabase-js';
import { WebSocket } from 'ws';
import { LapakDb } from '../data/db';
import { setMeta } from '../data/meta';
import { dexieSessionStorage } from '../data/session-storage';
import type { TillContext } from '../data/till';
import { createLapakClient } from '../lib/supabase';

export const DEMO_MANAGER = { email: 'manager@lapak.test', password: 'lapak-demo-123' };

export interface TestTill {
  db: LapakDb;
  client: SupabaseClient;
  deviceId: string;
}

interface StackKeys {
  url: string;
  anonKey: string;
}

/** A manager client (no persisted session) for setting up and checking a test. */
export async function signInManager(stack: StackKeys): Promise<SupabaseClient> {
  const client = createLapakClient({
    url: stack.url,
    anonKey: stack.anonKey,
    realtimeTransport: WebSocket,
  });
  const { error } = await client.auth.signInWithPassword(DEMO_MANAGER);
  if (error) throw error;
  return client;
}

/**
 * Pairs a till the way the app does: the manager registers it, the till signs in with an
 * account of its own (anonymous) whose session lives in IndexedDB, and claims the code.
 */
export async function pairTestTill(
  stack: StackKeys,
  options: { dbName: string; outletCode?: string; fetch?: typeof fetch },
): Promise<TestTill> {
  const manager = await signInManager(stack);
  const outlet = await manager
    .from('outlets')
    .select('id, code')
    .eq('code', options.outletCode ?? 'JKT1')
    .single();
  if (outlet.error) throw outlet.error;
  const reg = await manager.rpc('register_device', {
    outlet_id: outlet.data.id,
    name: options.dbName,
  });
  if (reg.error) throw reg.error;
  await manager.auth.signOut();

  const db = new LapakDb(options.dbName);
  const client = createLapakClient({
    url: stack.url,
    anonKey: stack.anonKey,
    storage: dexieSessionStorage(db),
    autoRefreshToken: false,
    realtimeTransport: WebSocket,
    ...(options.fetch && { fetch: options.fetch }),
  });
  const signIn = await client.auth.signInAnonymously();
  if (signIn.error) throw signIn.error;
  const claim = await client.rpc('claim_device', { pairing_code: reg.data.pairing_code });
  if (claim.error) throw claim.error;
  const c = claim.data as Record<string, string>;
  await setMeta(db.meta, 'config', { url: stack.url, anonKey: stack.anonKey });
  await setMeta(db.meta, 'device', {
    deviceId: c.device_id!,
    tenantId: c.tenant_id!,
    outletId: c.outlet_id!,
    outletCode: c.outlet_code!,
    deviceCode: c.device_code!,
  });
  return { db, client, deviceId: c.device_id! };
}

/** The context a till command runs in, read from the pulled replica. */
export async function tillContext(db: LapakDb, staffName: string): Promise<TillContext> {
  const device = await db.meta.get('device');
  const tenant = (await db.replica('tenants').toArray())[0];
  const staff = (await db.replica('staff').toArray()).find((s) => s.name === staffName);
  if (!device || !tenant || !staff) throw new Error('pull the replica before building a context');
  const products = await db.replica('products').toArray();
  return {
    db,
    device: device.value as TillContext['device'],
    staffId: staff.id,
    settings: {
      currency: tenant.currency as string,
      taxMode: tenant.tax_mode as 'inclusive' | 'exclusive',
      cashRoundingStep: tenant.cash_rounding_step as number,
    },
    catalogVersion: Math.max(0, ...products.map((p) => Number(p.catalog_version ?? 0))),
    shiftId: null,
  };
}
