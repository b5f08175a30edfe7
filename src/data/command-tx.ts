import Dexie, { RangeSet, type ObservabilitySet } from 'dexie';
import { nextCounter } from '../lib/receipt-number';
import { JOURNAL_TABLES, type LapakDb } from './db';
import type { MetaValues } from './meta';
import { saleIdOf } from './schema';
import type { JournalRef, JournalTable, MetaRow, MutationKind, OutboxEntry } from './types';

export interface MutationMeta {
  staffId: string;
  approverStaffId?: string | null;
  catalogVersion: number;
}

export interface CommandTx {
  /** The next receipt counter of this device, allocated in this transaction. */
  nextReceiptCounter(): number;
  /** Records a row this device created; it stays `pending` until its mutation is synced. */
  journal(table: JournalTable, row: { id: string; [field: string]: unknown }): void;
  /** Saves a row of the device's own state (a cleared cart) with the command, atomically. */
  putMeta(row: MetaRow): void;
  /** Queues the mutation that carries the journal rows to the server. */
  enqueue(kind: MutationKind, payload: unknown, meta: MutationMeta): void;
}

interface Counters {
  receipt: number;
  seq: number;
}

/**
 * The counters each connection last committed. Another tab, the service worker or a restore may
 * have moved them since, so a command only starts from this guess and checks it against the
 * stored counters in the same transaction.
 */
const lastCommitted = new WeakMap<LapakDb, Counters>();

function storedCounters(rows: (MetaRow | undefined)[]): Counters {
  const [receiptRow, seqRow] = rows;
  return {
    receipt: (receiptRow?.value as MetaValues['receiptCounter'] | undefined) ?? 0,
    seq: (seqRow?.value as MetaValues['deviceSeq'] | undefined) ?? 0,
  };
}

/** A synchronous result: a prepared command may not wait for anything inside its transaction. */
type Sync<T> = T extends PromiseLike<unknown> ? never : T;

/**
 * The only way a command writes: its journal rows, its outbox entry and its counters commit in
 * ONE strict-durability transaction, or none of them do. A command that returned has its sale on
 * disk and queued for the server; a crash before that leaves no trace and no gap in the counters.
 *
 * `build` runs inside the transaction and may read through Dexie (`ctx.db.sales.get(…)`): those
 * reads join it, so what it decides from them cannot change before the command commits.
 *
 * Either way the transaction is lean:
 * - The counters are read in it, but the writes do not wait for the read: they are issued with
 *   the counters this connection last committed, and the read, which IndexedDB answers before
 *   them, aborts the transaction if the stored counters are not those (another tab or the
 *   service worker committed meanwhile). The command is then built again from the stored ones.
 *   Two tabs can never hand out the same receipt number or device_seq.
 * - The writes go to the transaction's IndexedDB stores directly, and once the counters are
 *   confirmed the transaction is committed without waiting for their replies. Dexie's per-request
 *   layers cost more than the writes themselves; in their place the commit announces what it
 *   changed through Dexie's storagemutated event, as Dexie's own writes do, so live queries in
 *   every tab see the command (LapakDb turns off Dexie's copy of live-query results, which
 *   only its own request layers would update). The announcement follows the caller's own update
 *   of the screen rather than delaying it.
 */
export async function commitCommand<T>(
  db: LapakDb,
  build: (tx: CommandTx) => Promise<T> | T,
  now: () => Date = () => new Date(),
): Promise<{ result: T; entry: OutboxEntry }> {
  return committing(db, (guess, stale) => inDexieTransaction(db, build, now, guess, stale));
}

/**
 * A command that has read everything it needs beforehand (the sale: the cart, the prices, the
 * till's context), committed like commitCommand but in a plain IndexedDB transaction: no Dexie
 * transaction, zone or promise stands between the tap on "pay" and the disk. `build` is
 * synchronous and must not read the database.
 */
export async function commitPrepared<T>(
  db: LapakDb,
  build: (tx: CommandTx) => Sync<T>,
  now: () => Date = () => new Date(),
): Promise<{ result: T; entry: OutboxEntry }> {
  return committing(db, (guess, stale) =>
    // A connection Dexie has closed (a schema upgrade in another tab, a sign-out) is Dexie's to
    // reopen or refuse.
    db.isOpen()
      ? inPlainTransaction(db, build, now, guess, stale)
      : inDexieTransaction(db, build, now, guess, stale),
  );
}

type Attempt<T> = (guess: Counters | undefined, stale: { found: boolean }) => Promise<Committed<T>>;

