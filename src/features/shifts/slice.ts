import type { StateCreator } from 'zustand';
import type { ShiftRecord } from './model';

/** The till's open shift as the UI shows it; the journal in IndexedDB is the truth. */
export interface ShiftSlice {
  openShift: ShiftRecord | null;
  setOpenShift(shift: ShiftRecord | null): void;
}

export const createShiftSlice: StateCreator<ShiftSlice> = (set) => ({
  openShift: null,
  setOpenShift: (openShift) => set({ openShift }),
});
