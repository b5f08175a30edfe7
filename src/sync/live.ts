import type { RealtimeChannel, SupabaseClient } from '@supabase/supabase-js';
import { z } from 'zod';
import type { LapakDb, ReplicaTable } from '../data/db';
import type { ReplicaRow } from '../data/types';
import { applyReplicaRows } from './pull';

/**
 * Live changes to the replica: Realtime postgres_changes for the master data a till sells by,
 * written to IndexedDB as they arrive through the same row application as the pull. The pull
 * stays the catch-up path and owns the cursors: nothing here moves them, so a change that Realtime
 * missed (the socket was down, the tab asleep) still comes with the next pull, and one that came
 * both ways is stored once (upsert by id, never over a newer version).
 */

/** Replica tables published to Realtime (supabase/migrations/…_realtime_channels.sql). */
export const LIVE_TABLES = [
  'tenants',
  'outlets',
  'locations',
  'roles',
  'staff',
  'categories',
  'products',
] as const satisfies readonly ReplicaTable[];
export type LiveTable = (typeof LIVE_TABLES)[number];

const isLiveTable = (t: unknown): t is LiveTable =>
  typeof t === 'string' && (LIVE_TABLES as readonly string[]).includes(t);

/**
 * Columns sync_pull adds to a row from another table. Realtime sends the table row alone, so the
 * replica keeps what it had; a change to the embedded data moves the row's sync position without
 * a new version (the touch triggers in …_staff_roles.sql), and such a change asks for a pull.
 */
const EMBEDDED: Partial<Record<LiveTable, string>> = { roles: 'permissions', staff: 'pin_hash' };

/** Columns the replica never stores (sync_pull leaves them out too). */
const SERVER_ONLY = ['txid'];

const changedRow = z.looseObject({
  id: z.uuid(),
  tenant_id: z.uuid().optional(),
  version: z.number().int().nonnegative(),
  deleted_at: z.string().nullable().optional(),
});

const deletedRow = z.looseObject({ id: z.uuid() });

/** A postgres_changes payload as realtime-js hands it over. */
export interface LiveChange {
  table: string;
  eventType: 'INSERT' | 'UPDATE' | 'DELETE';
  new: Record<string, unknown>;
  old: Record<string, unknown>;
  errors?: unknown;
}

export interface LiveResult {
  /** The table whose replica changed, or null when nothing was written. */
  changed: LiveTable | null;
  /** The change could not be applied whole from its payload: a pull will complete it. */
  needsPull: boolean;
}

const NOTHING: LiveResult = { changed: null, needsPull: false };

/**
 * Applies one change to the replica. A row of another tenant is ignored even if the server sent
 * one: RLS keeps them out, and this keeps a mistake there from reaching the till's catalog.
 */
export async function applyLiveChange(
  db: LapakDb,
  tenantId: string,
  change: LiveChange,
): Promise<LiveResult> {
  const table = change.table;
  if (!isLiveTable(table)) return NOTHING;
  if (Array.isArray(change.errors) && change.errors.length > 0) {
    return { changed: null, needsPull: true };
  }
  const t = db.replica(table);

  if (change.eventType === 'DELETE') {
    // Master data is deleted softly (deleted_at, an UPDATE like any other). A hard delete carries
    // only the key, so a tenant filter rarely lets one through; when one comes, a row this till
    // does not hold belongs to no one it knows.
    const old = deletedRow.safeParse(change.old);
    if (!old.success) return NOTHING;
    return db.transaction('rw', t, async () => {
      if (!(await t.get(old.data.id))) return NOTHING;
      await t.delete(old.data.id);
      return { changed: table, needsPull: false };
    });
  }

  const parsed = changedRow.safeParse(change.new);
  if (!parsed.success) return { changed: null, needsPull: true };
  const incoming = parsed.data;
  const owner = table === 'tenants' ? incoming.id : incoming.tenant_id;
  if (owner !== tenantId) return NOTHING;

  const row = { ...incoming } as ReplicaRow;
  for (const column of SERVER_ONLY) delete row[column];
  const embedded = EMBEDDED[table];

  return db.transaction('rw', t, async () => {
    const current = await t.get(row.id);
    let needsPull = false;
    if (embedded) {
      row[embedded] = current?.[embedded] ?? (embedded === 'permissions' ? [] : null);
      // A new row, or the same version again: the embedded list (or PIN) is what changed.
      needsPull = !current || current.version === row.version;
    }
    const written = await applyReplicaRows(db, table, [row]);
    return { changed: written > 0 ? table : null, needsPull };
  });
}

