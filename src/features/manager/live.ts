import type { RealtimeChannel, SupabaseClient } from '@supabase/supabase-js';
import { tillsChannel } from '../../lib/presence';
import {
  fetchDevices,
  fetchDirectory,
  fetchFeed,
  fetchOpenAlerts,
  fetchSummary,
  type Shop,
} from './api';
import { debounce, feedRowFromRecord, inDay, readPresence, upsertFeed } from './model';
import { useDashboard } from './store';

/**
 * The dashboard's life outside React: the first load, Realtime postgres_changes on sales, refunds
 * and alerts (delivered only to those whose RLS lets them see the row), presence on the tenant's
 * tills channel, and debounced refreshes so a burst of synced sales costs one query, not one per
 * sale. A sale is shown from its change row at once; the RPCs then fill in the rest.
 */

const SUMMARY_DEBOUNCE_MS = 250;
const DEVICES_DEBOUNCE_MS = 1_000;
/** Catches the day rollover at midnight and anything a dropped socket missed. */
const RESYNC_MS = 60_000;

export interface DashboardSession {
  setOutlet(outletId: string | null): void;
  refreshAlerts(): void;
  stop(): void;
}

const state = () => useDashboard.getState();
const set = useDashboard.setState;

export function startDashboard(client: SupabaseClient, shop: Shop): DashboardSession {
  let stopped = false;

  const guard = async (work: () => Promise<void>) => {
    try {
      await work();
      if (!stopped) set({ loadError: false, updatedAt: Date.now() });
    } catch (err) {
      console.error('dashboard refresh failed', err);
      if (!stopped) set({ loadError: true });
    }
  };

  const loadFigures = () =>
    guard(async () => {
      const outletId = state().outletId;
      const [summary, feed] = await Promise.all([
        fetchSummary(client, outletId),
        fetchFeed(client, outletId),
      ]);
      // A filter changed while this was in flight: its own load will answer.
      if (!stopped && state().outletId === outletId) set({ summary, feed });
    });

  const loadDevices = () =>
    guard(async () => {
      const devices = await fetchDevices(client);
      const directory = await fetchDirectory(client, devices);
      if (!stopped) set({ devices, directory });
    });

  const loadAlerts = () =>
    guard(async () => {
      const alerts = await fetchOpenAlerts(client);
      if (!stopped) set({ alerts });
    });

  const refreshFigures = debounce(() => void loadFigures(), SUMMARY_DEBOUNCE_MS);
  const refreshDevices = debounce(() => void loadDevices(), DEVICES_DEBOUNCE_MS);
  const refreshAlerts = debounce(() => void loadAlerts(), SUMMARY_DEBOUNCE_MS);

  const loadAll = async () => {
    await loadDevices();
    await Promise.all([loadFigures(), loadAlerts()]);
  };

  const onSale = (record: Record<string, unknown>) => {
    const { directory, outletId, feed, summary } = state();
    if (directory && (outletId === null || record.outlet_id === outletId)) {
      const row = feedRowFromRecord(record, directory);
      // A backlog sale from an earlier day counts for that day, not in today's feed.
      if (row && (!summary || inDay(summary, row.completed_at))) {
        set({ feed: upsertFeed(feed, row) });
      }
    }
    refreshFigures();
    // The push that brought this sale also moved the till's last sync time.
    refreshDevices();
  };

  const filter = `tenant_id=eq.${shop.tenantId}`;
  let wasLive = false;
  const changes: RealtimeChannel = client
    .channel(`dashboard:${shop.tenantId}`)
    .on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'sales', filter }, (p) =>
      onSale(p.new),
    )
    .on('postgres_changes', { event: 'UPDATE', schema: 'public', table: 'sales', filter }, (p) =>
      onSale(p.new),
    )
    .on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'refunds', filter }, () =>
      refreshFigures(),
    )
    .on('postgres_changes', { event: '*', schema: 'public', table: 'alerts', filter }, () =>
      refreshAlerts(),
    );

  let presence: RealtimeChannel | null = null;
  const syncPresence = () => {
    if (!presence) return;
    const live = readPresence(presence.presenceState() as Record<string, unknown[]>);
    const lastSeen = new Map(state().lastSeen);
    for (const [id, entry] of live) lastSeen.set(id, entry);
    set({ presence: live, lastSeen });
  };

  void (async () => {
    await loadAll();
    if (stopped) return;
    // Private channels are authorized with the signed-in user's token.
    await client.realtime.setAuth();
    if (stopped) return;
    changes.subscribe((status) => {
      if (stopped) return;
      const live = status === 'SUBSCRIBED';
      set({ live });
      // Back after a drop: whatever changed meanwhile was not delivered, so read it again.
      if (live && wasLive) void loadAll();
      if (live) wasLive = true;
    });
    presence = client
      .channel(tillsChannel(shop.tenantId), { config: { private: true } })
      .on('presence', { event: 'sync' }, syncPresence)
      .on('presence', { event: 'join' }, syncPresence)
      .on('presence', { event: 'leave' }, syncPresence)
      .subscribe((status) => {
        if (stopped) return;
        if (status === 'SUBSCRIBED') set({ presenceAvailable: true });
        else if (status === 'CHANNEL_ERROR') set({ presenceAvailable: false });
      });
  })();

  const timer = setInterval(() => {
    void loadFigures();
    refreshDevices();
  }, RESYNC_MS);

  return {
    setOutlet(outletId) {
      set({ outletId, feed: [] });
      refreshFigures.cancel();
      void loadFigures();
    },
    refreshAlerts: () => void loadAlerts(),
    stop() {
      stopped = true;
      clearInterval(timer);
      refreshFigures.cancel();
      refreshDevices.cancel();
      refreshAlerts.cancel();
      void client.removeChannel(changes);
      if (presence) void client.removeChannel(presence);
    },
  };
}
