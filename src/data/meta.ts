import type { EntityTable } from 'dexie';
import type { MetaRow } from './types';

/** Small typed key-value rows the device keeps beside its tables. */
export interface MetaValues {
  /** Last device_seq handed to a mutation. */
  deviceSeq: number;
  /** Last receipt counter handed to a sale. */
  receiptCounter: number;
  /** sync_pull cursors per table. */
  cursors: Record<string, string | null>;
  lastPushAt: string;
  lastPullAt: string;
  lastError: string | null;
  /** The session could not be refreshed: the till must be paired again. Outbox kept intact. */
  needsPairing: boolean;
  /** The lock for environments without Web Locks. */
  flushLease: { owner: string; expiresAt: number } | null;
  /** Where the server is; saved at pairing so the service worker can sync on its own. */
  config: { url: string; anonKey: string } | null;
  /** The paired device: ids and codes the server gave at pairing. */
  device: {
    deviceId: string;
    tenantId: string;
    outletId: string;
    outletCode: string;
    deviceCode: string;
  } | null;
}

export type MetaKey = keyof MetaValues;

export async function getMeta<K extends MetaKey>(
  table: EntityTable<MetaRow, 'key'>,
  key: K,
): Promise<MetaValues[K] | undefined> {
  const row = await table.get(key);
  return row?.value as MetaValues[K] | undefined;
}

export async function setMeta<K extends MetaKey>(
  table: EntityTable<MetaRow, 'key'>,
  key: K,
  value: MetaValues[K],
): Promise<void> {
  await table.put({ key, value });
}
