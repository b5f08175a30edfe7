import { useState } from 'react';
import type { Locale } from '../../../lib/i18n';
import { INTL_LOCALE } from '../../../lib/i18n';
import { formatMoney } from '../../../lib/money';
import { PAYMENT_METHODS, type PaymentMethod } from '../../../lib/payments';
import type { CartTotals } from '../../../lib/totals';
import { errorText, methodName, salesText } from '../messages';
import { orNull } from '../model';
import { quickCashAmounts, remainingFor, tenderState, type TenderEntry } from '../tender';
import { MoneyInput } from './MoneyInput';

export interface PayPanelProps {
  totals: CartTotals;
  currency: string;
  locale: Locale;
  online: boolean;
  /** Commits the sale; rejects with what forbids it (shown on the panel). */
  onComplete(entries: TenderEntry[]): Promise<void>;
  onBack(): void;
}

/** QRIS and e-wallets are paid on the customer's phone: they wait for the cashier to see it. */
const NEEDS_CONFIRMATION: readonly PaymentMethod[] = ['qris', 'ewallet'];

/**
 * The pay screen: cash with quick amounts and live change, other methods for what is left, any
 * mix of them (split tender). Completing is possible only once the amount due is covered.
 */
export function PayPanel({ totals, currency, locale, online, onComplete, onBack }: PayPanelProps) {
  const t = salesText(locale);
  const money = (amount: number) => formatMoney(amount, currency, INTL_LOCALE[locale]);
  const [entries, setEntries] = useState<TenderEntry[]>([]);
  const [method, setMethod] = useState<PaymentMethod>('cash');
  const [cash, setCash] = useState<number | null>(null);
  const [other, setOther] = useState<number | null>(null);
  const [reference, setReference] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const left = remainingFor(totals, entries, method);
  // Cash counts only while something is left for it: a payment that pays nothing is refused.
  const draft: TenderEntry | null =
    method === 'cash' && cash !== null && cash > 0 && left > 0
      ? { id: 'draft', method: 'cash', amount: cash, confirmed: true, reference: null }
      : null;
  const all = draft ? [...entries, draft] : entries;
  const state = orNull(() => tenderState(totals, all));
  const due = state?.due ?? totals.total;
  const otherAmount = other ?? left;
  const otherOk = method !== 'cash' && otherAmount > 0 && otherAmount <= left;

  function addOther() {
    if (!otherOk) return;
    setEntries([
      ...entries,
      {
        id: crypto.randomUUID(),
        method,
        amount: otherAmount,
        confirmed: !NEEDS_CONFIRMATION.includes(method),
        reference: reference.trim() || null,
      },
    ]);
    setOther(null);
    setReference('');
    setMethod('cash');
  }

  async function complete() {
    if (!state?.covered) return;
    setBusy(true);
    setError(null);
    try {
      await onComplete(all.map((e) => (e.id === 'draft' ? { ...e, id: crypto.randomUUID() } : e)));
    } catch (e) {
      setError(errorText(e, locale));
      setBusy(false);
    }
  }

  return (
    <section className="pay" aria-labelledby="pay-title" data-testid="pay-panel">
      <header className="pay-header">
        <button type="button" className="button-secondary" onClick={onBack}>
          ← {t('backToCart')}
        </button>
        <h2 id="pay-title">{t('payTitle')}</h2>
      </header>
      <dl className="pay-figures">
        <div>
          <dt>{t('due')}</dt>
          <dd data-testid="pay-due">{money(due)}</dd>
        </div>
        {due !== totals.total && (
          <div className="muted">
            <dt>{t('rounding')}</dt>
            <dd>{money(due - totals.total)}</dd>
          </div>
        )}
        <div>
          <dt>{t('remaining')}</dt>
          <dd data-testid="pay-remaining">{money(state?.settlement.remaining ?? due)}</dd>
        </div>
        <div className="pay-change">
          <dt>{t('change')}</dt>
          <dd data-testid="pay-change" aria-live="polite">
            {money(state?.settlement.change ?? 0)}
          </dd>
        </div>
      </dl>

      {entries.length > 0 && (
        <ul className="pay-entries" aria-label={t('payments')}>
          {entries.map((e) => (
            <li key={e.id}>
              <span>
                {methodName(e.method, locale)} {money(e.amount)}
                {e.reference && <span className="muted"> · {e.reference}</span>}
              </span>
              {e.method !== 'cash' && !e.confirmed ? (
                <button
                  type="button"
                  className="button-secondary"
                  onClick={() =>
                    setEntries(entries.map((x) => (x.id === e.id ? { ...x, confirmed: true } : x)))
                  }
                >
                  {t('pending')} · {t('confirm')}
                </button>
              ) : (
                <span className="badge badge-ok">{t('confirmed')}</span>
              )}
              <button
                type="button"
                className="button-link"
                aria-label={t('removePayment', {
                  method: methodName(e.method, locale),
                  amount: money(e.amount),
                })}
                onClick={() => setEntries(entries.filter((x) => x.id !== e.id))}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}

      <fieldset className="radio-row pay-methods">
        <legend>{t('method')}</legend>
        {PAYMENT_METHODS.map((m) => {
          const off = m === 'card' && !online;
          return (
            <label key={m} className={off ? 'is-disabled' : undefined}>
              <input
                type="radio"
                name="pay-method"
                value={m}
                checked={method === m}
                disabled={off}
                onChange={() => {
                  setMethod(m);
                  setOther(null);
                }}
              />
              {methodName(m, locale)}
            </label>
          );
        })}
      </fieldset>
      {!online && <p className="muted">{t('cardOffline')}</p>}

      {method === 'cash' ? (
        <div className="pay-cash">
          <MoneyInput
            label={t('cashReceived')}
            value={cash}
            onChange={setCash}
            currency={currency}
            locale={locale}
            invalidText={t('amountInvalid')}
            autoFocus
            testId="cash-received"
          />
          <div className="quick-cash" role="group" aria-label={t('quickAmounts')}>
            {quickCashAmounts(left).map((amount, i) => (
              <button
                key={amount}
                type="button"
                className="button-secondary"
                onClick={() => setCash(amount)}
              >
                {i === 0 ? `${t('exact')} · ${money(amount)}` : money(amount)}
              </button>
            ))}
          </div>
        </div>
      ) : (
        <div className="pay-other">
          <MoneyInput
            label={methodName(method, locale)}
            value={other ?? left}
            onChange={setOther}
            currency={currency}
            locale={locale}
            invalidText={t('amountInvalid')}
            testId="other-amount"
          />
          <div className="field">
            <label htmlFor="pay-reference">{t('reference')}</label>
            <input
              id="pay-reference"
              value={reference}
              maxLength={200}
              onChange={(e) => setReference(e.target.value)}
            />
          </div>
          <button type="button" className="button-secondary" disabled={!otherOk} onClick={addOther}>
            {t('addPayment', { method: methodName(method, locale) })}
          </button>
          {otherAmount > left && <p className="field-error">{t('nonCashExact')}</p>}
        </div>
      )}

      {state && !state.covered && all.length > 0 && (
        <p className="muted" role="status">
          {t('notEnough', { amount: money(state.settlement.remaining) })}
        </p>
      )}
      {state && state.pending > 0 && (
        <p className="muted">{t('pendingNote', { count: state.pending })}</p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button
        type="button"
        className="complete-button"
        disabled={!state?.covered || busy}
        onClick={() => void complete()}
      >
        {busy ? t('completing') : t('complete')}
      </button>
    </section>
  );
}
