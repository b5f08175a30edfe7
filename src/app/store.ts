import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { createCatalogSlice, type CatalogSlice } from '../features/catalog/slice';
import { createDeviceSlice, type DeviceSlice } from '../features/device/slice';
import { createSalesSlice, type SalesSlice } from '../features/sales/slice';
import { createSettingsSlice, type SettingsSlice } from '../features/settings/slice';
import { createShiftSlice, type ShiftSlice } from '../features/shifts/slice';
import { createStaffSlice, type StaffSlice } from '../features/staff/slice';
import { createSyncStatusSlice, type SyncStatusSlice } from '../features/sync-status/slice';
import { createShellSlice, type ShellSlice } from './shell-slice';

/**
 * The one bound store of the till, composed from feature slices (zustand's slices pattern).
 * Each `createXSlice` is typed on its own slice only and knows nothing of the others; middleware
 * lives here, at the root, and nowhere else. A new feature adds its slice type to AppState and
 * its creator to the list below.
 *
 * Components read with narrow selectors (`useAppStore((s) => s.locale)`, `useShallow` for
 * objects); code outside React uses `useAppStore.getState()`.
 */
export type AppState = ShellSlice &
  DeviceSlice &
  StaffSlice &
  ShiftSlice &
  SyncStatusSlice &
  SettingsSlice &
  CatalogSlice &
  SalesSlice;

/**
 * The store persists after every change, and most changes (the cart, the search box) leave the
 * persisted part as it was: those skip localStorage's synchronous write.
 */
function unchangedSkipped(storage: Storage): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  return {
    getItem: (key) => storage.getItem(key),
    setItem: (key, value) => {
      if (storage.getItem(key) !== value) storage.setItem(key, value);
    },
    removeItem: (key) => storage.removeItem(key),
  };
}

/** Persisted: preferences and the PIN lockout. Never who is unlocked: a reload locks the till. */
const persisted = (s: AppState) => ({
  locale: s.locale,
  idleLockMinutes: s.idleLockMinutes,
  pinLockout: s.pinLockout,
});

export const useAppStore = create<AppState>()(
  persist(
    (...a) => ({
      ...createShellSlice(...a),
      ...createDeviceSlice(...a),
      ...createStaffSlice(...a),
      ...createShiftSlice(...a),
      ...createSyncStatusSlice(...a),
      ...createSettingsSlice(...a),
      ...createCatalogSlice(...a),
      ...createSalesSlice(...a),
    }),
    {
      name: 'lapak-till',
      version: 1,
      storage: createJSONStorage(() => unchangedSkipped(localStorage)),
      partialize: persisted,
    },
  ),
);

// A cart with lines is a sale under way: the update prompt and the worker swap wait for it.
useAppStore.subscribe((s) => {
  const busy = s.cart.lines.length > 0;
  if (busy !== s.saleInProgress) s.setSaleInProgress(busy);
});
