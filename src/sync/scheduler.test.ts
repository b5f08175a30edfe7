import { describe, expect, it } from 'vitest';
import type { SyncEngine, SyncOutcome } from './engine';
import { createScheduler } from './scheduler';

function fakeTimers() {
  const timers = new Map<number, { fn: () => void; at: number }>();
  let now = 0;
  let next = 1;
  return {
    setTimer: (fn: () => void, ms: number) => {
      timers.set(next, { fn, at: now + ms });
      return next++;
    },
    clearTimer: (h: unknown) => void timers.delete(h as number),
    now: () => now,
    pending: () => [...timers.values()].map((t) => t.at - now),
    async advance(ms: number) {
      now += ms;
      for (const [id, t] of [...timers]) {
        if (t.at <= now) {
          timers.delete(id);
          t.fn();
        }
      }
      await new Promise((r) => setTimeout(r, 0));
    },
  };
}

function engineStub(outcomes: SyncOutcome[], delayMs = () => 0) {
  let calls = 0;
  let resets = 0;
  const engine: SyncEngine = {
    sync: async () => {
      calls++;
      return (
        outcomes.shift() ?? {
          kind: 'ok',
          push: { sent: 0, done: 0, retried: 0, rejected: 0, more: false },
          pulled: 0,
        }
      );
    },
    resetBackoff: () => void resets++,
    nextDelayMs: delayMs,
  };
  return { engine, calls: () => calls, resets: () => resets };
}

describe('sync scheduler', () => {
  it('debounces a burst of commands into one sync, then idles', async () => {
    const t = fakeTimers();
    const e = engineStub([]);
    const s = createScheduler(e.engine, { ...t, debounceMs: 100, idleMs: 30_000 });
    s.kick('command');
    s.kick('command');
    s.kick('command');
    await t.advance(100);
    expect(e.calls()).toBe(1);
    expect(t.pending()).toEqual([30_000]);
  });

  it('syncs a command queued while a sync is finishing after the debounce, not the idle wait', async () => {
    const t = fakeTimers();
    let finish = () => {};
    let calls = 0;
    const engine: SyncEngine = {
      sync: () => {
        calls++;
        return new Promise<SyncOutcome>((resolve) => {
          finish = () =>
            resolve({
              kind: 'ok',
              push: { sent: 1, done: 1, retried: 0, rejected: 0, more: false },
              pulled: 0,
            });
        });
      },
      resetBackoff: () => {},
      nextDelayMs: () => 0,
    };
    const s = createScheduler(engine, { ...t, debounceMs: 150, idleMs: 30_000 });
    s.kick('command');
    await t.advance(150);
    expect(calls).toBe(1);
    // The cashier closes the shift while that push is under way; the push then ends.
    await t.advance(50);
    s.kick('command');
    finish();
    await t.advance(0);
    expect(t.pending()).toEqual([150]);
    await t.advance(150);
    expect(calls).toBe(2);
    finish();
    await t.advance(0);
    expect(t.pending()).toEqual([30_000]);
  });

  it('follows the engine back-off after a failure and resets it when the network returns', async () => {
    const t = fakeTimers();
    let backoff = 4_000;
    const e = engineStub(
      [{ kind: 'failed', error: 'Failed to fetch', retryInMs: 4_000 }],
      () => backoff,
    );
    const s = createScheduler(e.engine, { ...t, idleMs: 30_000 });
    s.kick('visible');
    await t.advance(0);
    expect(t.pending()).toEqual([4_000]);
    backoff = 0;
    s.kick('online');
    expect(e.resets()).toBe(1);
    await t.advance(0);
    expect(e.calls()).toBe(2);
  });

  it('does not poll while the browser is offline', async () => {
    const t = fakeTimers();
    const e = engineStub([]);
    const s = createScheduler(e.engine, { ...t, isOnline: () => false });
    s.kick('command');
    await t.advance(1_000);
    expect(e.calls()).toBe(0);
    expect(t.pending()).toEqual([]);
  });

  it('stops for good when the till needs pairing', async () => {
    const t = fakeTimers();
    const e = engineStub([{ kind: 'needs-pairing' }]);
    const s = createScheduler(e.engine, t);
    s.kick('manual');
    await t.advance(0);
    expect(t.pending()).toEqual([]);
  });
});
