import type { SupabaseClient } from '@supabase/supabase-js';
import { REPLICA_TABLES, type LapakDb } from '../../data/db';
import { setMeta } from '../../data/meta';
import { dexieSessionStorage } from '../../data/session-storage';
import { DomainError } from '../../lib/errors';
import { createLapakClient, type ClientConfig } from '../../lib/supabase';
import { createSyncEngine, type SyncOutcome } from '../../sync/engine';
import { supabaseTransport } from '../../sync/supabase-transport';
import {
  claimAnswer,
  DeviceError,
  identityFromClaim,
  normalizePairingCode,
  normalizeTillName,
  outletRow,
  pullProgress,
  registerAnswer,
  type DeviceIdentity,
  type Outlet,
  type ServerConfig,
} from './model';

/**
 * Pairing a tablet as a till (DESIGN §4): a manager signs in once and registers the device, which
 * yields a one-time code; the manager is signed out; the till signs in as its own (anonymous)
 * Auth user, session kept in IndexedDB, and claims the code. No manager credential or session
 * outlives the pairing on the tablet.
 */
export interface PairingEnv {
  db: LapakDb;
  config: ServerConfig;
  appVersion: string;
  createClient?: (config: ClientConfig) => SupabaseClient;
}

interface ApiError {
  message: string;
  code?: string | undefined;
  hint?: string | null | undefined;
  status?: number | undefined;
}

function failWith(code: DeviceError, error?: ApiError | null): never {
  throw new DomainError(code, { message: error?.message ?? code, cause: error });
}

/** supabase-js reports a failed fetch as status 0 (auth) or a FetchError without a code. */
function isNetwork(error: ApiError, status?: number): boolean {
  return (error.status ?? status) === 0 || /fetch|network/i.test(error.message);
}

function rpcFailure(error: ApiError, status: number, known: Record<string, DeviceError>): never {
  if (isNetwork(error, status)) failWith(DeviceError.NETWORK, error);
  // Lapak's RPCs raise their stable code in the error's hint (app.fail in SQL).
  const hint = error.hint ?? '';
  const code = (Object.hasOwn(known, hint) ? known[hint] : undefined) ?? DeviceError.SERVER;
  failWith(code, error);
}

const clientFor = (env: PairingEnv, storage?: ClientConfig['storage']) =>
  (env.createClient ?? createLapakClient)({
    url: env.config.url,
    anonKey: env.config.anonKey,
    ...(storage && { storage }),
  });

export interface ManagerSession {
  client: SupabaseClient;
  outlets: Outlet[];
}

/** Signs the manager in (session in memory only) and lists the outlets a till can join. */
export async function signInManager(
  env: PairingEnv,
  email: string,
  password: string,
): Promise<ManagerSession> {
  const client = clientFor(env);
  const { error } = await client.auth.signInWithPassword({ email: email.trim(), password });
  if (error) {
    failWith(isNetwork(error) ? DeviceError.NETWORK : DeviceError.BAD_LOGIN, error);
  }
  try {
    const roles = await client.from('memberships').select('role');
    if (roles.error) rpcFailure(roles.error, roles.status, {});
    if (!roles.data.some((r: { role: string }) => r.role === 'owner' || r.role === 'manager')) {
      failWith(DeviceError.NOT_MANAGER);
    }
    const res = await client.from('outlets').select('id, code, name').is('deleted_at', null);
    if (res.error) rpcFailure(res.error, res.status, {});
    const outlets = outletRow.array().parse(res.data);
    if (outlets.length === 0) failWith(DeviceError.NO_OUTLETS);
    return { client, outlets: outlets.sort((a, b) => a.name.localeCompare(b.name)) };
  } catch (err) {
    await signOutManager(client);
    throw err;
  }
}

/** Registers a new till at the outlet; the answer's pairing code is good for one claim. */
export async function registerTill(
  manager: SupabaseClient,
  outletId: string,
  name: string,
): Promise<{ pairingCode: string; deviceCode: string }> {
  const tillName = normalizeTillName(name);
  if (!tillName) failWith(DeviceError.INVALID_TILL_NAME);
  const res = await manager.rpc('register_device', { outlet_id: outletId, name: tillName });
  if (res.error) {
    rpcFailure(res.error, res.status, {
      permission_denied: DeviceError.NOT_MANAGER,
      invalid_payload: DeviceError.INVALID_TILL_NAME,
    });
  }
  const answer = registerAnswer.parse(res.data);
  return { pairingCode: answer.pairing_code, deviceCode: answer.device_code };
}

/** Ends the manager's session; local first, so no token stays on the tablet even offline. */
export async function signOutManager(manager: SupabaseClient): Promise<void> {
  await manager.auth.signOut({ scope: 'local' }).catch(() => undefined);
}

