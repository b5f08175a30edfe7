import { formatDateTime, INTL_LOCALE, type Locale } from '../../../lib/i18n';
import type { SyncStatus } from '../../../sync/status';
import { syncText } from '../messages';
import { formatAgo, lastSyncAt, pendingAgeMs } from '../model';

export interface SyncPanelProps {
  locale: Locale;
  online: boolean;
  status: SyncStatus | null;
  readAt: number;
  now: number;
  syncing: boolean;
  onSyncNow(): void;
  onRepair(): void;
  timeZone?: string | undefined;
}

/** The figures behind the badge: network, what waits, since when, the last sync and error. */
export function SyncPanel({
  locale,
  online,
  status,
  readAt,
  now,
  syncing,
  onSyncNow,
  onRepair,
  timeZone,
}: SyncPanelProps) {
  const t = syncText(locale);
  const intl = INTL_LOCALE[locale];
  const last = lastSyncAt(status);
  const age = pendingAgeMs(status, readAt, now);
  return (
    <section className="card" aria-labelledby="sync-panel-title" data-testid="sync-panel">
      <h2 id="sync-panel-title">{t('title')}</h2>
      {status?.needsPairing && (
        <div className="banner banner-danger" role="alert">
          <p>{t('needsPairing')}</p>
          <button type="button" onClick={onRepair}>
            {t('repair')}
          </button>
        </div>
      )}
      <dl className="facts">
        <dt>{t('network')}</dt>
        <dd data-testid="sync-network">{online ? t('online') : t('offline')}</dd>
        <dt>{t('pending')}</dt>
        <dd data-testid="sync-pending">
          {new Intl.NumberFormat(intl).format(status?.pending ?? 0)}
        </dd>
        <dt>{t('oldest')}</dt>
        <dd>{age === null ? t('none') : formatAgo(age, intl)}</dd>
        <dt>{t('lastSync')}</dt>
        <dd>
          {last ? (
            <time dateTime={last} title={formatDateTime(last, locale, timeZone)}>
              {formatAgo(now - Date.parse(last), intl)}
            </time>
          ) : (
            t('never')
          )}
        </dd>
        {status?.lastError && (
          <>
            <dt>{t('lastError')}</dt>
            <dd className="mono">{status.lastError}</dd>
          </>
        )}
      </dl>
      {!online && <p className="notice">{t('offlineHint')}</p>}
      <button
        type="button"
        onClick={onSyncNow}
        disabled={!online || syncing || !!status?.needsPairing}
      >
        {syncing ? t('syncing') : t('syncNow')}
      </button>
    </section>
  );
}
