import type { LapakDb } from './db';
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
  nextReceiptCounter(): Promise<number>;
  /** Records a row this device created; it stays `pending` until its mutation is synced. */
  journal(table: JournalTable, row: { id: string; [field: string]: unknown }): void;
  /** Queues the mutation that carries the journal rows to the server. */
  enqueue(kind: MutationKind, payload: unknown, meta: MutationMeta): void;
}

const JOURNAL: JournalTable[] = ['sales', 'refunds', 'shifts', 'cashMovements', 'stockAdjustments'];

/**
 * The only way a command writes: its journal rows, its outbox entry and its counters commit in
 * ONE strict-durability transaction, or none of them do. A command that returned has its sale on
 * disk and queued for the server; a crash before that leaves no trace and no gap in the counters.
 */
export async function commitCommand<T>(
  db: LapakDb,
  build: (tx: CommandTx) => Promise<T> | T,
  now: () => Date = () => new Date(),
): Promise<{ result: T; entry: OutboxEntry }> {
  return db.transaction(
    'rw',
    [db.outbox, db.meta, ...JOURNAL.map((t) => db.table(t))],
    async () => {
      // Both counters in one read, and every write below issued at once: each request awaited
      // in turn would cost the checkout a round trip to the browser's IndexedDB backend.
      const [receiptRow, seqRow] = await db.meta.bulkGet(['receiptCounter', 'deviceSeq']);
      let receiptCounter = (receiptRow?.value as MetaValues['receiptCounter'] | undefined) ?? 0;
      const receiptBefore = receiptCounter;
      const deviceSeq = ((seqRow?.value as MetaValues['deviceSeq'] | undefined) ?? 0) + 1;

      const rows: { table: JournalTable; row: { id: string; [field: string]: unknown } }[] = [];
      let queued: { kind: MutationKind; payload: unknown; meta: MutationMeta } | undefined;
      const result = await build({
        nextReceiptCounter: async () => ++receiptCounter,
        journal: (table, row) => void rows.push({ table, row }),
        enqueue: (kind, payload, meta) => {
          if (queued) throw new Error('A command queues exactly one mutation');
          queued = { kind, payload, meta };
        },
      });
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
      const counters: MetaRow[] = [{ key: 'deviceSeq', value: deviceSeq }];
      if (receiptCounter !== receiptBefore) {
        counters.push({ key: 'receiptCounter', value: receiptCounter });
      }
      await Promise.all([
        db.meta.bulkPut(counters),
        ...rows.map(({ table, row }) =>
          db.table(table).add({ ...row, mutationId: id, syncState: 'pending', createdAt }),
        ),
        db.outbox.add(entry),
      ]);
      return { result, entry };
    },
  );
}