/**
 * The till's own account claims the code. Replicated rows from an earlier pairing are dropped (a
 * different outlet sees different stock), but the journal, the outbox and the counters stay: a
 * re-paired till still owes the server what it sold.
 */
export async function claimTill(
  env: PairingEnv,
  pairingCode: string,
): Promise<{ client: SupabaseClient; device: DeviceIdentity }> {
  const code = normalizePairingCode(pairingCode);
  if (!/^[A-Z0-9]{6,12}$/.test(code)) failWith(DeviceError.INVALID_PAIRING_CODE);
  await env.db.session.clear();
  const client = clientFor(env, dexieSessionStorage(env.db));
  const signIn = await client.auth.signInAnonymously();
  if (signIn.error) {
    failWith(isNetwork(signIn.error) ? DeviceError.NETWORK : DeviceError.SERVER, signIn.error);
  }
  const res = await client.rpc('claim_device', {
    pairing_code: code,
    app_version: env.appVersion,
  });
  if (res.error) {
    await client.auth.signOut({ scope: 'local' }).catch(() => undefined);
    rpcFailure(res.error, res.status, { invalid_pairing_code: DeviceError.INVALID_PAIRING_CODE });
  }
  const device = identityFromClaim(claimAnswer.parse(res.data));
  const replicas = REPLICA_TABLES.map((t) => env.db.replica(t));
  await env.db.transaction('rw', [env.db.meta, ...replicas], async () => {
    await Promise.all(replicas.map((t) => t.clear()));
    await setMeta(env.db.meta, 'cursors', {});
    await setMeta(env.db.meta, 'config', env.config);
    await setMeta(env.db.meta, 'device', device);
    await setMeta(env.db.meta, 'needsPairing', false);
    await setMeta(env.db.meta, 'lastError', null);
  });
  // From here the tablet holds sales that exist nowhere else until they sync: ask the browser
  // not to evict them. Not awaited: a browser that asks the user must not hold up the pairing.
  void requestPersistence();
  return { client, device };
}

/** Asks the browser not to evict the till's data under storage pressure (best effort). */
export async function requestPersistence(): Promise<boolean> {
  try {
    return (await globalThis.navigator?.storage?.persist?.()) ?? false;
  } catch {
    return false;
  }
}

/** A rough row count for the first download's progress bar; null when it cannot be had. */
async function estimateRows(client: SupabaseClient): Promise<number | null> {
  const tables = ['products', 'customers', 'categories', 'staff'] as const;
  const counts = await Promise.all(
    tables.map((t) => client.from(t).select('id', { count: 'exact', head: true })),
  );
  if (counts.some((c) => c.error || c.count === null)) return null;
  const [products = 0, ...others] = counts.map((c) => c.count ?? 0);
  // A till replicates one stock level per product at its outlet, plus a handful of small tables.
  return products * 2 + others.reduce((a, b) => a + b, 0) + 10;
}

/** The first full download after a claim, reporting progress from 0 to 1. */
export async function firstSync(
  db: LapakDb,
  client: SupabaseClient,
  onProgress: (fraction: number, rows: number) => void,
): Promise<SyncOutcome> {
  const estimate = await estimateRows(client).catch(() => null);
  onProgress(0, 0);
  const engine = createSyncEngine({
    db,
    transport: supabaseTransport(client),
    pull: { onPage: (r) => onProgress(pullProgress(r.rows, estimate, false), r.rows) },
  });
  const outcome = await engine.sync({ force: true });
  if (outcome.kind === 'ok') onProgress(1, outcome.pulled);
  return outcome;
}

/** What unpairing would destroy: mutations the server has not got and rejected ones kept. */
export async function unsyncedCount(db: LapakDb): Promise<number> {
  return db.transaction(
    'r',
    [db.outbox, db.attention],
    async () => (await db.outbox.count()) + (await db.attention.count()),
  );
}

/**
 * Checked right before unpairing: the person agreed to lose `acknowledged` unsynced records. A
 * sale made since (in another tab) or a count not yet loaded when the warning was drawn was not
 * part of that agreement, so the caller must warn again.
 */
export async function assertLossAcknowledged(db: LapakDb, acknowledged: number): Promise<void> {
  if ((await unsyncedCount(db)) > acknowledged) failWith(DeviceError.UNSYNCED_CHANGED);
}

/** Forgets the pairing and everything on the device. The caller has warned about unsynced work. */
export async function forgetTill(db: LapakDb, client: SupabaseClient | null): Promise<void> {
  await client?.auth.signOut({ scope: 'local' }).catch(() => undefined);
  db.close();
  await db.delete();
}
