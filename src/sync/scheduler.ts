import type { SyncEngine, SyncOutcome } from './engine';

export interface SchedulerOptions {
  /** Between syncs when all is well: a pull for other tills' changes, a push of leftovers. */
  idleMs?: number;
  /** After a command, wait this long so a burst of commands goes in one batch. */
  debounceMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  now?: () => number;
  isOnline?: () => boolean;
  onOutcome?: (outcome: SyncOutcome) => void;
}

export interface Scheduler {
  /**
   * A command committed, the network came back, the page became visible, the live feed joined
   * or got a change it could not apply whole: sync soon.
   */
  kick(reason: 'command' | 'online' | 'visible' | 'manual' | 'live'): void;
  stop(): void;
}

/**
 * Decides when the engine runs. Triggers: after each command (debounced), `online` (back-off
 * forgotten), the page becoming visible, and a timer — at the idle pace when healthy, at the
 * back-off pace after failures, and not at all while the browser says it is offline (the
 * `online` event wakes it). One run at a time; a kick during a run schedules one more.
 */
export function createScheduler(engine: SyncEngine, o: SchedulerOptions = {}): Scheduler {
  const idleMs = o.idleMs ?? 30_000;
  const debounceMs = o.debounceMs ?? 150;
  const setTimer = o.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = o.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const isOnline = o.isOnline ?? (() => true);
  const now = o.now ?? Date.now;
  let timer: unknown;
  let dueAt = Infinity;
  let running = false;
  let again = false;
  let stopped = false;

  /**
   * Runs the engine in `ms`, unless a run is already due sooner: a command queued while a sync
   * was finishing keeps its short wait instead of giving way to the idle pace that follows.
   */
  function schedule(ms: number) {
    if (stopped) return;
    const at = now() + ms;
    if (timer !== undefined) {
      if (dueAt <= at) return;
      clearTimer(timer);
    }
    dueAt = at;
    timer = setTimer(() => {
      timer = undefined;
      dueAt = Infinity;
      void run();
    }, ms);
  }

  async function run() {
    if (running) {
      again = true;
      return;
    }
    if (!isOnline()) return; // the `online` event will kick us
    running = true;
    try {
      const outcome = await engine.sync();
      o.onOutcome?.(outcome);
      if (outcome.kind === 'needs-pairing') return;
      if (outcome.kind === 'ok' && outcome.push.more) again = true;
    } finally {
      running = false;
    }
    if (again) {
      again = false;
      schedule(0);
    } else {
      const backoff = engine.nextDelayMs();
      schedule(backoff > 0 ? backoff : idleMs);
    }
  }

  return {
    kick(reason) {
      if (reason === 'online' || reason === 'manual') engine.resetBackoff();
      // Commands and live changes come in bursts: one sync, soon after the first, serves them.
      schedule(reason === 'command' || reason === 'live' ? debounceMs : 0);
    },
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimer(timer);
    },
  };
}
