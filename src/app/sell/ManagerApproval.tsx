import { useCallback, useRef, useState, type ReactNode } from 'react';
import type { Permission, RequestApproval } from '../../features/sales/model';
import { salesText } from '../../features/sales/messages';
import { Dialog } from '../../features/sales/ui/Dialog';
import { attemptUnlock, type StaffMember } from '../../features/staff/model';
import { createPinVerifier } from '../../features/staff/pin-verifier';
import { loadStaff } from '../../features/staff/repo';
import { LockScreen } from '../../features/staff/ui/LockScreen';
import { INTL_LOCALE, type Locale } from '../../lib/i18n';
import { db } from '../db';
import { useLiveQuery } from '../live';
import { useAppStore } from '../store';

const checkPin = createPinVerifier();

interface Pending {
  permission: Permission;
  resolve(answer: { approverStaffId: string } | null): void;
}

/**
 * A manager approves on the spot with their PIN: the till offers the members who hold the
 * permission, checks the PIN as the lock screen does (wrong PINs count against the same
 * lockout), and answers with who approved. Nobody is unlocked by it.
 */
export function useManagerApproval(locale: Locale): {
  requestApproval: RequestApproval;
  approvalDialog: ReactNode;
} {
  const [pending, setPending] = useState<Pending | null>(null);
  const current = useRef<Pending | null>(null);

  const requestApproval = useCallback<RequestApproval>(
    ({ permission }) =>
      new Promise((resolve) => {
        current.current?.resolve(null);
        const next = { permission, resolve };
        current.current = next;
        setPending(next);
      }),
    [],
  );

  const finish = (answer: { approverStaffId: string } | null) => {
    current.current?.resolve(answer);
    current.current = null;
    setPending(null);
  };

  return {
    requestApproval,
    approvalDialog: pending && (
      <ApprovalDialog locale={locale} permission={pending.permission} onDone={finish} />
    ),
  };
}

function ApprovalDialog(props: {
  locale: Locale;
  permission: Permission;
  onDone(answer: { approverStaffId: string } | null): void;
}) {
  const { locale, permission, onDone } = props;
  const t = salesText(locale);
  const lockout = useAppStore((s) => s.pinLockout);
  const me = useAppStore((s) => s.unlockedStaff?.id);
  const staff = useLiveQuery(() => loadStaff(db, INTL_LOCALE[locale]), [locale], []);
  const approvers = staff.filter(
    (m) => m.active && m.id !== me && m.permissions.includes(permission),
  );

  async function attempt(member: StaffMember, pin: string) {
    const { pinLockout, setPinLockout } = useAppStore.getState();
    const result = await attemptUnlock(member, pin, pinLockout, Date.now(), checkPin);
    if (result.kind === 'wrong-pin') setPinLockout(result.lockout);
    if (result.kind === 'unlocked') onDone({ approverStaffId: member.id });
    return result;
  }

  const what = t(`perm.${permission}`);
  return (
    <Dialog title={t('approvalTitle')} onClose={() => onDone(null)} wide testId="approval-dialog">
      <LockScreen
        locale={locale}
        staff={approvers}
        lockout={lockout}
        attempt={attempt}
        notice={null}
        title={t('approvalHeading', { permission: what })}
        subtitle={t('approvalSubtitle')}
        emptyText={t('approvalNobody', { permission: what })}
      />
      <div className="dialog-actions">
        <button type="button" className="button-secondary" onClick={() => onDone(null)}>
          {t('cancel')}
        </button>
      </div>
    </Dialog>
  );
}
