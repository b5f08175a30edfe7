import { attemptUnlock, type StaffMember } from '../../features/staff/model';
import { createPinVerifier } from '../../features/staff/pin-verifier';
import { loadStaff } from '../../features/staff/repo';
import { LockScreen } from '../../features/staff/ui/LockScreen';
import { INTL_LOCALE } from '../../lib/i18n';
import { db } from '../db';
import { useLiveQuery } from '../live';
import { shellText } from '../messages';
import { useAppStore } from '../store';

const checkPin = createPinVerifier();

/** One attempt against the lockout as the store has it now, recorded back into the store. */
async function attempt(member: StaffMember, pin: string) {
  const { pinLockout, setPinLockout, unlock } = useAppStore.getState();
  const result = await attemptUnlock(member, pin, pinLockout, Date.now(), checkPin);
  if (result.kind === 'wrong-pin') setPinLockout(result.lockout);
  if (result.kind === 'unlocked') unlock(result.staff);
  return result;
}

export function LockRoute() {
  const locale = useAppStore((s) => s.locale);
  const lockout = useAppStore((s) => s.pinLockout);
  const reason = useAppStore((s) => s.lockReason);
  // null until read: an empty list would flash "no staff yet" on every lock.
  const staff = useLiveQuery<StaffMember[] | null>(
    () => loadStaff(db, INTL_LOCALE[locale]),
    [locale],
    null,
  );
  const t = shellText(locale);
  const notice =
    reason === 'idle' ? t('lockedIdle') : reason === 'inactive' ? t('lockedInactive') : null;
  if (!staff) return null;
  return (
    <LockScreen locale={locale} staff={staff} lockout={lockout} attempt={attempt} notice={notice} />
  );
}
