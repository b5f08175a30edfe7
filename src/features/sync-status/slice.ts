import type { StateCreator } from 'zustand';
import type { SyncOutcome } from '../../sync/engine';
import type { SyncStatus } from '../../sync/status';

/** The sync health the shell always shows, fed by a live query over the outbox and meta. */
export interface SyncStatusSlice {
  syncStatus: SyncStatus | null;
  /** When syncStatus was read (epoch ms): ages in it are relative to this moment. */
  syncStatusReadAt: number;
  syncing: boolean;
  lastOutcome: SyncOutcome['kind'] | null;
  setSyncStatus(status: SyncStatus, readAt: number): void;
  setSyncing(syncing: boolean): void;
  setLastOutcome(kind: SyncOutcome['kind']): void;
}

export const createSyncStatusSlice: StateCreator<SyncStatusSlice> = (set) => ({
  syncStatus: null,
  syncStatusReadAt: 0,
  syncing: false,
  lastOutcome: null,
  setSyncStatus: (syncStatus, syncStatusReadAt) => set({ syncStatus, syncStatusReadAt }),
  setSyncing: (syncing) => set({ syncing }),
  setLastOutcome: (lastOutcome) => set({ lastOutcome }),
});
