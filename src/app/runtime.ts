import type { SupabaseClient } from '@supabase/supabase-js';
import { liveQuery } from 'dexie';
import { dexieSessionStorage } from '../data/session-storage';
import type { DeviceIdentity, ServerConfig } from '../features/device/model';
import { assertLossAcknowledged, forgetTill } from '../features/device/pairing';
import { loadCatalogVersion, loadPairing, loadTillInfo } from '../features/device/repo';
import { findOpenShift } from '../features/shifts/repo';
import { findStaff } from '../features/staff/repo';
import { createLapakClient } from '../lib/supabase';
import { createSyncEngine, type SyncEngine, type SyncOutcome } from '../sync/engine';
import { startLiveReplica } from '../sync/live';
import { createScheduler, type Scheduler } from '../sync/scheduler';
import { readSyncStatus } from '../sync/status';
import { supabaseTransport } from '../sync/supabase-transport';
import { startTillPresence, syncFacts, type TillFacts } from '../sync/till-presence';
import { OUTBOX_SYNC_TAG, PERIODIC_SYNC_TAG } from '../sync/worker-sync';
import { db } from './db';
import { useAppStore, type AppState } from './store';
import { APP_VERSION } from './version';

/**
 * The till's life outside React: boot from IndexedDB, the page's sync engine and its triggers,
 * live queries that keep the store in step with the database. Components call these functions;
 * none of this lives in a component or a context.
 */

interface SyncSession {
  client: SupabaseClient;
  scheduler: Scheduler;
  stop(): void;
}

interface Watch {
  unsubscribe(): void;
}

let session: SyncSession | null = null;
let statusWatch: Watch | null = null;
let shiftWatch: Watch | null = null;

const store = () => useAppStore.getState();

export function pageClient(config: ServerConfig): SupabaseClient {
  return createLapakClient({
    url: config.url,
    anonKey: config.anonKey,
    storage: dexieSessionStorage(db),
  });
}

/** Reads the pairing from IndexedDB and, when there is one, starts the till. */
export async function bootTill(): Promise<void> {
  statusWatch ??= watch(
    () => readSyncStatus(db),
    (status) => store().setSyncStatus(status, Date.now()),
  );
  const pairing = await loadPairing(db);
  if (!pairing) {
    store().setPaired(null);
    return;
  }
  await enterPaired(pairing.device, pageClient(pairing.config));
}

/** At boot, and when a pairing's first download is done: the till is ready to be unlocked. */
export async function enterPaired(device: DeviceIdentity, client: SupabaseClient): Promise<void> {
  await refreshTillInfo(device);
  store().setPaired(device);
  store().setRepairing(false);
  shiftWatch?.unsubscribe();
  shiftWatch = watch(
    () => findOpenShift(db),
    (shift) => {
      const current = store().openShift;
      if (shift?.id !== current?.id || shift?.closedAt !== current?.closedAt) {
        store().setOpenShift(shift);
      }
    },
  );
  startSync(device, client);
}

function watch<T>(query: () => Promise<T>, next: (value: T) => void): Watch {
  return liveQuery(query).subscribe({
    next,
    error: (err: unknown) => console.error('live query failed', err),
  });
}

async function refreshTillInfo(device: DeviceIdentity): Promise<void> {
  const [till, version] = await Promise.all([loadTillInfo(db, device), loadCatalogVersion(db)]);
  const s = store();
  if (JSON.stringify(till) !== JSON.stringify(s.till)) s.setTillInfo(till);
  if (version !== s.catalogVersion) s.setCatalogVersion(version);
}

/** New rows arrived: names, settings and prices may have changed, or the cashier been deactivated. */
async function afterPull(): Promise<void> {
  const { device, unlockedStaff } = store();
  if (device) await refreshTillInfo(device);
  if (unlockedStaff) {
    const member = await findStaff(db, unlockedStaff.id);
    if (!member?.active) store().lock('inactive');
    // A renamed member or a changed role shows (and is enforced) without a new unlock.
    else if (
      member.name !== unlockedStaff.name ||
      member.roleName !== unlockedStaff.roleName ||
      member.permissions.join() !== unlockedStaff.permissions.join()
    ) {
      store().unlock(member);
    }
  }
}

