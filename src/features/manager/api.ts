import type { SupabaseClient } from '@supabase/supabase-js';
import { z } from 'zod';
import { createLapakClient, type SessionStorage } from '../../lib/supabase';
import {
  AlertDetailSchema,
  AlertRowSchema,
  DeviceRowSchema,
  FeedRowSchema,
  SummarySchema,
  type AlertDetail,
  type AlertRow,
  type DeviceRow,
  type Directory,
  type FeedRow,
  type Summary,
} from './model';

/**
 * The manager's own Supabase session. It lives under its own storage key in localStorage, apart
 * from a paired till's device session (IndexedDB, key `lapak-auth`), so signing in or out here
 * never touches the till in the same browser.
 */
export const MANAGER_AUTH_KEY = 'lapak-manager-auth';

export const ManagerError = {
  BAD_CREDENTIALS: 'bad_credentials',
  NOT_MANAGER: 'not_manager',
  NO_SHOP: 'no_shop',
  NETWORK: 'network',
} as const;
export type ManagerErrorCode = (typeof ManagerError)[keyof typeof ManagerError];

export class ManagerAccessError extends Error {
  constructor(readonly code: ManagerErrorCode) {
    super(code);
  }
}

export function isManagerAccessError(err: unknown): err is ManagerAccessError {
  return err instanceof ManagerAccessError;
}

export function localSessionStorage(storage: Storage = window.localStorage): SessionStorage {
  return {
    getItem: async (key) => storage.getItem(key),
    setItem: async (key, value) => storage.setItem(key, value),
    removeItem: async (key) => storage.removeItem(key),
  };
}

export function createManagerClient(config: { url: string; anonKey: string }): SupabaseClient {
  return createLapakClient({
    url: config.url,
    anonKey: config.anonKey,
    storage: localSessionStorage(),
    storageKey: MANAGER_AUTH_KEY,
  });
}

export interface Shop {
  tenantId: string;
  name: string;
  timezone: string;
  currency: string;
  currencyExponent: number;
  email: string;
}

interface RpcError {
  code?: string;
  hint?: string | null;
  message: string;
}

function accessErrorFor(error: RpcError): ManagerAccessError {
  if (error.hint === 'permission_denied' || error.hint === 'not_signed_in') {
    return new ManagerAccessError(ManagerError.NOT_MANAGER);
  }
  if (error.hint === 'not_a_member') return new ManagerAccessError(ManagerError.NO_SHOP);
  return new ManagerAccessError(ManagerError.NETWORK);
}

/**
 * Who is signed in, if they may see the dashboard. The dashboard RPC is the judge: it refuses
 * cashiers and tills with a stable code; a refused account is signed out again here.
 */
export async function loadShop(client: SupabaseClient): Promise<Shop | null> {
  const { data: auth } = await client.auth.getSession();
  const session = auth.session;
  if (!session) return null;
  const probe = await client.rpc('dashboard_summary', { top_products: 1 });
  if (probe.error) {
    const failure = accessErrorFor(probe.error);
    if (failure.code !== ManagerError.NETWORK) await client.auth.signOut({ scope: 'local' });
    throw failure;
  }
  const tenant = await client
    .from('tenants')
    .select('id, name, timezone, currency, currency_exponent')
    .single();
  if (tenant.error) throw new ManagerAccessError(ManagerError.NETWORK);
  const row = z
    .object({
      id: z.string(),
      name: z.string(),
      timezone: z.string(),
      currency: z.string(),
      currency_exponent: z.number().int(),
    })
    .parse(tenant.data);
  return {
    tenantId: row.id,
    name: row.name,
    timezone: row.timezone,
    currency: row.currency,
    currencyExponent: row.currency_exponent,
    email: session.user.email ?? '',
  };
}

export async function signInManager(
  client: SupabaseClient,
  email: string,
  password: string,
): Promise<Shop> {
  let result;
  try {
    result = await client.auth.signInWithPassword({ email: email.trim(), password });
  } catch {
    throw new ManagerAccessError(ManagerError.NETWORK);
  }
  if (result.error) {
    const status = (result.error as { status?: number }).status ?? 0;
    throw new ManagerAccessError(
      status >= 400 && status < 500 ? ManagerError.BAD_CREDENTIALS : ManagerError.NETWORK,
    );
  }
  // An anonymous till account cannot sign in with a password, but a cashier's email account can.
  const shop = await loadShop(client);
  if (!shop) throw new ManagerAccessError(ManagerError.NETWORK);
  return shop;
}

function unwrap<T>(
  res: { data: unknown; error: { message: string } | null },
  schema: z.ZodType<T>,
): T {
  if (res.error) throw new Error(res.error.message);
  return schema.parse(res.data);
}

export async function fetchSummary(
  client: SupabaseClient,
  outletId: string | null,
): Promise<Summary> {
  return unwrap(await client.rpc('dashboard_summary', { outlet_id: outletId }), SummarySchema);
}

export async function fetchFeed(
  client: SupabaseClient,
  outletId: string | null,
  maxRows = 50,
): Promise<FeedRow[]> {
  return unwrap(
    await client.rpc('dashboard_sales', { outlet_id: outletId, max_rows: maxRows }),
    z.array(FeedRowSchema),
  );
}

export async function fetchDevices(client: SupabaseClient): Promise<DeviceRow[]> {
  return unwrap(
    await client
      .from('devices')
      .select(
        'id, name, device_code, outlet_id, last_push_at, last_pull_at, app_version, claimed_at',
      )
      .is('revoked_at', null)
      .order('device_no'),
    z.array(DeviceRowSchema),
  );
}

export async function fetchDirectory(
  client: SupabaseClient,
  devices: readonly DeviceRow[],
): Promise<Directory> {
  const [staff, outlets] = await Promise.all([
    client.from('staff').select('id, name'),
    client.from('outlets').select('id, code, name').is('deleted_at', null).order('code'),
  ]);
  const staffRows = unwrap(staff, z.array(z.object({ id: z.string(), name: z.string() })));
  const outletRows = unwrap(
    outlets,
    z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
  );
  return {
    devices: new Map(devices.map((d) => [d.id, { name: d.name, code: d.device_code }])),
    staff: new Map(staffRows.map((s) => [s.id, s.name])),
    outlets: new Map(outletRows.map((o) => [o.id, { code: o.code, name: o.name }])),
  };
}

export async function fetchOpenAlerts(client: SupabaseClient): Promise<AlertRow[]> {
  return unwrap(
    await client
      .from('alerts')
      .select(
        'id, kind, payload, product_id, sale_id, device_id, occurrences, resolved_at, created_at',
      )
      .is('resolved_at', null)
      .order('created_at', { ascending: false })
      .limit(100),
    z.array(AlertRowSchema),
  );
}

export async function fetchAlertDetail(
  client: SupabaseClient,
  alertId: string,
): Promise<AlertDetail> {
  return unwrap(await client.rpc('dashboard_alert', { alert_id: alertId }), AlertDetailSchema);
}

/** Resolving sets the resolution columns; the server records who did it (resolved_by). */
export async function resolveAlert(
  client: SupabaseClient,
  alertId: string,
  note: string,
): Promise<void> {
  const res = await client
    .from('alerts')
    .update({ resolved_at: new Date().toISOString(), resolution_note: note.trim() || null })
    .eq('id', alertId)
    .select('id');
  if (res.error) throw new Error(res.error.message);
}
