import { LapakDb } from '../data/db';
import { getMeta } from '../data/meta';
import { dexieSessionStorage } from '../data/session-storage';
import { createLapakClient } from '../lib/supabase';
import { createSyncEngine, type SyncOutcome } from './engine';
import { supabaseTransport } from './supabase-transport';

export const OUTBOX_SYNC_TAG = 'lapak-outbox';
export const PERIODIC_SYNC_TAG = 'lapak-periodic';

/**
 * One sync run with no page open: the service worker's `sync`/`periodicsync` handlers call this.
 * It opens the same IndexedDB, restores the till's session from it (refreshing the access token
 * itself when it expired) and runs the same engine the page runs. The flush lock keeps it from
 * racing an open tab.
 */
export async function syncFromWorker(db: LapakDb = new LapakDb()): Promise<SyncOutcome | null> {
  const config = await getMeta(db.meta, 'config');
  if (!config) return null; // not paired yet: nothing to send
  const client = createLapakClient({
    url: config.url,
    anonKey: config.anonKey,
    storage: dexieSessionStorage(db),
    autoRefreshToken: false,
  });
  const engine = createSyncEngine({ db, transport: supabaseTransport(client) });
  return engine.sync({ force: true });
}
