import { AttentionList } from '../../features/sync-status/ui/AttentionList';
import { SyncPanel } from '../../features/sync-status/ui/SyncPanel';
import { db } from '../db';
import { useLiveQuery } from '../live';
import { syncNow } from '../runtime';
import { useAppStore } from '../store';
import { useNow } from '../use-now';
import { useOnline } from '../useOnline';

export function SyncScreen() {
  const locale = useAppStore((s) => s.locale);
  const status = useAppStore((s) => s.syncStatus);
  const readAt = useAppStore((s) => s.syncStatusReadAt);
  const syncing = useAppStore((s) => s.syncing);
  const timeZone = useAppStore((s) => s.till?.timezone);
  const online = useOnline();
  const now = useNow(10_000);
  const attention = useLiveQuery(
    () => db.attention.orderBy('rejectedAt').reverse().toArray(),
    [],
    [],
  );
  return (
    <div className="stack">
      <SyncPanel
        locale={locale}
        online={online}
        status={status}
        readAt={readAt}
        now={now}
        syncing={syncing}
        onSyncNow={syncNow}
        onRepair={() => useAppStore.getState().setRepairing(true)}
        timeZone={timeZone}
      />
      <AttentionList locale={locale} entries={attention} timeZone={timeZone} />
    </div>
  );
}