export type LiveState = 'connecting' | 'live' | 'retrying' | 'stopped';

export interface LiveReplicaOptions {
  db: LapakDb;
  client: SupabaseClient;
  tenantId: string;
  /**
   * The channel is subscribed (first time, or again after a reconnect), or a change needs data its
   * payload lacks: run a pull. Changes committed while the channel was down arrive that way.
   */
  requestPull: (reason: 'subscribed' | 'incomplete') => void;
  /** After a burst of changes is stored: which tables it touched. */
  onApplied?: (tables: ReadonlySet<LiveTable>) => void;
  onState?: (state: LiveState) => void;
  onError?: (error: unknown) => void;
  /** Delay before joining again after the server closed the channel. */
  retryDelayMs?: (attempt: number) => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export interface LiveReplica {
  state(): LiveState;
  /** Resolves when every change received so far is in IndexedDB. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

const RETRY_STEPS_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

/** The filter that limits a binding to the till's own tenant (RLS enforces it again). */
function bindingFilter(table: LiveTable, tenantId: string): string {
  return table === 'tenants' ? `id=eq.${tenantId}` : `tenant_id=eq.${tenantId}`;
}

/**
 * Subscribes the till to its tenant's master data. realtime-js rejoins by itself after a dropped
 * socket or a refused join; a channel the server closed (an expired token) is joined afresh here.
 * Every join ends in a pull, so nothing committed while the channel was down stays missing.
 */
export function startLiveReplica(o: LiveReplicaOptions): LiveReplica {
  const setTimer = o.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = o.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const retryDelay =
    o.retryDelayMs ?? ((n) => RETRY_STEPS_MS[Math.min(n, RETRY_STEPS_MS.length - 1)]!);
  let state: LiveState = 'connecting';
  let channel: RealtimeChannel | null = null;
  let retryTimer: unknown;
  let attempts = 0;
  let stopped = false;
  let queue: Promise<void> = Promise.resolve();
  let inFlight = 0;
  let touched = new Set<LiveTable>();

  const setState = (next: LiveState) => {
    if (next === state) return;
    state = next;
    o.onState?.(next);
  };

  function receive(change: LiveChange) {
    inFlight++;
    queue = queue
      .then(async () => {
        if (stopped) return;
        const result = await applyLiveChange(o.db, o.tenantId, change);
        if (result.changed) touched.add(result.changed);
        if (result.needsPull) o.requestPull('incomplete');
      })
      .catch((err: unknown) => {
        // The row stays as the last pull left it; the next pull brings it again.
        o.onError?.(err);
        o.requestPull('incomplete');
      })
      .finally(() => {
        inFlight--;
        if (inFlight === 0 && touched.size > 0) {
          const done = touched;
          touched = new Set();
          o.onApplied?.(done);
        }
      });
  }

  function join() {
    if (stopped) return;
    setState('connecting');
    const ch = o.client.channel(`replica:${o.tenantId}:${crypto.randomUUID()}`);
    for (const table of LIVE_TABLES) {
      ch.on(
        'postgres_changes',
        { event: '*', schema: 'public', table, filter: bindingFilter(table, o.tenantId) },
        (payload) => receive(payload as LiveChange),
      );
    }
    ch.on('system', {}, (message: { extension?: string; status?: string; message?: string }) => {
      if (message.extension !== 'postgres_changes' || stopped) return;
      if (message.status === 'ok') {
        attempts = 0;
        setState('live');
      } else {
        o.onError?.(new Error(`realtime: ${message.message ?? 'subscription failed'}`));
      }
      // Registered on the server from here on: whatever committed before, the pull brings.
      o.requestPull('subscribed');
    });
    ch.subscribe((status, err) => {
      if (stopped || ch !== channel) return;
      if (status === 'CHANNEL_ERROR' || status === 'TIMED_OUT') {
        if (err) o.onError?.(err);
        setState('retrying'); // realtime-js joins again on its own
      } else if (status === 'CLOSED') {
        setState('retrying');
        channel = null;
        void o.client.removeChannel(ch);
        retryTimer = setTimer(() => {
          retryTimer = undefined;
          join();
        }, retryDelay(attempts++));
      }
    });
    channel = ch;
  }

  join();
  return {
    state: () => state,
    settled: () => queue,
    async stop() {
      stopped = true;
      if (retryTimer !== undefined) clearTimer(retryTimer);
      const ch = channel;
      channel = null;
      setState('stopped');
      if (ch) await o.client.removeChannel(ch);
      await queue;
    },
  };
}
