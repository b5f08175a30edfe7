import type { StateCreator } from 'zustand';

/** State of the shell itself, which no feature owns. */
export interface ShellSlice {
  /**
   * A sale is being rung up (cart not empty, payment under way). The selling screens set it; the
   * update prompt and the service worker swap wait for it to clear.
   */
  saleInProgress: boolean;
  /** Pairing again over an existing pairing (the session was lost); the outbox is kept. */
  repairing: boolean;
  setSaleInProgress(inProgress: boolean): void;
  setRepairing(repairing: boolean): void;
}

export const createShellSlice: StateCreator<ShellSlice> = (set) => ({
  saleInProgress: false,
  repairing: false,
  setSaleInProgress: (saleInProgress) => set({ saleInProgress }),
  setRepairing: (repairing) => set({ repairing }),
});
