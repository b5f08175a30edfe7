import type { StateCreator } from 'zustand';
import type { Locale } from '../../lib/i18n';
import type { IdleLockMinutes } from './model';

/** Per-till preferences. Persisted (the root store decides where), so a reload keeps them. */
export interface SettingsSlice {
  locale: Locale;
  /** Minutes without a touch or key before the till locks itself; 0 = never. */
  idleLockMinutes: IdleLockMinutes;
  setLocale(locale: Locale): void;
  setIdleLockMinutes(minutes: IdleLockMinutes): void;
}

export const createSettingsSlice: StateCreator<SettingsSlice> = (set) => ({
  locale: 'id',
  idleLockMinutes: 5,
  setLocale: (locale) => set({ locale }),
  setIdleLockMinutes: (idleLockMinutes) => set({ idleLockMinutes }),
});
