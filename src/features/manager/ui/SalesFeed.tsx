import { formatLatency, managerText, type ManagerMessage } from '../messages';
import type { FeedRow } from '../model';
import type { Formats } from './format';

interface SalesFeedProps {
  rows: readonly FeedRow[];
  f: Formats;
}

const METHOD_KEYS = ['cash', 'qris', 'ewallet', 'card', 'transfer'];

/** Latency past which a sale is worth a second look (it waited on an offline till). */
const SLOW_MS = 60_000;

/** The day's latest sales, newest first, as they reach the server. */
export function SalesFeed({ rows, f }: SalesFeedProps) {
  const t = managerText(f.locale);
  const method = (m: string) => (METHOD_KEYS.includes(m) ? t(`method.${m}` as ManagerMessage) : m);
  return (
    <section className="card dash-section" aria-labelledby="feed-title">
      <h2 id="feed-title">{t('feed')}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t('feedEmpty')}</p>
      ) : (
        <ul className="feed" data-testid="sales-feed" aria-live="polite" aria-relevant="additions">
          {rows.map((r) => (
            <li
              key={r.sale_id}
              className={r.status === 'voided' ? 'feed-row feed-voided' : 'feed-row'}
              data-testid="feed-row"
              data-receipt={r.receipt_no}
            >
              <div className="feed-main">
                <span className="feed-total">{f.money(r.total_due)}</span>
                <span className="mono feed-receipt">{r.receipt_no}</span>
                {r.status === 'voided' && <span className="pill pill-danger">{t('voided')}</span>}
              </div>
              <div className="feed-meta muted">
                <span>
                  {r.device_name ?? t('unknownName')}
                  {r.device_code && ` (${r.device_code})`}
                </span>
                <span>
                  {t('cashier')}: {r.staff_name ?? t('unknownName')}
                </span>
                {r.item_count !== null && (
                  <span>
                    {t(r.item_count === 1 ? 'itemsOne' : 'items', { count: f.count(r.item_count) })}
                  </span>
                )}
                {r.methods && r.methods.length > 0 && (
                  <span>{r.methods.map(method).join(' + ')}</span>
                )}
              </div>
              <div className="feed-times">
                <span>
                  <span className="visually-hidden">{t('completedAt')}: </span>
                  {f.time(r.completed_at)}
                </span>
                <span
                  className={r.latency_ms >= SLOW_MS ? 'pill pill-warn' : 'pill'}
                  title={t('latencyHelp')}
                  data-testid="feed-latency"
                >
                  {t('latency')}: {formatLatency(r.latency_ms, f.locale)}
                </span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