async function committing<T>(
  db: LapakDb,
  attempt: Attempt<T>,
): Promise<{ result: T; entry: OutboxEntry }> {
  const guess = lastCommitted.get(db);
  lastCommitted.delete(db);
  const stale = { found: false };
  let committed: Committed<T>;
  try {
    committed = await attempt(guess, stale);
  } catch (error) {
    if (!stale.found) throw error;
    committed = await attempt(undefined, stale);
  }
  lastCommitted.set(db, committed.counters);
  setTimeout(() => Dexie.on('storagemutated').fire(mutatedParts(db, committed.written)), 0);
  return { result: committed.result, entry: committed.entry };
}

interface Written {
  table: string;
  row: object;
}

interface Staged {
  entry: OutboxEntry;
  counters: Counters;
  written: Written[];
}

interface Committed<T> extends Staged {
  result: T;
}

/** The stores a command may write. */
const STORES = ['outbox', 'meta', ...JOURNAL_TABLES];

/**
 * Collects what `build` asks of the command, numbered from `base`, and turns it into the rows
 * to write: the counters, the journal rows and the outbox entry.
 */
function stager(base: Counters) {
  let receiptCounter = base.receipt;
  const deviceSeq = base.seq + 1;
  const rows: { table: JournalTable; row: { id: string; [field: string]: unknown } }[] = [];
  const metaRows: MetaRow[] = [];
  let queued: { kind: MutationKind; payload: unknown; meta: MutationMeta } | undefined;
  const tx: CommandTx = {
    nextReceiptCounter: () => (receiptCounter = nextCounter(receiptCounter)),
    journal: (table, row) => void rows.push({ table, row }),
    putMeta: (row) => {
      if (row.key === 'deviceSeq' || row.key === 'receiptCounter') {
        throw new Error('Counters are allocated by the command transaction');
      }
      metaRows.push(row);
    },
    enqueue: (kind, payload, meta) => {
      if (queued) throw new Error('A command queues exactly one mutation');
      queued = { kind, payload, meta };
    },
  };

  function stage(now: () => Date): Staged {
    if (!queued) throw new Error('A command must queue a mutation');
    const createdAt = now().toISOString();
    const id = crypto.randomUUID();
    const refs: JournalRef[] = rows.map(({ table, row }) => ({ table, id: row.id }));
    const saleId = saleIdOf(queued.payload);
    const entry: OutboxEntry = {
      id,
      deviceSeq,
      kind: queued.kind,
      payload: queued.payload,
      ...(saleId !== undefined && { saleId }),
      staffId: queued.meta.staffId,
      approverStaffId: queued.meta.approverStaffId ?? null,
      createdAt,
      catalogVersion: queued.meta.catalogVersion,
      refs,
      attempts: 0,
      nextAttemptAt: 0,
      lastError: null,
    };
    const counters: MetaRow[] = [...metaRows, { key: 'deviceSeq', value: deviceSeq }];
    if (receiptCounter !== base.receipt) {
      counters.push({ key: 'receiptCounter', value: receiptCounter });
    }
    const written: Written[] = [
      ...counters.map((row) => ({ table: 'meta', row })),
      ...rows.map(({ table, row }) => ({
        table,
        row: { ...row, mutationId: id, syncState: 'pending', createdAt },
      })),
      { table: 'outbox', row: entry },
    ];
    return { entry, counters: { receipt: receiptCounter, seq: deviceSeq }, written };
  }

  return { tx, stage };
}

/** Asks for the stored counters: the transaction's first requests, so answered first. */
function readCounters(idb: IDBTransaction): IDBRequest<MetaRow | undefined>[] {
  const meta = idb.objectStore('meta');
  return [meta.get('receiptCounter'), meta.get('deviceSeq')];
}

/**
 * Issues every write at once (IndexedDB runs them in order after the reads). Rows are added,
 * so one that collides fails the transaction as a whole; the device's own state is replaced.
 */
function issueWrites(idb: IDBTransaction, written: Written[]): IDBRequest[] {
  return written.map(({ table, row }) => {
    const store = idb.objectStore(table);
    return table === 'meta' ? store.put(row) : store.add(row);
  });
}

/**
 * Settles with the results of requests issued in one go (IndexedDB answers them in order), or
 * rejects with the first error. A failed request aborts the whole transaction, even one already
 * told to commit: its error event is kept from reaching Dexie's transaction handler, which would
 * cancel that abort to let a caller recover from the failure.
 */
