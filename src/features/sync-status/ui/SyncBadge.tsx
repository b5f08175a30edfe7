import { INTL_LOCALE, type Locale } from '../../../lib/i18n';
import type { SyncStatus } from '../../../sync/status';
import { syncText } from '../messages';
import { pendingAgeMs, STALE_PENDING_MS, syncHealth, type SyncHealth } from '../model';

export interface SyncBadgeProps {
  locale: Locale;
  online: boolean;
  status: SyncStatus | null;
  readAt: number;
  now: number;
  syncing: boolean;
  onOpen(): void;
}

const TONE: Record<SyncHealth, 'ok' | 'info' | 'warn' | 'danger'> = {
  'needs-pairing': 'danger',
  attention: 'danger',
  offline: 'warn',
  retrying: 'warn',
  pending: 'info',
  synced: 'ok',
  never: 'info',
};

/** Sync health in the header, always visible; it opens the details. */
export function SyncBadge({
  locale,
  online,
  status,
  readAt,
  now,
  syncing,
  onOpen,
}: SyncBadgeProps) {
  const t = syncText(locale);
  const health = syncHealth(status, online);
  const pending = status?.pending ?? 0;
  const count = new Intl.NumberFormat(INTL_LOCALE[locale]).format(
    health === 'attention' ? (status?.attention ?? 0) : pending,
  );
  const label =
    health === 'offline' && pending > 0
      ? t('health.offlinePending', { count })
      : t(`health.${health}`, { count });
  const age = pendingAgeMs(status, readAt, now);
  const tone =
    TONE[health] === 'info' && age !== null && age > STALE_PENDING_MS ? 'warn' : TONE[health];
  return (
    <button
      type="button"
      className={`sync-badge sync-badge-${tone}`}
      onClick={onOpen}
      aria-label={t('badgeLabel', { status: label })}
      data-testid="sync-badge"
      data-health={health}
    >
      <span className={syncing ? 'sync-dot sync-dot-busy' : 'sync-dot'} aria-hidden="true" />
      <span>{label}</span>
    </button>
  );
}
