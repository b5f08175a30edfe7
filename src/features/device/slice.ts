import type { StateCreator } from 'zustand';
import type { DeviceIdentity, TillInfo } from './model';

/** `loading` until meta has been read: the shell shows neither pairing nor lock before that. */
export type PairingState = 'loading' | 'unpaired' | 'paired';

export interface DeviceSlice {
  pairing: PairingState;
  device: DeviceIdentity | null;
  /** Null until the first pull brought the tenant, outlet and device rows. */
  till: TillInfo | null;
  catalogVersion: number;
  setPaired(device: DeviceIdentity | null): void;
  setTillInfo(till: TillInfo | null): void;
  setCatalogVersion(version: number): void;
}

export const createDeviceSlice: StateCreator<DeviceSlice> = (set) => ({
  pairing: 'loading',
  device: null,
  till: null,
  catalogVersion: 0,
  setPaired: (device) =>
    set(device ? { pairing: 'paired', device } : { pairing: 'unpaired', device: null, till: null }),
  setTillInfo: (till) => set({ till }),
  setCatalogVersion: (catalogVersion) => set({ catalogVersion }),
});
