import type { SupabaseClient } from '@supabase/supabase-js';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Locale } from '../../../lib/i18n';
import {
  createManagerClient,
  fetchAlertDetail,
  isManagerAccessError,
  loadShop,
  resolveAlert,
  signInManager,
  type ManagerErrorCode,
  type Shop,
} from '../api';
import { startDashboard, type DashboardSession } from '../live';
import { managerText, type ManagerMessage } from '../messages';
import { mergeFleet } from '../model';
import { resetDashboard, useDashboard } from '../store';
import { AlertsInbox } from './AlertsInbox';
import { Breakdowns } from './Breakdowns';
import { Fleet } from './Fleet';
import { shopFormats } from './format';
import { HourlyChart } from './HourlyChart';
import { KpiPanel, OutletTable } from './KpiPanel';
import { SalesFeed } from './SalesFeed';
import { SignInForm } from './SignInForm';
import './manager.css';

export interface ManagerDashboardProps {
  config: { url: string; anonKey: string };
  locale: Locale;
}

const ERROR_TEXT: Record<ManagerErrorCode, ManagerMessage> = {
  bad_credentials: 'badCredentials',
  not_manager: 'notManager',
  no_shop: 'noShop',
  network: 'networkError',
};

function errorKey(err: unknown): ManagerMessage {
  return isManagerAccessError(err) ? ERROR_TEXT[err.code] : 'networkError';
}

/** The manager's sign-in and, once signed in, the live dashboard. */
export function ManagerDashboard({ config, locale }: ManagerDashboardProps) {
  const t = managerText(locale);
  const [client] = useState(() => createManagerClient(config));
  const [shop, setShop] = useState<Shop | null>(null);
  const [checking, setChecking] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ManagerMessage | null>(null);

  useEffect(() => {
    let current = true;
    loadShop(client).then(
      (s) => {
        if (!current) return;
        setShop(s);
        setChecking(false);
      },
      (err: unknown) => {
        if (!current) return;
        setError(errorKey(err));
        setChecking(false);
      },
    );
    return () => {
      current = false;
    };
  }, [client]);

  const signIn = async (email: string, password: string) => {
    setBusy(true);
    setError(null);
    try {
      setShop(await signInManager(client, email, password));
    } catch (err) {
      setError(errorKey(err));
    } finally {
      setBusy(false);
    }
  };

  const signOut = async () => {
    await client.auth.signOut({ scope: 'local' });
    resetDashboard();
    setShop(null);
  };

  if (checking) return <p className="muted">{t('loading')}</p>;
  if (!shop) {
    return (
      <div className="manager-gate">
        <SignInForm
          locale={locale}
          busy={busy}
          error={error && t(error)}
          onSubmit={(e, p) => void signIn(e, p)}
        />
      </div>
    );
  }
  return <Dashboard client={client} shop={shop} locale={locale} onSignOut={() => void signOut()} />;
}

function useTick(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

interface DashboardProps {
  client: SupabaseClient;
  shop: Shop;
  locale: Locale;
  onSignOut(): void;
}

function Dashboard({ client, shop, locale, onSignOut }: DashboardProps) {
  const t = managerText(locale);
  const f = useMemo(() => shopFormats(locale, shop), [locale, shop]);
  const session = useRef<DashboardSession | null>(null);
  const now = useTick(10_000);
  const s = useDashboard();

  useEffect(() => {
    const started = startDashboard(client, shop);
    session.current = started;
    return () => {
      started.stop();
      resetDashboard();
    };
  }, [client, shop]);

  const fleet = useMemo(
    () => mergeFleet(s.devices, s.presence, s.lastSeen),
    [s.devices, s.presence, s.lastSeen],
  );
  const loadDetail = useCallback((id: string) => fetchAlertDetail(client, id), [client]);
  const resolve = useCallback(
    async (id: string, note: string) => {
      await resolveAlert(client, id, note);
      session.current?.refreshAlerts();
    },
    [client],
  );

  const outlets = s.directory?.outlets ?? new Map<string, { code: string; name: string }>();
  return (
    <div className="dashboard" data-testid="manager-dashboard">
      <div className="dash-bar">
        <div>
          <h2 className="dash-title">{shop.name}</h2>
          <p className="muted dash-sub">
            {s.summary ? t('today', { date: f.date(s.summary.day) }) : t('loading')}
          </p>
        </div>
        <div className="dash-tools">
          <span
            className={s.live ? 'pill pill-ok' : 'pill pill-warn'}
            role="status"
            data-testid="dash-live"
          >
            <span className={s.live ? 'dot dot-online' : 'dot dot-offline'} aria-hidden="true" />
            {s.live ? t('liveOn') : t('liveOff')}
          </span>
          <label className="dash-filter">
            <span>{t('outletFilter')}</span>
            <select
              value={s.outletId ?? ''}
              onChange={(e) => session.current?.setOutlet(e.target.value || null)}
              data-testid="outlet-filter"
            >
              <option value="">{t('allOutlets')}</option>
              {[...outlets].map(([id, o]) => (
                <option key={id} value={id}>
                  {o.name} ({o.code})
                </option>
              ))}
            </select>
          </label>
          <span className="muted dash-user">{t('signedInAs', { email: shop.email })}</span>
          <button type="button" className="button-secondary button-small" onClick={onSignOut}>
            {t('signOut')}
          </button>
        </div>
      </div>
      {s.loadError && (
        <p className="banner banner-warn" role="alert">
          {t('loadError')}
        </p>
      )}
      {s.summary ? (
        <>
          <KpiPanel summary={s.summary} f={f} />
          <div className="dash-grid">
            <div className="dash-col">
              <HourlyChart hours={s.summary.hours} timezone={s.summary.timezone} f={f} />
              <SalesFeed rows={s.feed} f={f} />
            </div>
            <div className="dash-col">
              <Fleet
                tills={fleet}
                outlets={outlets}
                presenceAvailable={s.presenceAvailable}
                now={now}
                f={f}
              />
              <AlertsInbox
                alerts={s.alerts}
                now={now}
                f={f}
                loadDetail={loadDetail}
                resolve={resolve}
              />
            </div>
          </div>
          {s.outletId === null && s.summary.outlets.length > 1 && (
            <OutletTable summary={s.summary} f={f} />
          )}
          <Breakdowns summary={s.summary} f={f} />
          {s.updatedAt && (
            <p className="muted dash-updated">
              {t('updatedAt', { time: f.time(new Date(s.updatedAt).toISOString()) })}
            </p>
          )}
        </>
      ) : (
        !s.loadError && <p className="muted">{t('loading')}</p>
      )}
    </div>
  );
}
