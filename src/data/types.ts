/** Rows the device keeps. Field names follow the server's JSON (snake_case) for replica rows. */

export type MutationKind =
  | 'sale.complete'
  | 'sale.void'
  | 'refund.create'
  | 'stock.adjust'
  | 'stock.transfer'
  | 'shift.open'
  | 'shift.close'
  | 'cash.move'
  | 'customer.upsert'
  | 'payment.confirm';

/** A journal table that records what this device created, and so what a mutation touches. */
export type JournalTable = 'sales' | 'refunds' | 'shifts' | 'cashMovements' | 'stockAdjustments';

export type JournalSyncState = 'pending' | 'synced' | 'rejected';

export interface JournalRef {
  table: JournalTable;
  id: string;
}

/**
 * One mutation waiting for the server. `id` is the idempotency key the server deduplicates on;
 * `deviceSeq` orders the drain. An entry leaves the outbox only when the server has recorded it
 * (applied or duplicate) or rejected it, and a rejection moves it to `attention`, never away.
 */
export interface OutboxEntry {
  id: string;
  deviceSeq: number;
  kind: MutationKind;
  payload: unknown;
  /** The sale it concerns (schema.ts `saleIdOf`), indexed so the history finds it by sale. */
  saleId?: string;
  staffId: string;
  approverStaffId: string | null;
  /** Device clock, ISO 8601. */
  createdAt: string;
  catalogVersion: number;
  refs: JournalRef[];
  attempts: number;
  /** Epoch ms before which the engine does not resend (retry back-off). */
  nextAttemptAt: number;
  lastError: string | null;
}

/** A mutation the server refused: kept with the server's reason until someone acts on it. */
export interface AttentionEntry {
  id: string;
  entry: OutboxEntry;
  code: string;
  message: string;
  rejectedAt: string;
}

export interface JournalRow {
  id: string;
  mutationId: string;
  syncState: JournalSyncState;
  createdAt: string;
  [field: string]: unknown;
}

/** A row of a replicated server table; `id` is the primary key on the server too. */
export interface ReplicaRow {
  id: string;
  tenant_id?: string;
  version?: number;
  deleted_at?: string | null;
  [column: string]: unknown;
}

export interface MetaRow {
  key: string;
  value: unknown;
}
