import { useEffect, useRef } from 'react';

/**
 * Keyboard-wedge scanners type a code far faster than a person: a few milliseconds per key,
 * where the quickest typist needs 80 ms or more. A busy tablet can still hold one key back
 * for a while, so the test is the average pace of the burst with a looser cap on any one gap.
 */
const MAX_AVERAGE_GAP_MS = 35;
const MAX_GAP_MS = 150;
const MIN_LENGTH = 6;
const MAX_LENGTH = 64;

interface Key {
  char: string;
  at: number;
  /** The text field the key went to, and what it held before, to undo the typing. */
  field: HTMLInputElement | HTMLTextAreaElement | null;
  before: string;
}

function restore(field: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  // Set through the prototype's setter so React's controlled input sees the change.
  const proto = field instanceof HTMLTextAreaElement ? HTMLTextAreaElement : HTMLInputElement;
  Object.getOwnPropertyDescriptor(proto.prototype, 'value')?.set?.call(field, value);
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

/** The scan that ends the buffer, if its keys came at a scanner's pace. */
export function burstAtEnd<K extends { at: number }>(keys: readonly K[], enterAt: number): K[] {
  let start = keys.length;
  let last = enterAt;
  while (start > 0 && last - keys[start - 1]!.at <= MAX_GAP_MS) {
    start--;
    last = keys[start]!.at;
  }
  // Drop slow keys at the front (a person's typing just before the scan) until the pace fits.
  for (; keys.length - start >= MIN_LENGTH; start++) {
    const span = enterAt - keys[start]!.at;
    if (span / (keys.length - start) <= MAX_AVERAGE_GAP_MS) return keys.slice(start);
  }
  return [];
}

/**
 * Hears a barcode scanner that acts as a keyboard wherever focus is: a burst of at least six
 * keys at a scanner's pace, ended by Enter, is a scan. Its characters are taken back out of
 * whatever text field they landed in, and its Enter never reaches the page.
 */
export function useBarcodeWedge(onScan: (code: string) => void, enabled = true): void {
  const handler = useRef(onScan);
  useEffect(() => {
    handler.current = onScan;
  });

  useEffect(() => {
    if (!enabled) return;
    let keys: Key[] = [];
    function onKeyDown(event: KeyboardEvent) {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const at = event.timeStamp || performance.now();
      if (event.key === 'Enter') {
        const burst = burstAtEnd(keys, at);
        keys = [];
        if (burst.length === 0) return;
        event.preventDefault();
        event.stopPropagation();
        const first = burst[0]!;
        if (first.field) restore(first.field, first.before);
        handler.current(burst.map((k) => k.char).join(''));
        return;
      }
      if (event.key.length !== 1) {
        keys = [];
        return;
      }
      const target = event.target;
      const field =
        target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement ? target : null;
      keys.push({ char: event.key, at, field, before: field?.value ?? '' });
      if (keys.length > MAX_LENGTH) keys.shift();
    }
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [enabled]);
}
