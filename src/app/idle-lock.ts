import { useEffect } from 'react';

const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Calls `onIdle` once nobody has touched the till for `minutes` (0 = never). Activity is kept in
 * a plain variable, not in state: a tap must not re-render the app.
 */
export function useIdleLock(minutes: number, active: boolean, onIdle: () => void): void {
  useEffect(() => {
    if (!active || minutes <= 0) return;
    let last = Date.now();
    const touch = () => {
      last = Date.now();
    };
    ACTIVITY.forEach((e) => window.addEventListener(e, touch, { passive: true, capture: true }));
    const timer = setInterval(() => {
      if (Date.now() - last >= minutes * 60_000) onIdle();
    }, 5_000);
    return () => {
      clearInterval(timer);
      ACTIVITY.forEach((e) => window.removeEventListener(e, touch, { capture: true }));
    };
  }, [minutes, active, onIdle]);
}
