import { useState } from 'react';
import type { TillContext } from '../../data/till';
import { closeShift, moveCash, openShift, type ClosedShift } from '../../features/shifts/commands';
import { shiftErrorText, shiftText } from '../../features/shifts/messages';
import type { CashMoveKind } from '../../features/shifts/model';
import { shiftMovements } from '../../features/shifts/repo';
import { CashMoveForm } from '../../features/shifts/ui/CashMoveForm';
import { CloseShiftForm } from '../../features/shifts/ui/CloseShiftForm';
import { OpenShiftForm } from '../../features/shifts/ui/OpenShiftForm';
import { ShiftCloseResult } from '../../features/shifts/ui/ShiftCloseResult';
import { ShiftSummary } from '../../features/shifts/ui/ShiftSummary';
import { findStaff } from '../../features/staff/repo';
import { may } from '../../features/staff/slice';
import { INTL_LOCALE } from '../../lib/i18n';
import { isDomainError } from '../../lib/errors';
import { formatMoney } from '../../lib/money';
import { db } from '../db';
import { useLiveQuery } from '../live';
import { useAppStore } from '../store';
import { getTillContext } from '../till-context';

type Action = 'open' | 'move' | 'close';

const PERMISSION: Record<Action, string> = {
  open: 'shift.manage',
  move: 'cash.drawer',
  close: 'shift.manage',
};

export function ShiftScreen() {
  const locale = useAppStore((s) => s.locale);
  const shift = useAppStore((s) => s.openShift);
  const staff = useAppStore((s) => s.unlockedStaff);
  const currency = useAppStore((s) => s.till?.settings.currency ?? 'IDR');
  const timeZone = useAppStore((s) => s.till?.timezone);
  const t = shiftText(locale);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ action: Action; text: string } | null>(null);
  const [moveMessage, setMoveMessage] = useState<string | null>(null);
  const [closed, setClosed] = useState<ClosedShift | null>(null);
  const movements = useLiveQuery(
    () => (shift ? shiftMovements(db, shift.id) : Promise.resolve([])),
    [shift?.id],
    [],
  );
  const openedBy = useLiveQuery(
    async () => (shift ? ((await findStaff(db, shift.openedBy))?.name ?? '') : ''),
    [shift?.openedBy],
    '',
  );

  /** Runs a command with the till context of this moment; a refusal becomes words. */
  async function run<T>(action: Action, command: (ctx: TillContext) => Promise<T>) {
    const ctx = getTillContext();
    if (!ctx) return null;
    if (!may(staff, PERMISSION[action])) {
      setError({ action, text: t('noPermission', { name: staff?.name ?? '' }) });
      return null;
    }
    setBusy(true);
    setError(null);
    try {
      return await command(ctx);
    } catch (err) {
      const text = isDomainError(err) ? shiftErrorText(locale, err.code) : String(err);
      setError({ action, text });
      return null;
    } finally {
      setBusy(false);
    }
  }

  const errorFor = (action: Action) => (error?.action === action ? error.text : null);
  const money = (amount: number) => formatMoney(amount, currency, INTL_LOCALE[locale]);

  if (closed) {
    return (
      <ShiftCloseResult
        locale={locale}
        currency={currency}
        countedCash={closed.countedCash}
        expectedCash={closed.expectedCash}
        variance={closed.variance}
        onDone={() => setClosed(null)}
      />
    );
  }

  if (!shift) {
    return (
      <OpenShiftForm
        locale={locale}
        currency={currency}
        busy={busy}
        error={errorFor('open')}
        onOpen={(openingFloat) => void run('open', (ctx) => openShift(ctx, { openingFloat }))}
      />
    );
  }

  async function recordMove(move: { kind: CashMoveKind; amount: number; reason: string }) {
    setMoveMessage(null);
    const done = await run('move', (ctx) => moveCash(ctx, move));
    if (done) {
      setMoveMessage(
        t('recorded', {
          kind: move.kind === 'in' ? t('moveIn') : t('moveOut'),
          amount: money(move.amount),
        }),
      );
    }
    return done !== null;
  }

  return (
    <div className="stack">
      <ShiftSummary
        locale={locale}
        currency={currency}
        shift={shift}
        openedByName={openedBy}
        movements={movements}
        timeZone={timeZone}
      />
      <div className="columns">
        <CashMoveForm
          locale={locale}
          currency={currency}
          busy={busy}
          message={errorFor('move') ?? moveMessage}
          onSubmit={recordMove}
        />
        <CloseShiftForm
          locale={locale}
          currency={currency}
          busy={busy}
          error={errorFor('close')}
          onClose={(countedCash, note) =>
            void run('close', (ctx) => closeShift(ctx, { countedCash, note })).then(
              (result) => result && setClosed(result),
            )
          }
        />
      </div>
    </div>
  );
}
