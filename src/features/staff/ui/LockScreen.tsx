import { useEffect, useId, useState } from 'react';
import type { Locale } from '../../../lib/i18n';
import { staffText } from '../messages';
import {
  FREE_ATTEMPTS,
  lockoutRemainingMs,
  type PinLockout,
  type StaffMember,
  type UnlockResult,
} from '../model';
import { PinPad } from './PinPad';

export interface LockScreenProps {
  locale: Locale;
  staff: readonly StaffMember[];
  lockout: PinLockout;
  /** Verifies the PIN and, on success, unlocks the till (the caller owns the store). */
  attempt(staff: StaffMember, pin: string): Promise<UnlockResult>;
  /** Shown above the tiles, e.g. why the till was locked. */
  notice?: string | null;
  /** Another use of the pad (a manager approving) names its own purpose. */
  title?: string;
  subtitle?: string;
  /** What to say when nobody can be picked. */
  emptyText?: string;
}

/**
 * m:ss, the same in both languages. The clock behind it may be up to a second old, so whole
 * seconds are rounded down, never below 0:01 while the pad is still locked.
 */
function countdown(ms: number): string {
  const total = Math.max(1, Math.floor(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/** The time, a second late at most: enough for a countdown, cheap enough to leave running. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function LockScreen(props: LockScreenProps) {
  const { locale, staff, lockout, attempt, notice } = props;
  const titleId = useId();
  const t = staffText(locale);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const remaining = lockoutRemainingMs(lockout, useNow());
  const selected = staff.find((s) => s.id === selectedId) ?? null;

  async function submit(pin: string) {
    if (!selected) return;
    setChecking(true);
    setMessage(null);
    try {
      const result = await attempt(selected, pin);
      if (result.kind === 'wrong-pin') {
        const left = FREE_ATTEMPTS - result.lockout.failures;
        setMessage(
          left > 0 && left < FREE_ATTEMPTS ? t('wrongPinLeft', { count: left }) : t('wrongPin'),
        );
      } else if (result.kind === 'inactive') {
        setMessage(t('inactive', { name: selected.name }));
      } else if (result.kind === 'no-pin') {
        setMessage(t('noPin', { name: selected.name }));
      }
    } finally {
      setChecking(false);
    }
  }

  const status = remaining > 0 ? t('lockedOut', { time: countdown(remaining) }) : message;

  return (
    <section className="lock-screen" aria-labelledby={titleId} data-testid="lock-screen">
      <h2 id={titleId}>
        {selected ? t('pinFor', { name: selected.name }) : (props.title ?? t('title'))}
      </h2>
      {notice && <p className="notice">{notice}</p>}
      {!selected && (
        <>
          <p className="muted">{props.subtitle ?? t('subtitle')}</p>
          {staff.length === 0 ? (
            <p className="notice">{props.emptyText ?? t('noStaff')}</p>
          ) : (
            <ul className="staff-tiles">
              {staff.map((s) => (
                <li key={s.id}>
                  <button
                    type="button"
                    className={s.active ? 'staff-tile' : 'staff-tile staff-tile-inactive'}
                    onClick={() => {
                      setSelectedId(s.id);
                      setMessage(s.active ? null : t('inactive', { name: s.name }));
                    }}
                  >
                    <span className="staff-initial" aria-hidden="true">
                      {s.name.trim().charAt(0).toUpperCase()}
                    </span>
                    <span className="staff-name">{s.name}</span>
                    <span className="staff-role">{s.active ? s.roleName : t('inactiveBadge')}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {selected && (
        <div className="lock-pin">
          <p
            className={status ? 'lock-message lock-message-error' : 'lock-message'}
            role="alert"
            data-testid="lock-message"
          >
            {checking ? t('checking') : (status ?? ' ')}
          </p>
          <PinPad
            locale={locale}
            disabled={checking || remaining > 0}
            onSubmit={(pin) => void submit(pin)}
            onCancel={() => setSelectedId(null)}
          />
          <button type="button" className="button-link" onClick={() => setSelectedId(null)}>
            {t('back')}
          </button>
        </div>
      )}
    </section>
  );
}
