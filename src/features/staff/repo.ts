import type { LapakDb } from '../../data/db';
import { toStaffMembers, type StaffMember } from './model';

/** The staff the lock screen offers, from the replica (sorted for the given locale). */
export async function loadStaff(db: LapakDb, intlLocale: string): Promise<StaffMember[]> {
  const [staff, roles] = await Promise.all([
    db.replica('staff').toArray(),
    db.replica('roles').toArray(),
  ]);
  return toStaffMembers(staff, roles, new Intl.Collator(intlLocale));
}

/** The member as the replica has them now, e.g. to notice a deactivation pulled mid-shift. */
export async function findStaff(db: LapakDb, staffId: string): Promise<StaffMember | null> {
  const row = await db.replica('staff').get(staffId);
  if (!row) return null;
  const role = await db.replica('roles').get(String(row.role_id));
  return toStaffMembers([row], role ? [role] : [], new Intl.Collator())[0] ?? null;
}
