import { INTL_LOCALE, type Locale } from '../../../lib/i18n';
import { formatMoney } from '../../../lib/money';
import { shiftText } from '../messages';

export interface ShiftCloseResultProps {
  locale: Locale;
  currency: string;
  countedCash: number;
  expectedCash: number;
  variance: number;
  onDone(): void;
}

/** Shown only after the count is recorded: expected cash and the variance. */
export function ShiftCloseResult(p: ShiftCloseResultProps) {
  const t = shiftText(p.locale);
  const money = (amount: number) => formatMoney(amount, p.currency, INTL_LOCALE[p.locale]);
  const varianceText =
    p.variance === 0
      ? t('varianceNone')
      : p.variance > 0
        ? t('varianceOver', { amount: money(p.variance) })
        : t('varianceShort', { amount: money(-p.variance) });
  return (
    <section className="card" aria-labelledby="closed-title" data-testid="shift-closed">
      <h2 id="closed-title">{t('closedTitle')}</h2>
      <dl className="facts facts-large">
        <dt>{t('counted')}</dt>
        <dd data-testid="counted-cash">{money(p.countedCash)}</dd>
        <dt>{t('expected')}</dt>
        <dd data-testid="expected-cash">{money(p.expectedCash)}</dd>
        <dt>{t('variance')}</dt>
        <dd
          data-testid="variance"
          className={
            p.variance === 0
              ? 'variance'
              : p.variance > 0
                ? 'variance variance-over'
                : 'variance variance-short'
          }
        >
          {varianceText}
        </dd>
      </dl>
      <p className="muted">{t('varianceNote')}</p>
      <button type="button" onClick={p.onDone}>
        {t('done')}
      </button>
    </section>
  );
}
