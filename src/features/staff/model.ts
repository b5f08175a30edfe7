import { z } from 'zod';

/**
 * PIN rules of the till. A 4-digit PIN has 10,000 values, so what protects it is the lockout:
 * a few free mistakes, then waits that double, capped at a quarter of an hour. The lockout is for
 * the till, not per person: switching tiles must not buy an attacker fresh attempts.
 */
export const PIN_MIN = 4;
export const PIN_MAX = 6;
export const FREE_ATTEMPTS = 3;
export const FIRST_LOCKOUT_MS = 30_000;
export const MAX_LOCKOUT_MS = 15 * 60_000;

export interface PinLockout {
  /** Failed attempts since the last successful unlock. */
  failures: number;
  /** Epoch ms before which no attempt is checked; 0 = not locked out. */
  lockedUntil: number;
}

export const NO_LOCKOUT: PinLockout = { failures: 0, lockedUntil: 0 };

export function lockoutDelayMs(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_LOCKOUT_MS, FIRST_LOCKOUT_MS * 2 ** Math.min(failures - FREE_ATTEMPTS, 20));
}

export function afterFailure(lockout: PinLockout, now: number): PinLockout {
  const failures = lockout.failures + 1;
  const delay = lockoutDelayMs(failures);
  return { failures, lockedUntil: delay > 0 ? now + delay : 0 };
}

/** Milliseconds left before the next attempt is allowed; 0 when one is allowed now. */
export function lockoutRemainingMs(lockout: PinLockout, now: number): number {
  return Math.max(0, lockout.lockedUntil - now);
}

export function isPinShape(pin: string): boolean {
  return new RegExp(`^[0-9]{${PIN_MIN},${PIN_MAX}}$`).test(pin);
}

/** A `staff` replica row as sync_pull sends it (the PIN hash embedded for tills). */
export const staffRow = z.object({
  id: z.string(),
  name: z.string(),
  role_id: z.string(),
  active: z.boolean(),
  pin_hash: z.string().nullish(),
  deleted_at: z.string().nullish(),
});

export const roleRow = z.object({
  id: z.string(),
  key: z.string().nullish(),
  name: z.string(),
  permissions: z.array(z.string()).default([]),
  deleted_at: z.string().nullish(),
});

export interface StaffMember {
  id: string;
  name: string;
  active: boolean;
  roleName: string;
  permissions: readonly string[];
  pinHash: string | null;
}

/** Staff the lock screen shows: everyone not deleted, active first, then by name. */
export function toStaffMembers(staff: unknown[], roles: unknown[], collator: Intl.Collator) {
  const roleById = new Map<string, z.infer<typeof roleRow>>();
  for (const raw of roles) {
    const r = roleRow.safeParse(raw);
    if (r.success && !r.data.deleted_at) roleById.set(r.data.id, r.data);
  }
  const members: StaffMember[] = [];
  for (const raw of staff) {
    const s = staffRow.safeParse(raw);
    if (!s.success || s.data.deleted_at) continue;
    const role = roleById.get(s.data.role_id);
    members.push({
      id: s.data.id,
      name: s.data.name,
      active: s.data.active,
      roleName: role?.name ?? '',
      permissions: role?.permissions ?? [],
      pinHash: s.data.pin_hash ?? null,
    });
  }
  return members.sort(
    (a, b) => Number(b.active) - Number(a.active) || collator.compare(a.name, b.name),
  );
}

export type UnlockResult =
  | { kind: 'unlocked'; staff: StaffMember }
  | { kind: 'wrong-pin'; lockout: PinLockout }
  | { kind: 'locked-out'; remainingMs: number }
  | { kind: 'inactive' }
  | { kind: 'no-pin' };

export type PinCheck = (pin: string, hash: string) => Promise<boolean>;

/**
 * One unlock attempt. The lockout is checked before any hash is compared; a wrong PIN counts
 * against the lockout whoever's tile it was. An inactive member is refused only after a correct
 * PIN, so the answer tells nobody more than the tile already shows.
 */
export async function attemptUnlock(
  staff: StaffMember,
  pin: string,
  lockout: PinLockout,
  now: number,
  check: PinCheck,
): Promise<UnlockResult> {
  const remainingMs = lockoutRemainingMs(lockout, now);
  if (remainingMs > 0) return { kind: 'locked-out', remainingMs };
  if (!staff.pinHash) return { kind: 'no-pin' };
  const ok = isPinShape(pin) && (await check(pin, staff.pinHash));
  if (!ok) return { kind: 'wrong-pin', lockout: afterFailure(lockout, now) };
  if (!staff.active) return { kind: 'inactive' };
  return { kind: 'unlocked', staff };
}
