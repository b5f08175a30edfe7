import { create } from 'zustand';
import type { TillPresence } from '../../lib/presence';
import type { AlertRow, DeviceRow, Directory, FeedRow, Summary } from './model';

/**
 * What the dashboard shows. It is kept apart from the till's store on purpose: the dashboard runs
 * under another identity (the manager's session), in browsers that may not be tills at all, and
 * none of it may outlive a sign-out or leak into a till's state.
 */
export interface DashboardState {
  outletId: string | null;
  summary: Summary | null;
  feed: FeedRow[];
  devices: DeviceRow[];
  directory: Directory | null;
  alerts: AlertRow[];
  /** Tills on the presence channel now. */
  presence: ReadonlyMap<string, TillPresence>;
  /** The last entry of every till seen since the dashboard opened, including ones that left. */
  lastSeen: ReadonlyMap<string, TillPresence>;
  /** The database change feed is subscribed. */
  live: boolean;
  /** Null until the presence channel answers; false when it refused the join. */
  presenceAvailable: boolean | null;
  loadError: boolean;
  updatedAt: number | null;
}

export const EMPTY_DASHBOARD: DashboardState = {
  outletId: null,
  summary: null,
  feed: [],
  devices: [],
  directory: null,
  alerts: [],
  presence: new Map(),
  lastSeen: new Map(),
  live: false,
  presenceAvailable: null,
  loadError: false,
  updatedAt: null,
};

export const useDashboard = create<DashboardState>(() => EMPTY_DASHBOARD);

export function resetDashboard(): void {
  useDashboard.setState(EMPTY_DASHBOARD, true);
}
