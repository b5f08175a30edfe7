import type { Transaction } from 'dexie';
import type { AttentionEntry, OutboxEntry } from './types';

/**
 * The device database's schema, version by version. A released version is frozen: a tablet may
 * come back after skipping any number of releases, and Dexie upgrades it step by step from the
 * version it has, so every old declaration must stay exactly as it shipped. Change the schema by
 * appending a version (with an upgrade when existing rows need it) and a test in
 * schema.dom.test.ts that opens a database written by the version before.
 */

export type StoreSpec = Readonly<Record<string, string | null>>;

export interface SchemaVersion {
  version: number;
  /** Only the tables this version adds or changes; the others carry over. */
  stores: StoreSpec;
  upgrade?: (tx: Transaction) => Promise<void>;
}

/** Version 1 as it shipped with the first till release. */
export const SCHEMA_V1: StoreSpec = {
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
};

/**
 * Version 2: outbox and attention entries name the sale they concern (`saleId`), indexed. The
 * till's history looks up the pending voids and the rejections of today's sales; without the
 * index it read the whole outbox (thousands of entries after a few offline days) and every
 * rejection ever kept, on each change of the history's live query.
 */
export const SCHEMA_V2: StoreSpec = {
  outbox: 'id, &deviceSeq, nextAttemptAt, saleId',
  attention: 'id, rejectedAt, entry.saleId',
};

/**
 * The sale a mutation completes, voids, refunds or settles a payment of: its payload's `sale_id`.
 * Shifts, cash moves, stock and customers have none.
 */
export function saleIdOf(payload: unknown): string | undefined {
  const id = (payload as { sale_id?: unknown } | null)?.sale_id;
  return typeof id === 'string' ? id : undefined;
}

function withSaleId(entry: OutboxEntry): void {
  const saleId = saleIdOf(entry.payload);
  if (saleId !== undefined) entry.saleId = saleId;
}

async function upgradeToV2(tx: Transaction): Promise<void> {
  await tx
    .table<OutboxEntry, string>('outbox')
    .toCollection()
    .modify((entry) => withSaleId(entry));
  await tx
    .table<AttentionEntry, string>('attention')
    .toCollection()
    .modify((row) => withSaleId(row.entry));
}

export const SCHEMA_HISTORY: readonly SchemaVersion[] = [
  { version: 1, stores: SCHEMA_V1 },
  { version: 2, stores: SCHEMA_V2, upgrade: upgradeToV2 },
];

export const LATEST_VERSION = SCHEMA_HISTORY.at(-1)!.version;
