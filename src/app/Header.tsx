import { useShallow } from 'zustand/react/shallow';
import { SyncBadge } from '../features/sync-status/ui/SyncBadge';
import { shellText } from './messages';
import { navigate } from './router';
import { useAppStore } from './store';
import { useNow } from './use-now';
import { useOnline } from './useOnline';

export function Header() {
  const online = useOnline();
  const now = useNow(30_000);
  const s = useAppStore(
    useShallow((state) => ({
      locale: state.locale,
      setLocale: state.setLocale,
      paired: state.pairing === 'paired',
      till: state.till,
      staff: state.unlockedStaff,
      lock: state.lock,
      status: state.syncStatus,
      readAt: state.syncStatusReadAt,
      syncing: state.syncing,
    })),
  );
  const t = shellText(s.locale);
  return (
    <header className="shell-header">
      <div className="brand">
        <img src="/favicon.svg" alt="" width={32} height={32} />
        <h1>Lapak</h1>
        {s.till && (
          <span className="till-name" data-testid="till-name">
            {s.till.outletName} · {s.till.tillName}
          </span>
        )}
      </div>
      <div className="header-tools">
        <span
          className={online ? 'status status-online' : 'status status-offline'}
          data-testid="network-status"
        >
          {online ? t('online') : t('offline')}
        </span>
        {s.paired && (
          <SyncBadge
            locale={s.locale}
            online={online}
            status={s.status}
            readAt={s.readAt}
            now={now}
            syncing={s.syncing}
            onOpen={() => navigate('/sync')}
          />
        )}
        <button
          type="button"
          className="button-secondary button-small"
          onClick={() => s.setLocale(s.locale === 'id' ? 'en' : 'id')}
          aria-label={t('switchLanguage')}
          lang={s.locale === 'id' ? 'en' : 'id'}
          data-testid="locale-switch"
        >
          {t('switchLanguageShort')}
        </button>
        {s.staff && (
          <>
            <span className="staff-chip" data-testid="staff-chip">
              {t('staffChip', { name: s.staff.name })}
            </span>
            <button
              type="button"
              className="button-secondary button-small"
              onClick={() => s.lock()}
              data-testid="lock-button"
              title={t('switchCashier')}
            >
              {t('lock')}
            </button>
          </>
        )}
      </div>
    </header>
  );
}
