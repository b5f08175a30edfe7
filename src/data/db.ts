import Dexie, { type EntityTable, type Table } from 'dexie';
import type { AttentionEntry, JournalRow, MetaRow, OutboxEntry, ReplicaRow } from './types';

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
    super(name, { chromeTransactionDurability: 'strict' });
    this.version(1).stores({
      outbox: 'id, &deviceSeq, nextAttemptAt',
      attention: 'id, rejectedAt',
      meta: 'key',
      session: 'key',
      sales: 'id, createdAt, syncState, mutationId, receiptNo',
      refunds: 'id, createdAt, syncState, mutationId, saleId',
      shifts: 'id, createdAt, syncState, mutationId',
      cashMovements: 'id, createdAt, syncState, mutationId, shiftId',
      stockAdjustments: 'id, createdAt, syncState, mutationId',
      tenants: 'id',
      outlets: 'id',
      locations: 'id, outlet_id',
      roles: 'id',
      staff: 'id, role_id',
      categories: 'id, parent_id',
      products: 'id, sku, *barcodes, category_id',
      stock_levels: 'id, product_id, location_id, [product_id+location_id]',
      customers: 'id, phone',
      devices: 'id',
    });
  }

  replica(table: ReplicaTable): Table<ReplicaRow, string> {
    return this.table(table);
  }
}
