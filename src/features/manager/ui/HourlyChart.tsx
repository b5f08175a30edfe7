import { useEffect, useRef } from 'react';
import type uPlot from 'uplot';
import { managerText } from '../messages';
import type { Summary } from '../model';
import type { Formats } from './format';

interface HourlyChartProps {
  hours: Summary['hours'];
  timezone: string;
  f: Formats;
}

const HEIGHT = 220;

/**
 * Revenue per hour as bars (uPlot, loaded only when the dashboard opens, so tills never download
 * it). The canvas is decoration for sighted readers; the same numbers are in the table beneath,
 * which screen readers read and which stays when a canvas cannot be drawn.
 */
export function HourlyChart({ hours, timezone, f }: HourlyChartProps) {
  const t = managerText(f.locale);
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);

  const xs = hours.map((h) => h.hour);
  const ys = hours.map((h) => h.revenue);
  const key = ys.join(',');

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let cancelled = false;
    let observer: ResizeObserver | null = null;
    void (async () => {
      try {
        const [{ default: UPlot }] = await Promise.all([
          import('uplot'),
          import('uplot/dist/uPlot.min.css'),
        ]);
        if (cancelled) return;
        const style = getComputedStyle(el);
        const brand = style.getPropertyValue('--color-brand').trim() || '#0f5d4a';
        const muted = style.getPropertyValue('--color-muted').trim() || '#57534a';
        const grid = style.getPropertyValue('--color-border').trim() || '#d9d4c7';
        const opts: uPlot.Options = {
          width: Math.max(280, el.clientWidth),
          height: HEIGHT,
          legend: { show: false },
          cursor: { show: false },
          scales: { x: { time: false, range: [-0.5, 23.5] } },
          axes: [
            {
              stroke: muted,
              grid: { show: false },
              ticks: { stroke: grid },
              splits: () => [0, 3, 6, 9, 12, 15, 18, 21],
              values: (_u, splits) => splits.map((v) => `${String(v).padStart(2, '0')}`),
            },
            {
              stroke: muted,
              grid: { stroke: grid, width: 1 },
              ticks: { show: false },
              size: 84,
              values: (_u, splits) => splits.map((v) => f.money(Math.round(v))),
            },
          ],
          series: [
            {},
            {
              label: t('revenue'),
              stroke: brand,
              fill: brand,
              width: 0,
              paths: UPlot.paths.bars!({ size: [0.7, 48] }),
              points: { show: false },
            },
          ],
        };
        chart.current?.destroy();
        chart.current = new UPlot(opts, [xs, ys], el);
        observer = new ResizeObserver(() => {
          chart.current?.setSize({ width: Math.max(280, el.clientWidth), height: HEIGHT });
        });
        observer.observe(el);
      } catch (err) {
        // No canvas here (a test DOM, a locked-down browser): the table below carries the data.
        console.warn('hourly chart unavailable', err);
      }
    })();
    return () => {
      cancelled = true;
      observer?.disconnect();
      chart.current?.destroy();
      chart.current = null;
    };
    // Redraw when the numbers or the formats change; xs and ys are derived from `key`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, f]);

  const active = hours.filter((h) => h.transactions > 0);
  const peak = active.reduce<Summary['hours'][number] | null>(
    (best, h) => (best === null || h.revenue > best.revenue ? h : best),
    null,
  );
  return (
    <section className="card dash-section" aria-labelledby="hourly-title">
      <h2 id="hourly-title">{t('hourly')}</h2>
      <figure className="hourly">
        <div ref={box} className="hourly-canvas" aria-hidden="true" data-testid="hourly-chart" />
        <figcaption className="muted">{t('hourlyCaption', { zone: timezone })}</figcaption>
      </figure>
      {active.length === 0 ? (
        <p className="muted">{t('noSalesYet')}</p>
      ) : (
        <details className="hourly-data">
          <summary>
            {peak &&
              t('peakHour', {
                hour: `${String(peak.hour).padStart(2, '0')}:00`,
                amount: f.money(peak.revenue),
              })}{' '}
            · {t('showTable')}
          </summary>
          <table className="data-table" data-testid="hourly-table">
            <thead>
              <tr>
                <th scope="col">{t('hour')}</th>
                <th scope="col" className="num">
                  {t('revenue')}
                </th>
                <th scope="col" className="num">
                  {t('transactions')}
                </th>
              </tr>
            </thead>
            <tbody>
              {active.map((h) => (
                <tr key={h.hour}>
                  <th scope="row">{`${String(h.hour).padStart(2, '0')}:00`}</th>
                  <td className="num">{f.money(h.revenue)}</td>
                  <td className="num">{f.count(h.transactions)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </section>
  );
}
