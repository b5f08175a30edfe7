import { useState, type FormEvent } from 'react';
import { INTL_LOCALE, type Locale } from '../../../lib/i18n';
import { shiftText } from '../messages';
import { readAmount, type CashMoveKind } from '../model';
import { MoneyField } from './MoneyField';

export interface CashMoveFormProps {
  locale: Locale;
  currency: string;
  busy: boolean;
  /** The last result, in words (recorded or refused). */
  message: string | null;
  onSubmit(move: { kind: CashMoveKind; amount: number; reason: string }): Promise<boolean>;
}

const QUICK_REASONS = ['reason.change', 'reason.supplier', 'reason.deposit'] as const;

export function CashMoveForm({ locale, currency, busy, message, onSubmit }: CashMoveFormProps) {
  const t = shiftText(locale);
  const [kind, setKind] = useState<CashMoveKind>('in');
  const [text, setText] = useState('');
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const amount = readAmount(text, currency, INTL_LOCALE[locale]);
    setInvalid(amount === null || amount <= 0);
    if (amount === null || amount <= 0 || busy || !reason.trim()) return;
    if (await onSubmit({ kind, amount, reason: reason.trim() })) {
      setText('');
      setReason('');
    }
  };
  return (
    <form
      className="card form"
      onSubmit={(e) => void submit(e)}
      aria-labelledby="cash-move-title"
      data-testid="cash-move"
    >
      <h2 id="cash-move-title">{t('moveTitle')}</h2>
      <div className="segmented" role="radiogroup" aria-label={t('moveTitle')}>
        {(['in', 'out'] as const).map((k) => (
          <label key={k} className={kind === k ? 'segment segment-on' : 'segment'}>
            <input
              type="radio"
              name="cash-kind"
              value={k}
              checked={kind === k}
              onChange={() => setKind(k)}
            />
            {k === 'in' ? t('moveIn') : t('moveOut')}
          </label>
        ))}
      </div>
      <MoneyField
        label={t('amount')}
        value={text}
        onChange={setText}
        error={invalid ? t('amountError') : null}
        name="cash-amount"
      />
      <div className="field">
        <label htmlFor="cash-reason">{t('reason')}</label>
        <input
          id="cash-reason"
          required
          maxLength={200}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-describedby="cash-reason-hint"
        />
        <p id="cash-reason-hint" className="muted">
          {t('reasonHint')}
        </p>
        <div className="chips">
          {QUICK_REASONS.map((key) => (
            <button key={key} type="button" className="chip" onClick={() => setReason(t(key))}>
              {t(key)}
            </button>
          ))}
        </div>
      </div>
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {t('record')}
        </button>
      </div>
    </form>
  );
}