function settled<R>(requests: IDBRequest<R>[]): Promise<R[]> {
  return new Dexie.Promise<R[]>((resolve, reject) => {
    const fail = (event: Event) => {
      event.stopPropagation();
      reject((event.target as IDBRequest).error);
    };
    for (const request of requests) request.onerror = fail;
    requests.at(-1)!.onsuccess = () => resolve(requests.map((r) => r.result));
  });
}

async function inDexieTransaction<T>(
  db: LapakDb,
  build: (tx: CommandTx) => Promise<T> | T,
  now: () => Date,
  guess: Counters | undefined,
  stale: { found: boolean },
): Promise<Committed<T>> {
  return db.transaction(
    'rw',
    STORES.map((t) => db.table(t)),
    async (trans) => {
      const idb = trans.idbtrans;
      const stored = settled(readCounters(idb)).then(storedCounters);
      // Settles once the stored counters are known to be the guess (at once without one).
      let checked: Promise<boolean> = Dexie.Promise.resolve(true);
      if (guess) {
        checked = stored.then((actual) => {
          if (sameCounters(actual, guess)) return true;
          // At once, while the writes issued after the read are still pending.
          stale.found = true;
          trans.abort();
          return false;
        });
      }
      const { tx, stage } = stager(guess ?? (await stored));
      const result = await build(tx);
      const staged = stage(now);
      const writes = settled(issueWrites(idb, staged.written));
      await Dexie.Promise.all([
        writes,
        checked.then((ok) => {
          // Nothing more will be asked of this transaction: let the backend commit as soon as
          // the writes are done rather than after their replies reach this page.
          if (ok) idb.commit?.();
        }),
      ]);
      return { result, ...staged };
    },
  );
}

async function inPlainTransaction<T>(
  db: LapakDb,
  build: (tx: CommandTx) => T,
  now: () => Date,
  guess: Counters | undefined,
  stale: { found: boolean },
): Promise<Committed<T>> {
  const idb = db.backendDB().transaction(STORES, 'readwrite', { durability: 'strict' });
  // A failed request aborts the transaction (its error event is left to do so), and with it
  // every write of the command.
  const done = new Promise<void>((resolve, reject) => {
    idb.oncomplete = () => resolve();
    idb.onabort = () =>
      reject(idb.error ?? new Dexie.AbortError('The command transaction was aborted'));
  });
  try {
    const reads = readCounters(idb);
    const stored = new Promise<Counters>((resolve, reject) => {
      for (const read of reads) read.onerror = () => reject(read.error);
      reads[1]!.onsuccess = () => resolve(storedCounters(reads.map((r) => r.result)));
    });
    // A command that fails before it looks at the counters still ends the reads.
    stored.catch(() => undefined);
    const { tx, stage } = stager(guess ?? (await stored));
    const result = build(tx);
    const staged = stage(now);
    issueWrites(idb, staged.written);
    if (!guess) {
      idb.commit?.();
    } else if (!sameCounters(await stored, guess)) {
      stale.found = true;
      idb.abort();
    } else {
      idb.commit?.();
    }
    await done;
    return { result, ...staged };
  } catch (error) {
    // Nothing is written: the transaction ends here if it has not already.
    done.catch(() => undefined);
    try {
      idb.abort();
    } catch {
      // It had already ended.
    }
    throw error;
  }
}

function sameCounters(a: Counters, b: Counters): boolean {
  return a.receipt === b.receipt && a.seq === b.seq;
}

/** What a commit changed, in the form Dexie's live queries match against their own reads. */
function mutatedParts(db: LapakDb, written: Written[]): ObservabilitySet {
  const parts: Record<string, RangeSet> = {};
  const part = (table: string, index: string) =>
    (parts[`idb://${db.name}/${table}/${index}`] ??= new RangeSet());
  for (const { table, row } of written) {
    const schema = db.table(table).schema;
    const key = Dexie.getByKeyPath(row, schema.primKey.keyPath as string) as string;
    // Puts replace rows this transaction did not read, so they count as deleted too.
    part(table, '').addKey(key);
    part(table, ':dels').addKey(key);
    for (const index of schema.indexes) {
      const value: unknown = Array.isArray(index.keyPath)
        ? index.keyPath.map((path) => Dexie.getByKeyPath(row, path))
        : Dexie.getByKeyPath(row, index.keyPath as string);
      if (value === undefined || value === null) continue;
      const target = part(table, index.name);
      if (index.multi && Array.isArray(value)) target.addKeys(value as string[]);
      else target.addKey(value as string);
    }
  }
  return parts;
}
