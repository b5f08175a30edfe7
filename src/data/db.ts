import Dexie, { type EntityTable, type Table } from 'dexie';
import { SCHEMA_HISTORY } from './schema';
import type {
  AttentionEntry,
  JournalRow,
  JournalTable,
  MetaRow,
  OutboxEntry,
  ReplicaRow,
} from './types';

/** Server tables mirrored on the device, pulled with `sync_pull`. */
export const REPLICA_TABLES = [
  'tenants',
  'outlets',
  'locations',
  'roles',
  'staff',
  'categories',
  'products',
  'stock_levels',
  'customers',
  'devices',
] as const;
export type ReplicaTable = (typeof REPLICA_TABLES)[number];

/** Tables that record what this device created, each row carried to the server by a mutation. */
export const JOURNAL_TABLES = [
  'sales',
  'refunds',
  'shifts',
  'cashMovements',
  'stockAdjustments',
] as const satisfies readonly JournalTable[];

export class LapakDb extends Dexie {
  outbox!: EntityTable<OutboxEntry, 'id'>;
  attention!: EntityTable<AttentionEntry, 'id'>;
  meta!: EntityTable<MetaRow, 'key'>;
  session!: EntityTable<{ key: string; value: string }, 'key'>;
  sales!: EntityTable<JournalRow, 'id'>;
  refunds!: EntityTable<JournalRow, 'id'>;
  shifts!: EntityTable<JournalRow, 'id'>;
  cashMovements!: EntityTable<JournalRow, 'id'>;
  stockAdjustments!: EntityTable<JournalRow, 'id'>;

  constructor(name = 'lapak') {
    // Strict durability: a sale the UI shows as done is on disk, not in an OS write cache.
    // Live queries read IndexedDB itself rather than Dexie's in-memory copy of earlier reads:
    // commands write past Dexie's request layers (data/command-tx.ts), which keep that copy.
    super(name, { chromeTransactionDurability: 'strict', cache: 'disabled' });
    for (const { version, stores, upgrade } of SCHEMA_HISTORY) {
      const declared = this.version(version).stores(stores);
      if (upgrade) declared.upgrade(upgrade);
    }
  }

  replica(table: ReplicaTable): Table<ReplicaRow, string> {
    return this.table(table);
  }
}
