import { JOURNAL_TABLES, type LapakDb } from '../data/db';
import { setMeta } from '../data/meta';
import type { AttentionEntry, JournalSyncState, JournalTable, OutboxEntry } from '../data/types';
import { backoffDelay } from './backoff';
import type { PushResult, SyncTransport, WireMutation } from './transport';
import { TransportError } from './transport';

export interface PushOptions {
  maxBatch: number;
  /** Rough upper bound on one request's JSON size. */
  maxBatchBytes: number;
  /** Stop draining after this long so a huge backlog never holds the lock for minutes. */
  maxDrainMs: number;
  now: () => number;
  random: () => number;
}

export const DEFAULT_PUSH: PushOptions = {
  maxBatch: 100,
  maxBatchBytes: 512 * 1024,
  maxDrainMs: 20_000,
  now: Date.now,
  random: Math.random,
};

export interface DrainReport {
  sent: number;
  done: number;
  retried: number;
  rejected: number;
  /** Entries still due (time budget ran out), so the caller should drain again soon. */
  more: boolean;
}

export function toWire(e: OutboxEntry): WireMutation {
  return {
    id: e.id,
    device_seq: e.deviceSeq,
    kind: e.kind,
    payload: e.payload,
    staff_id: e.staffId,
    approver_staff_id: e.approverStaffId,
    created_at: e.createdAt,
    catalog_version: e.catalogVersion,
  };
}

async function nextBatch(db: LapakDb, o: PushOptions): Promise<OutboxEntry[]> {
  const now = o.now();
  const batch: OutboxEntry[] = [];
  let bytes = 0;
  await db.outbox
    .orderBy('deviceSeq')
    .until(() => batch.length >= o.maxBatch)
    .each((e) => {
      if (e.nextAttemptAt > now) return;
      const size = JSON.stringify(e.payload).length + 256;
      if (batch.length > 0 && bytes + size > o.maxBatchBytes) return;
      bytes += size;
      batch.push(e);
    });
  return batch;
}

/**
 * Sends due outbox entries in device_seq order and applies the server's verdicts. Entries leave
 * the outbox only on `applied`/`duplicate` (the server has them) or `rejected` (moved to
 * attention with the reason). A request that fails throws, and every entry stays: the server
 * deduplicates by id, so resending after a lost answer is harmless.
 */
export async function drainOutbox(
  db: LapakDb,
  transport: SyncTransport,
  options: Partial<PushOptions> = {},
): Promise<DrainReport> {
  const o = { ...DEFAULT_PUSH, ...options };
  const started = o.now();
  const report: DrainReport = { sent: 0, done: 0, retried: 0, rejected: 0, more: false };
  for (;;) {
    const batch = await nextBatch(db, o);
    if (batch.length === 0) return report;
    const results = await transport.push(batch.map(toWire));
    checkResults(batch, results);
    report.sent += batch.length;
    await applyResults(db, batch, results, o, report);
    if (o.now() - started > o.maxDrainMs) {
      report.more = (await nextBatch(db, { ...o, maxBatch: 1 })).length > 0;
      return report;
    }
  }
}

function checkResults(batch: OutboxEntry[], results: PushResult[]): void {
  const sent = new Set(batch.map((e) => e.id));
  const unknown = results.find((r) => !sent.has(r.id));
  if (results.length !== batch.length || unknown) {
    // Never guess which entries the server took: keep them all and try again.
    throw new TransportError('server', 'sync_push answered for other mutations than were sent');
  }
}

async function applyResults(
  db: LapakDb,
  batch: OutboxEntry[],
  results: PushResult[],
  o: PushOptions,
  report: DrainReport,
): Promise<void> {
  const byId = new Map(batch.map((e) => [e.id, e]));
  const nowMs = o.now();
  // The verdicts sorted into one bulk write per store: a batch settles in a handful of requests
  // instead of a few per entry, each awaited in turn.
  const leaving: string[] = [];
  const retries: { key: string; changes: Partial<OutboxEntry> }[] = [];
  const rejections: AttentionEntry[] = [];
  const journal = new Map<
    JournalTable,
    { key: string; changes: { syncState: JournalSyncState } }[]
  >();
  const mark = (entry: OutboxEntry, state: JournalSyncState) => {
    for (const ref of entry.refs) {
      const updates = journal.get(ref.table) ?? [];
      journal.set(ref.table, updates);
      updates.push({ key: ref.id, changes: { syncState: state } });
    }
  };
  for (const r of results) {
    const entry = byId.get(r.id)!;
    if (r.status === 'applied' || r.status === 'duplicate') {
      mark(entry, 'synced');
      leaving.push(entry.id);
      report.done++;
    } else if (r.status === 'retry') {
      retries.push({
        key: entry.id,
        changes: {
          attempts: entry.attempts + 1,
          nextAttemptAt: nowMs + backoffDelay(entry.attempts, o.random),
          lastError: [r.code, r.message].filter(Boolean).join(': ') || 'retry',
        },
      });
      report.retried++;
    } else {
      rejections.push({
        id: entry.id,
        entry,
        code: r.code ?? 'rejected',
        message: r.message ?? '',
        rejectedAt: new Date(nowMs).toISOString(),
      });
      mark(entry, 'rejected');
      leaving.push(entry.id);
      report.rejected++;
    }
  }
  await db.transaction(
    'rw',
    [db.outbox, db.attention, db.meta, ...JOURNAL_TABLES.map((t) => db.table(t))],
    async () => {
      await Promise.all([
        db.attention.bulkPut(rejections),
        ...[...journal].map(([table, updates]) => db.table(table).bulkUpdate(updates)),
        db.outbox.bulkUpdate(retries),
        db.outbox.bulkDelete(leaving),
        setMeta(db.meta, 'lastPushAt', new Date(nowMs).toISOString()),
      ]);
    },
  );
}
