import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { TillContext } from '../data/till';
import { db } from './db';
import { useAppStore, type AppState } from './store';

function parts(s: AppState) {
  return {
    device: s.device,
    staffId: s.unlockedStaff?.id ?? null,
    settings: s.till?.settings ?? null,
    catalogVersion: s.catalogVersion,
    shiftId: s.openShift?.id ?? null,
  };
}

function build(p: ReturnType<typeof parts>): TillContext | null {
  if (!p.device || !p.staffId || !p.settings) return null;
  return {
    db,
    device: p.device,
    staffId: p.staffId,
    settings: p.settings,
    catalogVersion: p.catalogVersion,
    shiftId: p.shiftId,
  };
}

/**
 * What a till command needs, or null while the till cannot sell (not paired, not yet synced, or
 * locked). Stable between renders while nothing in it changes.
 */
export function useTillContext(): TillContext | null {
  const p = useAppStore(useShallow(parts));
  return useMemo(() => build(p), [p]);
}

/** The same outside React (event handlers that run after an await, tests). */
export function getTillContext(): TillContext | null {
  return build(parts(useAppStore.getState()));
}
