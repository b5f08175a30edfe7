import type { PinCheck } from './model';
import type { PinAnswer, PinRequest } from './pin.worker';

/**
 * Checks PINs against bcrypt hashes in a Web Worker, started on first use and kept for the next
 * unlock. Where there is no Worker (tests in jsdom), bcryptjs runs in the calling thread.
 */
export function createPinVerifier(): PinCheck {
  if (typeof Worker === 'undefined') {
    return async (pin, hash) => (await import('bcryptjs')).compare(pin, hash);
  }
  let worker: Worker | undefined;
  let nextId = 0;
  const pending = new Map<number, (ok: boolean) => void>();

  function start(): Worker {
    const w = new Worker(new URL('./pin.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (event: MessageEvent<PinAnswer>) => {
      pending.get(event.data.id)?.(event.data.ok);
      pending.delete(event.data.id);
    };
    // A dead worker must not leave an unlock hanging: fail what is waiting and start afresh.
    w.onerror = () => {
      for (const done of pending.values()) done(false);
      pending.clear();
      worker = undefined;
    };
    return w;
  }

  return (pin, hash) =>
    new Promise<boolean>((resolve) => {
      worker ??= start();
      const id = nextId++;
      pending.set(id, resolve);
      worker.postMessage({ id, pin, hash } satisfies PinRequest);
    });
}
