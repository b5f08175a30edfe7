import type { StateCreator } from 'zustand';
import { NO_LOCKOUT, type PinLockout, type StaffMember } from './model';

/** The staff member at the till, without the PIN hash (it has done its job). */
export type UnlockedStaff = Pick<StaffMember, 'id' | 'name' | 'roleName' | 'permissions'>;

/** Why the lock screen is showing, when the till did it rather than a person. */
export type LockReason = 'idle' | 'inactive' | null;

/**
 * Who is at the till. `pinLockout` is persisted by the root store (so a reload does not reset
 * the wait); `unlockedStaff` is not: a reloaded till starts locked.
 */
export interface StaffSlice {
  unlockedStaff: UnlockedStaff | null;
  lockReason: LockReason;
  pinLockout: PinLockout;
  unlock(staff: StaffMember): void;
  lock(reason?: LockReason): void;
  setPinLockout(lockout: PinLockout): void;
}

export const createStaffSlice: StateCreator<StaffSlice> = (set) => ({
  unlockedStaff: null,
  lockReason: null,
  pinLockout: NO_LOCKOUT,
  unlock: ({ id, name, roleName, permissions }) =>
    set({
      unlockedStaff: { id, name, roleName, permissions },
      lockReason: null,
      pinLockout: NO_LOCKOUT,
    }),
  lock: (reason = null) => set({ unlockedStaff: null, lockReason: reason }),
  setPinLockout: (pinLockout) => set({ pinLockout }),
});

/** Whether the member at the till holds a permission (the server checks again). */
export function may(staff: UnlockedStaff | null, permission: string): boolean {
  return !!staff && staff.permissions.includes(permission);
}