function startSync(device: DeviceIdentity, client: SupabaseClient): void {
  session?.stop();
  const engine = createSyncEngine({ db, transport: supabaseTransport(client) });
  const tracked: SyncEngine = {
    ...engine,
    async sync(options) {
      store().setSyncing(true);
      try {
        return await engine.sync(options);
      } finally {
        store().setSyncing(false);
      }
    },
  };
  const scheduler = createScheduler(tracked, {
    isOnline: () => navigator.onLine,
    onOutcome: (outcome) => void afterSync(outcome),
  });

  const onOnline = () => scheduler.kick('online');
  const onVisibility = () => {
    if (document.visibilityState === 'visible') scheduler.kick('visible');
    // Leaving with work unsent: let the service worker finish it once the tab is gone.
    else if ((store().syncStatus?.pending ?? 0) > 0) void requestBackgroundSync();
  };
  window.addEventListener('online', onOnline);
  document.addEventListener('visibilitychange', onVisibility);

  // Every command, from any screen or tab, ends in an outbox insert: that is the trigger, so no
  // command has to remember to kick the sync. A new entry is told by its device_seq, above any
  // seen before: the count would miss one queued while a running push took an older one out.
  let newest: number | null = null;
  const outbox = liveQuery(
    async () => ((await db.outbox.orderBy('deviceSeq').lastKey()) as number | undefined) ?? 0,
  ).subscribe({
    next: (seq) => {
      if (newest !== null && seq > newest) {
        scheduler.kick('command');
        if (!navigator.onLine) void requestBackgroundSync();
      }
      newest = Math.max(newest ?? 0, seq);
    },
  });

  void registerPeriodicSync();
  scheduler.kick('manual');
  const stopLive = startLive(device, client, scheduler);
  session = {
    client,
    scheduler,
    stop() {
      stopLive();
      scheduler.stop();
      outbox.unsubscribe();
      window.removeEventListener('online', onOnline);
      document.removeEventListener('visibilitychange', onVisibility);
    },
  };
}

/**
 * Realtime for the paired till: master data changes applied to the replica as they happen (the
 * scheduler's pull closes any gap after each join), and this till's entry on its tenant's
 * presence channel, kept in step with the cashier, the outbox and the network.
 */
function startLive(device: DeviceIdentity, client: SupabaseClient, scheduler: Scheduler) {
  const live = startLiveReplica({
    db,
    client,
    tenantId: device.tenantId,
    requestPull: () => scheduler.kick('live'),
    onApplied: () => void afterPull(),
    onError: (err) => console.warn('live replica', err),
  });
  const facts = (s: AppState): Partial<TillFacts> => ({
    staff: s.unlockedStaff && { id: s.unlockedStaff.id, name: s.unlockedStaff.name },
    online: navigator.onLine,
    ...(s.syncStatus && syncFacts(s.syncStatus, s.syncStatusReadAt)),
  });
  const presence = startTillPresence({
    client,
    tenantId: device.tenantId,
    identity: {
      deviceId: device.deviceId,
      deviceName: store().till?.tillName ?? device.deviceCode,
      outletId: device.outletId,
      appVersion: APP_VERSION,
    },
    initial: facts(store()),
    onError: (err) => console.warn('till presence', err),
  });
  const unwatch = useAppStore.subscribe((s) => presence.update(facts(s)));
  const onNetwork = () => {
    presence.update({ online: navigator.onLine });
    // realtime-js may be waiting out a long reconnect step: the network is back, try now.
    if (navigator.onLine && !client.realtime.isConnected()) client.realtime.connect();
  };
  window.addEventListener('online', onNetwork);
  window.addEventListener('offline', onNetwork);
  return () => {
    window.removeEventListener('online', onNetwork);
    window.removeEventListener('offline', onNetwork);
    unwatch();
    void presence.stop();
    void live.stop();
  };
}

async function afterSync(outcome: SyncOutcome): Promise<void> {
  store().setLastOutcome(outcome.kind);
  if (outcome.kind === 'ok' && outcome.pulled > 0) await afterPull();
  if (outcome.kind === 'failed') void requestBackgroundSync();
}

/** "Sync now" in the status panel: goes at once, back-off forgotten. */
export function syncNow(): void {
  session?.scheduler.kick('manual');
}

type SyncRegistration = ServiceWorkerRegistration & {
  sync?: { register(tag: string): Promise<void> };
  periodicSync?: { register(tag: string, options: { minInterval: number }): Promise<void> };
};

async function registration(): Promise<SyncRegistration | undefined> {
  if (!('serviceWorker' in navigator)) return undefined;
  return (await navigator.serviceWorker.getRegistration()) as SyncRegistration | undefined;
}

/** Chromium's Background Sync drains the outbox even after the tab is closed (see src/sw.ts). */
async function requestBackgroundSync(): Promise<void> {
  try {
    await (await registration())?.sync?.register(OUTBOX_SYNC_TAG);
  } catch {
    // Not supported or not allowed: the page's own triggers remain.
  }
}

/** Periodic Background Sync, granted to installed PWAs only: pulls while the app is closed. */
async function registerPeriodicSync(): Promise<void> {
  try {
    await (
      await registration()
    )?.periodicSync?.register(PERIODIC_SYNC_TAG, {
      minInterval: 60 * 60_000,
    });
  } catch {
    // Permission not granted (not installed): nothing to do.
  }
}

/**
 * Deletes everything on this device and starts over. The UI has warned about `acknowledged`
 * unsynced records; with more than that now, nothing is touched and the check's error is thrown.
 */
export async function unpairTill(acknowledged: number): Promise<void> {
  await assertLossAcknowledged(db, acknowledged);
  const client = session?.client ?? null;
  session?.stop();
  session = null;
  statusWatch?.unsubscribe();
  shiftWatch?.unsubscribe();
  await forgetTill(db, client);
  location.assign('/');
}
