import { useEffect, useState } from 'react';
import { formatAge, managerText, type ManagerMessage } from '../messages';
import { alertSaleCount, type AlertDetail, type AlertRow } from '../model';
import type { Formats } from './format';

interface AlertsInboxProps {
  alerts: readonly AlertRow[];
  now: number;
  f: Formats;
  loadDetail(alertId: string): Promise<AlertDetail>;
  resolve(alertId: string, note: string): Promise<void>;
}

function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

function headline(alert: AlertRow, t: ReturnType<typeof managerText>): string {
  const p = alert.payload;
  switch (alert.kind) {
    case 'negative_stock':
      return t('alertNegativeStock', { quantity: text(p.quantity) });
    case 'rejected_mutation':
      return t('alertRejected', { kind: text(p.kind), code: text(p.code) });
    case 'price_mismatch':
      return t('alertPriceMismatch', { receipt: text(p.receipt_no) });
  }
}

/** Open alerts, newest first; each opens onto the sales (or the rejected mutation) behind it. */
export function AlertsInbox({ alerts, now, f, loadDetail, resolve }: AlertsInboxProps) {
  const t = managerText(f.locale);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <section className="card dash-section" aria-labelledby="alerts-title">
      <h2 id="alerts-title">
        {t('alerts')} {alerts.length > 0 && <span className="count-badge">{alerts.length}</span>}
      </h2>
      {alerts.length === 0 ? (
        <p className="muted">{t('alertsEmpty')}</p>
      ) : (
        <ul className="alerts" data-testid="alerts">
          {alerts.map((a) => {
            const expanded = open === a.id;
            const panel = `alert-panel-${a.id}`;
            return (
              <li key={a.id} className={`alert alert-${a.kind}`} data-testid="alert">
                <div className="alert-head">
                  <span className="pill pill-warn">{t(`alert.${a.kind}` as ManagerMessage)}</span>
                  <span className="alert-text">{headline(a, t)}</span>
                  <span className="muted alert-meta">
                    {t('ago', { age: formatAge(now - Date.parse(a.created_at), f.locale) })}
                    {a.occurrences > 1 &&
                      ` · ${t('occurrences', { count: f.count(a.occurrences) })}`}
                    {alertSaleCount(a) > 0 &&
                      ` · ${f.count(alertSaleCount(a))} ${t('receipt').toLowerCase()}`}
                  </span>
                  <button
                    type="button"
                    className="button-secondary button-small"
                    aria-expanded={expanded}
                    aria-controls={panel}
                    onClick={() => setOpen(expanded ? null : a.id)}
                  >
                    {expanded ? t('close') : t('open')}
                  </button>
                </div>
                {expanded && (
                  <AlertPanel
                    id={panel}
                    alert={a}
                    f={f}
                    loadDetail={loadDetail}
                    resolve={async (note) => {
                      await resolve(a.id, note);
                      setOpen(null);
                    }}
                  />
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

interface AlertPanelProps {
  id: string;
  alert: AlertRow;
  f: Formats;
  loadDetail(alertId: string): Promise<AlertDetail>;
  resolve(note: string): Promise<void>;
}

function AlertPanel({ id, alert, f, loadDetail, resolve }: AlertPanelProps) {
  const t = managerText(f.locale);
  const [detail, setDetail] = useState<AlertDetail | null>(null);
  const [failed, setFailed] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [resolveFailed, setResolveFailed] = useState(false);
  useEffect(() => {
    let current = true;
    loadDetail(alert.id).then(
      (d) => current && setDetail(d),
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [alert.id, loadDetail]);
  const submit = async () => {
    setBusy(true);
    setResolveFailed(false);
    try {
      await resolve(note);
    } catch {
      setResolveFailed(true);
      setBusy(false);
    }
  };
  return (
    <div
      id={id}
      className="alert-panel"
      role="region"
      aria-label={t('alertDetail')}
      data-testid="alert-panel"
    >
      {failed && <p className="form-error">{t('loadError')}</p>}
      {!detail && !failed && <p className="muted">{t('loading')}</p>}
      {detail && (
        <>
          {detail.product && (
            <p>
              <strong>
                {t('productAt', {
                  product: detail.product.name,
                  location: detail.location?.name ?? t('unknownName'),
                })}
              </strong>
            </p>
          )}
          {detail.mutation && (
            <div className="facts-block">
              <p>
                <strong>{t('rejectedReason')}:</strong>{' '}
                <span className="mono">{detail.mutation.code}</span> — {detail.mutation.message}
              </p>
              <p className="muted">
                {t('mutationSent')}: {detail.device?.name ?? t('unknownName')}
                {detail.mutation.staff_name && ` · ${detail.mutation.staff_name}`}
                {detail.mutation.device_created_at &&
                  ` · ${f.time(detail.mutation.device_created_at)}`}
                {typeof detail.mutation.payload?.receipt_no === 'string' &&
                  ` · ${detail.mutation.payload.receipt_no}`}
              </p>
            </div>
          )}
          <h3>{t('salesBehind')}</h3>
          {detail.sales.length === 0 ? (
            <p className="muted">{t('noSalesBehind')}</p>
          ) : (
            <ul className="alert-sales" data-testid="alert-sales">
              {detail.sales.map((s) => (
                <li key={s.sale_id}>
                  <div className="feed-main">
                    <span className="mono">{s.receipt_no}</span>
                    <span>{f.money(s.total_due)}</span>
                    <span className="muted">
                      {f.time(s.completed_at)} · {s.device_name ?? t('unknownName')} ·{' '}
                      {s.staff_name ?? t('unknownName')}
                    </span>
                  </div>
                  <ul className="alert-items">
                    {s.items.map((i, n) => (
                      <li key={n}>
                        {f.count(i.quantity)} × {i.name} @ {f.money(i.unit_price)}
                        {i.catalog_price !== null &&
                          i.catalog_price !== i.unit_price &&
                          ` (${t('catalogPrice', { price: f.money(i.catalog_price) })})`}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          )}
          <form
            className="form alert-resolve"
            onSubmit={(e) => {
              e.preventDefault();
              if (!busy) void submit();
            }}
          >
            <label className="field">
              <span>{t('resolveNote')}</span>
              <input value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} />
            </label>
            {resolveFailed && (
              <p className="form-error" role="alert">
                {t('resolveError')}
              </p>
            )}
            <div className="form-actions">
              <button type="submit" disabled={busy}>
                {busy ? t('resolving') : t('resolve')}
              </button>
            </div>
          </form>
        </>
      )}
    </div>
  );
}
