import { z } from 'zod';
import type { MetaValues } from '../../data/meta';
import type { TillContext } from '../../data/till';

export type DeviceIdentity = NonNullable<MetaValues['device']>;
export type ServerConfig = NonNullable<MetaValues['config']>;

/** The device feature's error codes (words for them in messages.ts). */
export const DeviceError = {
  BAD_LOGIN: 'bad_login',
  NOT_MANAGER: 'not_manager',
  NO_OUTLETS: 'no_outlets',
  INVALID_TILL_NAME: 'invalid_till_name',
  INVALID_PAIRING_CODE: 'invalid_pairing_code',
  NETWORK: 'network',
  CONFIG_UNAVAILABLE: 'config_unavailable',
  SERVER: 'server',
  /** Unpairing was confirmed for fewer unsynced records than the device now holds. */
  UNSYNCED_CHANGED: 'unsynced_changed',
} as const;
export type DeviceError = (typeof DeviceError)[keyof typeof DeviceError];

export const serverConfig = z.object({ url: z.url(), anonKey: z.string().min(1) });

export const outletRow = z.object({ id: z.string(), code: z.string(), name: z.string() });
export type Outlet = z.infer<typeof outletRow>;

/** register_device's answer (supabase/migrations/…_backoffice.sql). */
export const registerAnswer = z.object({
  device_id: z.string(),
  device_code: z.string(),
  pairing_code: z.string(),
  pairing_expires_at: z.string(),
});

/** claim_device's answer. */
export const claimAnswer = z.object({
  device_id: z.string(),
  tenant_id: z.string(),
  outlet_id: z.string(),
  device_code: z.string(),
  outlet_code: z.string(),
});

export function identityFromClaim(answer: z.infer<typeof claimAnswer>): DeviceIdentity {
  return {
    deviceId: answer.device_id,
    tenantId: answer.tenant_id,
    outletId: answer.outlet_id,
    outletCode: answer.outlet_code,
    deviceCode: answer.device_code,
  };
}

export const TILL_NAME_MAX = 80;

export function normalizeTillName(name: string): string | null {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  return trimmed.length >= 1 && trimmed.length <= TILL_NAME_MAX ? trimmed : null;
}

/** What people type: "demo-jkt1", "DEMO JKT1" → "DEMOJKT1" (the server normalises the same way). */
export function normalizePairingCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

export const tenantRow = z.object({
  id: z.string(),
  name: z.string(),
  currency: z.string(),
  timezone: z.string().default('Asia/Jakarta'),
  tax_mode: z.enum(['inclusive', 'exclusive']),
  cash_rounding_step: z.number().int().min(0),
});

const namedRow = z.object({ id: z.string(), name: z.string() });

/** What the till shows about itself and sells by, all from replicated rows. */
export interface TillInfo {
  shopName: string;
  outletName: string;
  tillName: string;
  timezone: string;
  settings: TillContext['settings'];
}

export function tillInfoFrom(
  device: DeviceIdentity,
  rows: { tenant: unknown; outlet: unknown; device: unknown },
): TillInfo | null {
  const tenant = tenantRow.safeParse(rows.tenant);
  if (!tenant.success) return null;
  const outlet = namedRow.safeParse(rows.outlet);
  const self = namedRow.safeParse(rows.device);
  return {
    shopName: tenant.data.name,
    outletName: outlet.success ? outlet.data.name : device.outletCode,
    tillName: self.success ? self.data.name : device.deviceCode,
    timezone: tenant.data.timezone,
    settings: {
      currency: tenant.data.currency,
      taxMode: tenant.data.tax_mode,
      cashRoundingStep: tenant.data.cash_rounding_step,
    },
  };
}

/** The catalog version a till's prices come from: the newest any product of its replica carries. */
export function catalogVersionOf(products: Iterable<Readonly<Record<string, unknown>>>): number {
  let version = 0;
  for (const p of products) {
    const v = Number(p.catalog_version);
    if (Number.isSafeInteger(v) && v > version) version = v;
  }
  return version;
}

/**
 * A determinate progress for the first download. The server does not say how many rows are
 * coming, so the till estimates from a few counts; the bar stops short of full until the pull
 * says it is done.
 */
export function pullProgress(rows: number, estimate: number | null, done: boolean): number {
  if (done) return 1;
  if (!estimate || estimate <= 0) return 0;
  return Math.min(0.99, rows / estimate);
}
