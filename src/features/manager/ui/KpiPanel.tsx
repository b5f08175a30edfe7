import { managerText } from '../messages';
import type { Summary } from '../model';
import type { Formats } from './format';

interface KpiPanelProps {
  summary: Summary;
  f: Formats;
}

/** Revenue, transactions, average basket and refunds for the day, overall or for one outlet. */
export function KpiPanel({ summary, f }: KpiPanelProps) {
  const t = managerText(f.locale);
  const k = summary.totals;
  const cards = [
    {
      id: 'revenue',
      label: t('revenue'),
      value: f.money(k.revenue),
      note: t('netRevenue', { amount: f.money(k.net_revenue) }),
    },
    {
      id: 'transactions',
      label: t('transactions'),
      value: f.count(k.transactions),
      note: k.voided > 0 ? t('voidedCount', { count: f.count(k.voided) }) : null,
    },
    { id: 'average', label: t('averageBasket'), value: f.money(k.average_basket), note: null },
    {
      id: 'refunds',
      label: t('refunds'),
      value: f.money(k.refunds),
      note: t(k.refund_count === 1 ? 'refundCountOne' : 'refundCount', {
        count: f.count(k.refund_count),
      }),
    },
  ];
  return (
    <section aria-labelledby="kpi-title" className="dash-section">
      <h2 id="kpi-title" className="visually-hidden">
        {t('kpis')}
      </h2>
      <dl className="kpis" data-testid="kpis">
        {cards.map((c) => (
          <div key={c.id} className="kpi" data-testid={`kpi-${c.id}`}>
            <dt>{c.label}</dt>
            <dd className="kpi-value">{c.value}</dd>
            {c.note && <dd className="kpi-note">{c.note}</dd>}
          </div>
        ))}
      </dl>
    </section>
  );
}

export function OutletTable({ summary, f }: KpiPanelProps) {
  const t = managerText(f.locale);
  return (
    <section className="card dash-section" aria-labelledby="outlets-title">
      <h2 id="outlets-title">{t('perOutlet')}</h2>
      <div className="table-scroll">
        <table className="data-table" data-testid="outlet-table">
          <thead>
            <tr>
              <th scope="col">{t('outlet')}</th>
              <th scope="col" className="num">
                {t('revenue')}
              </th>
              <th scope="col" className="num">
                {t('transactions')}
              </th>
              <th scope="col" className="num">
                {t('averageBasket')}
              </th>
              <th scope="col" className="num">
                {t('refunds')}
              </th>
            </tr>
          </thead>
          <tbody>
            {summary.outlets.map((o) => (
              <tr key={o.outlet_id}>
                <th scope="row">
                  {o.name} <span className="muted">({o.code})</span>
                </th>
                <td className="num">{f.money(o.revenue)}</td>
                <td className="num">{f.count(o.transactions)}</td>
                <td className="num">{f.money(o.average_basket)}</td>
                <td className="num">{f.money(o.refunds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
