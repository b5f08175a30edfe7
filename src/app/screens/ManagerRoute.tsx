import { lazy, Suspense, useEffect, useState } from 'react';
import type { ServerConfig } from '../../features/device/model';
import { resolveServerConfig } from '../config';
import { shellText } from '../messages';
import { useAppStore } from '../store';

// The dashboard (and its chart library) loads only when someone opens /manager: tills never pay
// for it.
const ManagerDashboard = lazy(() =>
  import('../../features/manager/ui/ManagerDashboard').then((m) => ({
    default: m.ManagerDashboard,
  })),
);

/**
 * The manager's live view of every till. It needs no pairing: the API address comes from the
 * build or the stack serving the page, and the manager signs in with their own account.
 */
export function ManagerRoute() {
  const locale = useAppStore((s) => s.locale);
  const t = shellText(locale);
  const [config, setConfig] = useState<ServerConfig | null>(null);
  const [failed, setFailed] = useState<'offline' | 'unavailable' | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    resolveServerConfig().then(
      (c) => current && setConfig(c),
      () => current && setFailed(navigator.onLine ? 'unavailable' : 'offline'),
    );
    // The dashboard is live data: when the network comes back, ask again.
    const retry = () => setAttempt((n) => n + 1);
    window.addEventListener('online', retry);
    return () => {
      current = false;
      window.removeEventListener('online', retry);
    };
  }, [attempt]);
  if (failed && !config) {
    return (
      <p className="banner banner-danger" role="alert">
        {t(failed === 'offline' ? 'managerOffline' : 'managerUnavailable')}
      </p>
    );
  }
  const loading = <p className="muted">{t('managerLoading')}</p>;
  if (!config) return loading;
  return (
    <Suspense fallback={loading}>
      <ManagerDashboard config={config} locale={locale} />
    </Suspense>
  );
}
