import { managerText, type ManagerMessage } from '../messages';
import type { Summary } from '../model';
import type { Formats } from './format';

interface BreakdownsProps {
  summary: Summary;
  f: Formats;
}

interface Row {
  key: string;
  label: string;
  value: number;
  detail: string;
}

/** One ranked list with bars proportional to the value; the numbers are always written out. */
function Ranked({ id, title, rows, f }: { id: string; title: string; rows: Row[]; f: Formats }) {
  const t = managerText(f.locale);
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <section className="card dash-section" aria-labelledby={`${id}-title`} data-testid={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t('noSalesYet')}</p>
      ) : (
        <ol className="ranked">
          {rows.map((r) => (
            <li key={r.key}>
              <div className="ranked-line">
                <span className="ranked-label">{r.label}</span>
                <span className="ranked-value">{f.money(r.value)}</span>
              </div>
              <div className="ranked-bar" aria-hidden="true">
                <span style={{ width: `${Math.round((r.value / max) * 100)}%` }} />
              </div>
              <span className="ranked-detail muted">{r.detail}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

const METHOD_KEYS = ['cash', 'qris', 'ewallet', 'card', 'transfer'];

export function Breakdowns({ summary, f }: BreakdownsProps) {
  const t = managerText(f.locale);
  const method = (m: string) => (METHOD_KEYS.includes(m) ? t(`method.${m}` as ManagerMessage) : m);
  return (
    <div className="dash-breakdowns">
      <Ranked
        id="by-method"
        title={t('payments')}
        f={f}
        rows={summary.payments.map((p) => ({
          key: p.method,
          label: method(p.method),
          value: p.amount,
          detail: t(p.count === 1 ? 'transactionCountOne' : 'transactionCount', {
            count: f.count(p.count),
          }),
        }))}
      />
      <Ranked
        id="by-cashier"
        title={t('cashiers')}
        f={f}
        rows={summary.cashiers.map((c) => ({
          key: c.staff_id,
          label: c.name ?? t('unknownName'),
          value: c.revenue,
          detail: t(c.transactions === 1 ? 'transactionCountOne' : 'transactionCount', {
            count: f.count(c.transactions),
          }),
        }))}
      />
      <Ranked
        id="top-products"
        title={t('products')}
        f={f}
        rows={summary.products.map((p) => ({
          key: p.product_id,
          label: p.name,
          value: p.revenue,
          detail: `${t('quantity')} ${f.count(p.quantity)}`,
        }))}
      />
    </div>
  );
}
