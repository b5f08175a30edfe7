import { REPLICA_TABLES, type LapakDb, type ReplicaTable } from '../data/db';
import { getMeta, setMeta } from '../data/meta';
import type { ReplicaRow } from '../data/types';
import type { SyncTransport } from './transport';

export interface PullReport {
  pages: number;
  rows: number;
}

const isReplicaTable = (t: string): t is ReplicaTable =>
  (REPLICA_TABLES as readonly string[]).includes(t);

/**
 * Pulls every table from its cursor until the server has nothing more. Each page's rows and its
 * new cursors commit in one transaction: a crash mid-pull resumes from the last whole page and
 * never records a cursor past rows it did not store. The server may resend a row (its cursor
 * is a safe horizon, not an exact position); an upsert by id makes that harmless, and a row
 * never replaces a newer version of itself.
 */
export async function pullAll(
  db: LapakDb,
  transport: SyncTransport,
  { pageSize = 500, maxPages = 1_000, onPage }: PullOptions = {},
): Promise<PullReport> {
  const report: PullReport = { pages: 0, rows: 0 };
  for (;;) {
    const cursors = (await getMeta(db.meta, 'cursors')) ?? {};
    const page = await transport.pull(cursors, pageSize);
    const tables = Object.keys(page.changes).filter(isReplicaTable);
    await db.transaction('rw', [db.meta, ...tables.map((t) => db.replica(t))], async () => {
      for (const table of tables) {
        const rows = (page.changes[table] ?? []) as ReplicaRow[];
        report.rows += rows.length;
        await applyReplicaRows(db, table, rows);
      }
      await setMeta(db.meta, 'cursors', { ...cursors, ...page.cursors });
      await setMeta(db.meta, 'lastPullAt', new Date().toISOString());
    });
    report.pages++;
    onPage?.(report);
    if (!page.hasMore || report.pages >= maxPages) return report;
  }
}

export interface PullOptions {
  pageSize?: number;
  maxPages?: number;
  onPage?: (progress: PullReport) => void;
}

/**
 * Stores server rows in the replica: an upsert by id where a row never replaces a newer version
 * of itself. The pull and the live Realtime feed (live.ts) both write through here, so a change
 * that arrives twice, or late, by either path leaves the same replica. Call it inside a
 * transaction that includes the table.
 */
export async function applyReplicaRows(
  db: LapakDb,
  table: ReplicaTable,
  rows: ReplicaRow[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const t = db.replica(table);
  const existing = await t.bulkGet(rows.map((r) => r.id));
  const fresh = rows.filter((row, i) => {
    const old = existing[i];
    return (
      !old || old.version === undefined || row.version === undefined || row.version >= old.version
    );
  });
  await t.bulkPut(fresh);
  return fresh.length;
}
