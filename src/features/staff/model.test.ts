import { describe, expect, it } from 'vitest';
import {
  afterFailure,
  attemptUnlock,
  FIRST_LOCKOUT_MS,
  lockoutDelayMs,
  MAX_LOCKOUT_MS,
  NO_LOCKOUT,
  toStaffMembers,
  type StaffMember,
} from './model';

const ani: StaffMember = {
  id: 's1',
  name: 'Ani',
  active: true,
  roleName: 'Cashier',
  permissions: ['sale.create'],
  pinHash: 'hash-of-3333',
};
const check = async (pin: string, hash: string) => hash === `hash-of-${pin}`;

describe('PIN lockout', () => {
  it('lets a few mistakes pass, then doubles the wait up to a cap', () => {
    expect([1, 2].map(lockoutDelayMs)).toEqual([0, 0]);
    expect(lockoutDelayMs(3)).toBe(FIRST_LOCKOUT_MS);
    expect(lockoutDelayMs(4)).toBe(2 * FIRST_LOCKOUT_MS);
    expect(lockoutDelayMs(5)).toBe(4 * FIRST_LOCKOUT_MS);
    expect(lockoutDelayMs(50)).toBe(MAX_LOCKOUT_MS);
    for (let n = 1; n < 40; n++)
      expect(lockoutDelayMs(n + 1)).toBeGreaterThanOrEqual(lockoutDelayMs(n));
  });

  it('stamps the lockout from the time of the failure', () => {
    let lockout = NO_LOCKOUT;
    for (let i = 0; i < 3; i++) lockout = afterFailure(lockout, 1_000);
    expect(lockout).toEqual({ failures: 3, lockedUntil: 1_000 + FIRST_LOCKOUT_MS });
  });
});

describe('attemptUnlock', () => {
  it('unlocks with the right PIN', async () => {
    expect(await attemptUnlock(ani, '3333', NO_LOCKOUT, 0, check)).toEqual({
      kind: 'unlocked',
      staff: ani,
    });
  });

  it('counts a wrong PIN, and a malformed one, against the lockout', async () => {
    const wrong = await attemptUnlock(ani, '1234', NO_LOCKOUT, 0, check);
    expect(wrong).toEqual({ kind: 'wrong-pin', lockout: { failures: 1, lockedUntil: 0 } });
    const short = await attemptUnlock(ani, '33', NO_LOCKOUT, 0, check);
    expect(short.kind).toBe('wrong-pin');
  });

  it('checks no hash while locked out, even the right PIN', async () => {
    let compared = false;
    const spy = async (pin: string, hash: string) => ((compared = true), check(pin, hash));
    const result = await attemptUnlock(
      ani,
      '3333',
      { failures: 3, lockedUntil: 10_000 },
      4_000,
      spy,
    );
    expect(result).toEqual({ kind: 'locked-out', remainingMs: 6_000 });
    expect(compared).toBe(false);
  });

  it('refuses an inactive member only after a correct PIN', async () => {
    const former = { ...ani, active: false };
    expect((await attemptUnlock(former, '0000', NO_LOCKOUT, 0, check)).kind).toBe('wrong-pin');
    expect((await attemptUnlock(former, '3333', NO_LOCKOUT, 0, check)).kind).toBe('inactive');
  });

  it('says when a member has no PIN yet', async () => {
    expect(
      (await attemptUnlock({ ...ani, pinHash: null }, '3333', NO_LOCKOUT, 0, check)).kind,
    ).toBe('no-pin');
  });
});

describe('toStaffMembers', () => {
  it('joins roles, drops deleted and malformed rows, and lists active staff first', () => {
    const roles = [{ id: 'r1', name: 'Kasir', permissions: ['sale.create'] }];
    const staff = [
      { id: 'a', name: 'Zaki', role_id: 'r1', active: true, pin_hash: 'h' },
      { id: 'b', name: 'Ani', role_id: 'r1', active: false, pin_hash: 'h' },
      { id: 'c', name: 'Budi', role_id: 'r1', active: true, pin_hash: null },
      { id: 'd', name: 'Gone', role_id: 'r1', active: true, deleted_at: '2025-01-01T00:00:00Z' },
      { id: 'e', name: 42 },
    ];
    const members = toStaffMembers(staff, roles, new Intl.Collator('id'));
    expect(members.map((m) => [m.name, m.active, m.roleName])).toEqual([
      ['Budi', true, 'Kasir'],
      ['Zaki', true, 'Kasir'],
      ['Ani', false, 'Kasir'],
    ]);
    expect(members[0]?.pinHash).toBeNull();
  });
});
