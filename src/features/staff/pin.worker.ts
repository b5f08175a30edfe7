/// <reference lib="webworker" />
import { compare } from 'bcryptjs';

declare const self: DedicatedWorkerGlobalScope;

export interface PinRequest {
  id: number;
  pin: string;
  hash: string;
}

export interface PinAnswer {
  id: number;
  ok: boolean;
}

// bcrypt at cost 10 takes a noticeable moment on a cheap tablet: off the main thread, the PIN
// pad keeps answering taps while it runs.
self.onmessage = (event: MessageEvent<PinRequest>) => {
  const { id, pin, hash } = event.data;
  compare(pin, hash).then(
    (ok) => self.postMessage({ id, ok } satisfies PinAnswer),
    () => self.postMessage({ id, ok: false } satisfies PinAnswer),
  );
};
