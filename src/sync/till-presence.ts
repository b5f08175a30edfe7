import type { RealtimeChannel, SupabaseClient } from '@supabase/supabase-js';
import { tillsChannel, TillPresenceSchema, type TillPresence } from '../lib/presence';
import type { SyncStatus } from './status';

/** Who this till is: fixed for as long as it stays paired. */
export interface TillIdentity {
  deviceId: string;
  deviceName: string;
  outletId: string;
  appVersion: string;
}

/** What changes while the till runs. */
export interface TillFacts {
  staff: { id: string; name: string } | null;
  online: boolean;
  pending: number;
  oldestPendingAt: string | null;
  needsAttention: number;
  lastPushAt: string | null;
  lastPullAt: string | null;
}

export const NO_FACTS: TillFacts = {
  staff: null,
  online: true,
  pending: 0,
  oldestPendingAt: null,
  needsAttention: 0,
  lastPushAt: null,
  lastPullAt: null,
};

/** The sync part of the facts, from a status read at `readAt` (its ages are relative to that). */
export function syncFacts(
  status: SyncStatus,
  readAt: number,
): Pick<TillFacts, 'pending' | 'oldestPendingAt' | 'needsAttention' | 'lastPushAt' | 'lastPullAt'> {
  return {
    pending: status.pending,
    oldestPendingAt:
      status.oldestPendingAgeMs === null
        ? null
        : new Date(readAt - status.oldestPendingAgeMs).toISOString(),
    needsAttention: status.attention,
    lastPushAt: iso(status.lastPushAt),
    lastPullAt: iso(status.lastPullAt),
  };
}

/** Device-clock timestamps may carry any offset; the contract wants ISO 8601 with one. */
function iso(value: string | null): string | null {
  if (value === null) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** The entry the dashboard reads, checked against the shared contract. */
export function presencePayload(
  identity: TillIdentity,
  facts: TillFacts,
  at: number,
): TillPresence | null {
  const parsed = TillPresenceSchema.safeParse({
    device_id: identity.deviceId,
    device_name: identity.deviceName.slice(0, 80),
    outlet_id: identity.outletId,
    staff_id: facts.staff?.id ?? null,
    staff_name: facts.staff?.name.slice(0, 80) ?? null,
    online: facts.online,
    pending: facts.pending,
    oldest_pending_at: facts.oldestPendingAt,
    needs_attention: facts.needsAttention,
    last_push_at: facts.lastPushAt,
    last_pull_at: facts.lastPullAt,
    app_version: identity.appVersion.slice(0, 40),
    at: new Date(at).toISOString(),
  });
  return parsed.success ? parsed.data : null;
}

export interface TillPresenceOptions {
  client: SupabaseClient;
  tenantId: string;
  identity: TillIdentity;
  initial?: Partial<TillFacts>;
  /** At most one update per this many ms; the last change always goes out. */
  throttleMs?: number;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  onError?: (error: unknown) => void;
}

export interface TillPresenceTracker {
  update(patch: Partial<TillFacts>): void;
  /** The entry last accepted by the server, if any. */
  current(): TillPresence | null;
  stop(): Promise<void>;
}

/**
 * Announces this till on its tenant's private presence channel, keyed by device id. Updates are
 * throttled (a sale changes the pending count twice in a second; managers need the trend, not
 * every step) but never lost: the newest facts go out when the window closes. realtime-js rejoins
 * after a dropped socket, and every join tracks the entry again.
 */
export function startTillPresence(o: TillPresenceOptions): TillPresenceTracker {
  const throttleMs = o.throttleMs ?? 1_000;
  const now = o.now ?? Date.now;
  const setTimer = o.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = o.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  let facts: TillFacts = { ...NO_FACTS, ...o.initial };
  let joined = false;
  let stopped = false;
  let sending = false;
  let dirty = true;
  let lastSentAt = -Infinity;
  let timer: unknown;
  let accepted: TillPresence | null = null;

  const channel: RealtimeChannel = o.client.channel(tillsChannel(o.tenantId), {
    config: { private: true, presence: { key: o.identity.deviceId, enabled: true } },
  });

  function schedule() {
    if (stopped || !joined || !dirty || sending || timer !== undefined) return;
    const wait = Math.max(0, lastSentAt + throttleMs - now());
    timer = setTimer(() => {
      timer = undefined;
      void send();
    }, wait);
  }

  async function send() {
    if (stopped || !joined || !dirty || sending) return;
    const at = now();
    const payload = presencePayload(o.identity, facts, at);
    dirty = false;
    if (!payload) {
      o.onError?.(new Error('till presence does not match the contract'));
      return;
    }
    sending = true;
    lastSentAt = at;
    try {
      const result = await channel.track(payload);
      if (result === 'ok') accepted = payload;
      else dirty = true; // try again at the next window
    } catch (err) {
      dirty = true;
      o.onError?.(err);
    } finally {
      sending = false;
    }
    schedule();
  }

  channel.subscribe((status, err) => {
    if (stopped) return;
    if (status === 'SUBSCRIBED') {
      // A (re)join starts with no entry on the server: track again at once.
      joined = true;
      dirty = true;
      lastSentAt = -Infinity;
      if (timer !== undefined) clearTimer(timer);
      timer = undefined;
      void send();
    } else {
      joined = false;
      if (err) o.onError?.(err);
    }
  });

  return {
    update(patch) {
      const next = { ...facts, ...patch };
      if (JSON.stringify(next) === JSON.stringify(facts)) return;
      facts = next;
      dirty = true;
      schedule();
    },
    current: () => accepted,
    async stop() {
      stopped = true;
      if (timer !== undefined) clearTimer(timer);
      timer = undefined;
      await o.client.removeChannel(channel);
    },
  };
}
