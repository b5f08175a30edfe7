/** What a till may choose as its idle lock. Short by default: a till is a shared, public device. */
export const IDLE_LOCK_CHOICES = [0, 2, 5, 10, 30] as const;
export type IdleLockMinutes = (typeof IDLE_LOCK_CHOICES)[number];

export function isIdleLockMinutes(value: number): value is IdleLockMinutes {
  return (IDLE_LOCK_CHOICES as readonly number[]).includes(value);
}

export interface StorageReport {
  usage: number | null;
  quota: number | null;
  persisted: boolean | null;
}

/** What the browser says about this origin's storage; every part is optional in some browser. */
export async function readStorageReport(
  storage: Partial<StorageManager> | undefined = globalThis.navigator?.storage,
): Promise<StorageReport> {
  const estimate = await storage?.estimate?.().catch(() => undefined);
  const persisted = await storage?.persisted?.().catch(() => null);
  return {
    usage: estimate?.usage ?? null,
    quota: estimate?.quota ?? null,
    persisted: persisted ?? null,
  };
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** Bytes as a short human figure in the locale's digits: "12,5 MB" / "12.5 MB". */
export function formatBytes(bytes: number, intlLocale: string): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  const text = new Intl.NumberFormat(intlLocale, { maximumFractionDigits: digits }).format(value);
  return `${text} ${UNITS[unit]}`;
}
