import type { LapakDb } from '../data/db';
import { getMeta, setMeta } from '../data/meta';

const LOCK_NAME = 'lapak-sync-flush';
const LEASE_MS = 60_000;

interface LockManagerLike {
  request<T>(
    name: string,
    options: { ifAvailable: boolean },
    fn: (lock: unknown) => Promise<T>,
  ): Promise<T>;
}

function webLocks(): LockManagerLike | undefined {
  const nav = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator;
  return nav?.locks;
}

/**
 * Runs `fn` if no other tab or worker is flushing, else returns `busy`. Web Locks where the
 * browser has them (released by the browser when a tab dies); elsewhere a lease row in IndexedDB
 * with an expiry, so a crashed holder blocks the others for at most a minute. Correctness never
 * rests on this lock — the server deduplicates — it only saves duplicate requests.
 */
export async function withFlushLock<T>(
  db: LapakDb,
  fn: () => Promise<T>,
  owner: string = crypto.randomUUID(),
  locks: LockManagerLike | undefined = webLocks(),
): Promise<T | 'busy'> {
  if (locks) {
    return locks.request(LOCK_NAME, { ifAvailable: true }, async (lock) =>
      lock ? fn() : ('busy' as const),
    );
  }
  const acquired = await db.transaction('rw', db.meta, async () => {
    const lease = await getMeta(db.meta, 'flushLease');
    if (lease && lease.expiresAt > Date.now() && lease.owner !== owner) return false;
    await setMeta(db.meta, 'flushLease', { owner, expiresAt: Date.now() + LEASE_MS });
    return true;
  });
  if (!acquired) return 'busy';
  try {
    return await fn();
  } finally {
    await db.transaction('rw', db.meta, async () => {
      const lease = await getMeta(db.meta, 'flushLease');
      if (lease?.owner === owner) await setMeta(db.meta, 'flushLease', null);
    });
  }
}
