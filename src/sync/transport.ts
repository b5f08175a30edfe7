import type { MutationKind } from '../data/types';

/** A mutation as `sync_push` receives it (docs/sync-protocol.md). */
export interface WireMutation {
  id: string;
  device_seq: number;
  kind: MutationKind;
  payload: unknown;
  staff_id: string;
  approver_staff_id: string | null;
  created_at: string;
  catalog_version: number;
}

export type PushStatus = 'applied' | 'duplicate' | 'retry' | 'rejected';

export interface PushResult {
  id: string;
  status: PushStatus;
  code?: string;
  message?: string;
}

export interface PullPage {
  /** Changed rows per table, tombstones (deleted_at set) included. */
  changes: Record<string, Record<string, unknown>[]>;
  cursors: Record<string, string | null>;
  hasMore: boolean;
}

/**
 * How a failed request is classified decides what the engine does: `network` and `server` back
 * off and try again; `unauthorized` means the session could not be refreshed (re-pair, keep the
 * outbox); `rejected` is a request-level 4xx that resending unchanged will not fix.
 */
export type TransportFailure = 'network' | 'server' | 'unauthorized' | 'rejected';

export class TransportError extends Error {
  constructor(
    readonly failure: TransportFailure,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

export interface SyncTransport {
  push(mutations: WireMutation[]): Promise<PushResult[]>;
  pull(cursors: Record<string, string | null>, pageSize: number): Promise<PullPage>;
}
