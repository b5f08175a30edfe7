import { act, cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useIdleLock } from './idle-lock';

function Probe({
  minutes,
  active,
  onIdle,
}: {
  minutes: number;
  active: boolean;
  onIdle: () => void;
}) {
  useIdleLock(minutes, active, onIdle);
  return null;
}

describe('useIdleLock', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('locks after the idle time, and any touch or key starts the wait again', () => {
    const onIdle = vi.fn();
    render(<Probe minutes={1} active onIdle={onIdle} />);
    act(() => vi.advanceTimersByTime(50_000));
    fireEvent.pointerDown(window);
    act(() => vi.advanceTimersByTime(50_000));
    fireEvent.keyDown(window, { key: 'a' });
    act(() => vi.advanceTimersByTime(50_000));
    expect(onIdle).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(15_000));
    expect(onIdle).toHaveBeenCalled();
  });

  it('does nothing when set to never, or while the till is locked', () => {
    const onIdle = vi.fn();
    const { rerender } = render(<Probe minutes={0} active onIdle={onIdle} />);
    act(() => vi.advanceTimersByTime(3_600_000));
    rerender(<Probe minutes={1} active={false} onIdle={onIdle} />);
    act(() => vi.advanceTimersByTime(3_600_000));
    expect(onIdle).not.toHaveBeenCalled();
  });
});
