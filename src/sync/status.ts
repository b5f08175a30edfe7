import type { LapakDb } from '../data/db';
import { getMeta } from '../data/meta';

export interface SyncStatus {
  pending: number;
  /** Age of the oldest unsynced mutation, ms; null when nothing is pending. */
  oldestPendingAgeMs: number | null;
  attention: number;
  lastPushAt: string | null;
  lastPullAt: string | null;
  lastError: string | null;
  needsPairing: boolean;
}

/** What the till's status bar and the manager's fleet view show, read from IndexedDB. */
export async function readSyncStatus(db: LapakDb, now: number = Date.now()): Promise<SyncStatus> {
  return db.transaction('r', [db.outbox, db.attention, db.meta], async () => {
    const oldest = await db.outbox.orderBy('deviceSeq').first();
    return {
      pending: await db.outbox.count(),
      oldestPendingAgeMs: oldest ? Math.max(0, now - Date.parse(oldest.createdAt)) : null,
      attention: await db.attention.count(),
      lastPushAt: (await getMeta(db.meta, 'lastPushAt')) ?? null,
      lastPullAt: (await getMeta(db.meta, 'lastPullAt')) ?? null,
      lastError: (await getMeta(db.meta, 'lastError')) ?? null,
      needsPairing: (await getMeta(db.meta, 'needsPairing')) ?? false,
    };
  });
}
