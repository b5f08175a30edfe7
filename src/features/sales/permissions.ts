import type { LapakDb } from '../../data/db';
import { DomainError } from '../../lib/errors';
import { SalesError, type Permission } from './model';

/** What the member's role grants, from the replica (sync_pull embeds each role's permissions). */
export async function staffPermissions(db: LapakDb, staffId: string): Promise<string[]> {
  const staff = await db.replica('staff').get(staffId);
  if (!staff || staff.deleted_at != null || staff.active === false) return [];
  const role = await db.replica('roles').get(String(staff.role_id));
  if (!role || role.deleted_at != null || !Array.isArray(role.permissions)) return [];
  return role.permissions.filter((p): p is string => typeof p === 'string');
}

/**
 * The till's half of the server's app.require_staff: the member holds the permission, or an
 * approver who holds it is named. The server checks again; this keeps a till from queueing a
 * mutation it already knows will be rejected.
 */
export async function authorize(
  db: LapakDb,
  staffId: string,
  approverStaffId: string | null,
  permission: Permission,
): Promise<void> {
  if ((await staffPermissions(db, staffId)).includes(permission)) return;
  if (approverStaffId === null) {
    throw new DomainError(SalesError.PERMISSION_REQUIRED, { details: { permission } });
  }
  if (!(await staffPermissions(db, approverStaffId)).includes(permission)) {
    throw new DomainError(SalesError.PERMISSION_DENIED, { details: { permission } });
  }
}
