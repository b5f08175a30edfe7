import { formatAge, managerText } from '../messages';
import type { FleetTill } from '../model';
import type { Formats } from './format';

interface FleetProps {
  tills: readonly FleetTill[];
  outlets: ReadonlyMap<string, { code: string; name: string }>;
  presenceAvailable: boolean | null;
  now: number;
  f: Formats;
}

/** Every till of the shop: online or not, who is on it, and what it has not synced yet. */
export function Fleet({ tills, outlets, presenceAvailable, now, f }: FleetProps) {
  const t = managerText(f.locale);
  const atRisk = tills.filter((x) => x.atRisk);
  return (
    <section className="card dash-section" aria-labelledby="fleet-title">
      <h2 id="fleet-title">{t('fleet')}</h2>
      {atRisk.length > 0 && (
        <div className="banner banner-danger" role="alert" data-testid="fleet-at-risk">
          <p>
            <strong>
              {atRisk
                .map((x) => `${x.name}: ${t('atRisk', { count: f.count(x.pending ?? 0) })}`)
                .join(' · ')}
            </strong>
            <br />
            {t('atRiskHelp')}
          </p>
        </div>
      )}
      {presenceAvailable === false && <p className="notice">{t('presenceUnavailable')}</p>}
      {tills.length === 0 ? (
        <p className="muted">{t('fleetEmpty')}</p>
      ) : (
        <ul className="fleet" data-testid="fleet">
          {tills.map((x) => {
            const outlet = outlets.get(x.outletId);
            return (
              <li
                key={x.id}
                className={x.atRisk ? 'till-card till-at-risk' : 'till-card'}
                data-testid="fleet-till"
                data-device={x.id}
                data-online={x.online}
              >
                <div className="till-head">
                  <span
                    className={x.online ? 'dot dot-online' : 'dot dot-offline'}
                    aria-hidden="true"
                  />
                  <strong>{x.name}</strong>
                  <span className="muted">
                    {x.code}
                    {outlet && ` · ${outlet.code}`}
                  </span>
                  <span
                    className={x.online ? 'pill pill-ok' : 'pill pill-muted'}
                    data-testid="till-status"
                  >
                    {x.online ? t('online') : x.paired ? t('offline') : t('awaitingPairing')}
                  </span>
                </div>
                <dl className="till-facts">
                  <div>
                    <dt>{t('cashier')}</dt>
                    <dd>{x.online ? (x.cashier ?? t('locked')) : t('unknownName')}</dd>
                  </div>
                  <div>
                    <dt>{t('pending')}</dt>
                    <dd data-testid="till-pending">
                      {x.pending === null ? (
                        t('unknownName')
                      ) : (
                        <>
                          {f.count(x.pending)}
                          {x.oldestPendingAt &&
                            x.pending > 0 &&
                            ` (${t('oldestPending', {
                              age: formatAge(now - Date.parse(x.oldestPendingAt), f.locale),
                            })})`}
                        </>
                      )}
                    </dd>
                  </div>
                  <div>
                    <dt>{t('lastSync')}</dt>
                    <dd>
                      {x.lastSyncAt
                        ? t('ago', { age: formatAge(now - Date.parse(x.lastSyncAt), f.locale) })
                        : t('never')}
                    </dd>
                  </div>
                  <div>
                    <dt>{t('appVersion')}</dt>
                    <dd className="mono">{x.appVersion ?? t('unknownName')}</dd>
                  </div>
                </dl>
                {x.needsAttention > 0 && (
                  <p className="till-attention">
                    {t('needsAttention', { count: f.count(x.needsAttention) })}
                  </p>
                )}
                {!x.seen && x.paired && presenceAvailable && (
                  <p className="muted till-note">{t('neverSeen')}</p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
