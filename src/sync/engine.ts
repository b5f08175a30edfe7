import type { LapakDb } from '../data/db';
import { getMeta, setMeta } from '../data/meta';
import { backoffDelay } from './backoff';
import { withFlushLock } from './lock';
import { pullAll, type PullOptions } from './pull';
import { drainOutbox, type DrainReport, type PushOptions } from './push';
import { TransportError, type SyncTransport } from './transport';

export type SyncOutcome =
  | { kind: 'ok'; push: DrainReport; pulled: number }
  | { kind: 'busy' }
  | { kind: 'backing-off'; untilMs: number }
  | { kind: 'failed'; error: string; retryInMs: number }
  | { kind: 'needs-pairing' };

export interface SyncEngineOptions {
  db: LapakDb;
  transport: SyncTransport;
  push?: Partial<PushOptions>;
  pull?: PullOptions;
  now?: () => number;
  random?: () => number;
}

export interface SyncEngine {
  /** Push the outbox, then pull. One flusher at a time across tabs and the worker. */
  sync(options?: { pull?: boolean; force?: boolean }): Promise<SyncOutcome>;
  /** The network came back: forget the back-off so the next sync goes at once. */
  resetBackoff(): void;
  /** How long the scheduler should wait before the next attempt. */
  nextDelayMs(): number;
}

/**
 * The engine holds no DOM and no React: the page, the service worker and Node tests drive the
 * same code. What must survive a reload (last error, pairing state, cursors) lives in IndexedDB.
 */
export function createSyncEngine(opts: SyncEngineOptions): SyncEngine {
  const now = opts.now ?? Date.now;
  const random = opts.random ?? Math.random;
  let failures = 0;
  let backoffUntil = 0;

  async function attempt(pull: boolean): Promise<SyncOutcome> {
    try {
      const push = await drainOutbox(opts.db, opts.transport, { now, random, ...opts.push });
      const pulled = pull ? (await pullAll(opts.db, opts.transport, opts.pull)).rows : 0;
      failures = 0;
      backoffUntil = 0;
      await setMeta(opts.db.meta, 'lastError', null);
      return { kind: 'ok', push, pulled };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (err instanceof TransportError && err.failure === 'unauthorized') {
        // The outbox stays as it is; only a new pairing can give this till a session again.
        await setMeta(opts.db.meta, 'needsPairing', true);
        await setMeta(opts.db.meta, 'lastError', message);
        return { kind: 'needs-pairing' };
      }
      const retryInMs = backoffDelay(failures, random);
      failures++;
      backoffUntil = now() + retryInMs;
      await setMeta(opts.db.meta, 'lastError', message);
      return { kind: 'failed', error: message, retryInMs };
    }
  }

  return {
    async sync({ pull = true, force = false } = {}) {
      if (await getMeta(opts.db.meta, 'needsPairing')) return { kind: 'needs-pairing' };
      if (!force && now() < backoffUntil) return { kind: 'backing-off', untilMs: backoffUntil };
      const outcome = await withFlushLock(opts.db, () => attempt(pull));
      return outcome === 'busy' ? { kind: 'busy' } : outcome;
    },
    resetBackoff() {
      failures = 0;
      backoffUntil = 0;
    },
    nextDelayMs() {
      return Math.max(0, backoffUntil - now());
    },
  };
}
