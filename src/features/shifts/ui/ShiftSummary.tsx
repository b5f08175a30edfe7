import { formatDateTime, INTL_LOCALE, type Locale } from '../../../lib/i18n';
import { formatMoney } from '../../../lib/money';
import { shiftText } from '../messages';
import type { CashMovementRecord, ShiftRecord } from '../model';

export interface ShiftSummaryProps {
  locale: Locale;
  currency: string;
  shift: ShiftRecord;
  openedByName: string;
  movements: readonly CashMovementRecord[];
  /** The shop's time zone: times read as the shop's clock, whatever the tablet is set to. */
  timeZone?: string | undefined;
}

export function ShiftSummary({
  locale,
  currency,
  shift,
  openedByName,
  movements,
  timeZone,
}: ShiftSummaryProps) {
  const t = shiftText(locale);
  const money = (amount: number) => formatMoney(amount, currency, INTL_LOCALE[locale]);
  return (
    <section className="card" aria-labelledby="shift-summary-title" data-testid="shift-summary">
      <h2 id="shift-summary-title">{t('current')}</h2>
      <dl className="facts">
        <dt>{t('openedAt')}</dt>
        <dd>
          <time dateTime={shift.openedAt}>{formatDateTime(shift.openedAt, locale, timeZone)}</time>
        </dd>
        <dt>{t('openedBy')}</dt>
        <dd>{openedByName}</dd>
        <dt>{t('float')}</dt>
        <dd>{money(shift.openingFloat)}</dd>
      </dl>
      <h3>{t('movements')}</h3>
      {movements.length === 0 ? (
        <p className="muted">{t('noMovements')}</p>
      ) : (
        <ul className="plain-list">
          {movements.map((m) => (
            <li key={m.id} className="row-between">
              <span>
                {m.kind === 'in' ? t('moveIn') : t('moveOut')} · {m.reason}
              </span>
              <span className={m.kind === 'in' ? 'amount' : 'amount amount-negative'}>
                {m.kind === 'in' ? '+' : '−'}
                {money(m.amount)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
