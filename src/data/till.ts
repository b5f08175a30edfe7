import type { LapakDb } from './db';

/** Everything a till command needs to know about where and by whom it runs. */
export interface TillContext {
  db: LapakDb;
  device: {
    deviceId: string;
    tenantId: string;
    outletId: string;
    outletCode: string;
    deviceCode: string;
  };
  /** The unlocked staff member: every command records who made it. */
  staffId: string;
  settings: {
    currency: string;
    taxMode: 'inclusive' | 'exclusive';
    cashRoundingStep: number;
  };
  /** The catalog version this till's prices come from (sent with each mutation). */
  catalogVersion: number;
  /** The open shift of this till, if any. */
  shiftId: string | null;
  now?: () => Date;
}
