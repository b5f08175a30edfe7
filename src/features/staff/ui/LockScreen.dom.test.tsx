import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { hashSync } from 'bcryptjs';
import { useRef, useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  attemptUnlock,
  FIRST_LOCKOUT_MS,
  NO_LOCKOUT,
  type PinCheck,
  type PinLockout,
  type StaffMember,
} from '../model';
import { createPinVerifier } from '../pin-verifier';
import { LockScreen } from './LockScreen';

const staff: StaffMember[] = [
  {
    id: 'ani',
    name: 'Ani',
    active: true,
    roleName: 'Kasir',
    permissions: [],
    pinHash: 'h:3333',
  },
  {
    id: 'rudi',
    name: 'Rudi',
    active: false,
    roleName: 'Kasir',
    permissions: [],
    pinHash: 'h:4444',
  },
];
const fakeCheck: PinCheck = async (pin, hash) => hash === `h:${pin}`;

/** The lock screen wired as the app wires it: lockout kept by the caller, attempts recorded. */
function Harness({ check, members = staff }: { check: PinCheck; members?: StaffMember[] }) {
  const [lockout, setLockout] = useState<PinLockout>(NO_LOCKOUT);
  const [unlocked, setUnlocked] = useState<string | null>(null);
  const current = useRef(lockout);
  if (unlocked) return <p>unlocked {unlocked}</p>;
  return (
    <LockScreen
      locale="id"
      staff={members}
      lockout={lockout}
      attempt={async (member, pin) => {
        const result = await attemptUnlock(member, pin, current.current, Date.now(), check);
        if (result.kind === 'wrong-pin') setLockout((current.current = result.lockout));
        if (result.kind === 'unlocked') setUnlocked(result.staff.name);
        return result;
      }}
    />
  );
}

async function typePin(pin: string) {
  for (const key of pin) fireEvent.keyDown(window, { key });
  await act(async () => {
    fireEvent.keyDown(window, { key: 'Enter' });
  });
}

const message = () => screen.getByTestId('lock-message').textContent;
const digit = (d: string) => screen.getByRole<HTMLButtonElement>('button', { name: d });

describe('LockScreen', () => {
  beforeEach(() => vi.useFakeTimers({ now: new Date('2025-06-01T08:00:00Z') }));
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('locks the pad after three wrong PINs, for 30 s, then doubles the wait', async () => {
    render(<Harness check={fakeCheck} />);
    fireEvent.click(screen.getByRole('button', { name: /^Ani/ }));

    await typePin('1234');
    expect(message()).toBe('PIN salah. 2 percobaan lagi sebelum kasir dikunci sementara.');
    await typePin('1235');
    await typePin('1236');
    expect(message()).toBe('Terlalu banyak PIN salah. Coba lagi dalam 0:30.');
    expect(digit('3').disabled).toBe(true);

    // Typing during the lockout goes nowhere, even the right PIN.
    await typePin('3333');
    expect(screen.queryByText('unlocked Ani')).toBeNull();

    await act(async () => vi.advanceTimersByTime(FIRST_LOCKOUT_MS - 1_000));
    expect(message()).toBe('Terlalu banyak PIN salah. Coba lagi dalam 0:01.');
    expect(digit('3').disabled).toBe(true);
    await act(async () => vi.advanceTimersByTime(1_500));
    expect(digit('3').disabled).toBe(false);

    await typePin('9999');
    expect(message()).toBe('Terlalu banyak PIN salah. Coba lagi dalam 1:00.');
    await act(async () => vi.advanceTimersByTime(2 * FIRST_LOCKOUT_MS + 1_000));

    await typePin('3333');
    expect(screen.getByText('unlocked Ani')).toBeTruthy();
  });

  it('works with the on-screen keys too, and erases a digit', async () => {
    render(<Harness check={fakeCheck} />);
    fireEvent.click(screen.getByRole('button', { name: /^Ani/ }));
    for (const d of '33334') fireEvent.click(digit(d));
    fireEvent.click(screen.getByRole('button', { name: 'Hapus satu digit' }));
    expect(screen.getByRole('status').getAttribute('aria-label')).toBe('4 digit dimasukkan');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Masuk' }));
    });
    expect(screen.getByText('unlocked Ani')).toBeTruthy();
  });

  it('refuses an inactive member with a clear message', async () => {
    render(<Harness check={fakeCheck} />);
    fireEvent.click(screen.getByRole('button', { name: /^Rudi/ }));
    expect(message()).toBe('Rudi sudah dinonaktifkan. Minta manajer mengaktifkan kembali.');
    await typePin('4444');
    expect(message()).toBe('Rudi sudah dinonaktifkan. Minta manajer mengaktifkan kembali.');
    expect(screen.queryByText('unlocked Rudi')).toBeNull();
  });

  it('verifies real bcrypt hashes (the worker falls back to the page where there is none)', async () => {
    vi.useRealTimers();
    const members = [{ ...staff[0]!, pinHash: hashSync('2580', 4) }];
    render(<Harness check={createPinVerifier()} members={members} />);
    fireEvent.click(screen.getByRole('button', { name: /^Ani/ }));
    await typePin('2580');
    await vi.waitFor(() => expect(screen.getByText('unlocked Ani')).toBeTruthy());
  });
});
