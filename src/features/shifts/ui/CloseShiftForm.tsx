import { useState, type FormEvent } from 'react';
import { INTL_LOCALE, type Locale } from '../../../lib/i18n';
import { formatMoney } from '../../../lib/money';
import { shiftText } from '../messages';
import { readAmount } from '../model';
import { MoneyField } from './MoneyField';

export interface CloseShiftFormProps {
  locale: Locale;
  currency: string;
  busy: boolean;
  error: string | null;
  onClose(countedCash: number, note: string | null): void;
}

/**
 * A blind count: this form never shows what the drawer should hold. Asking for confirmation
 * before closing keeps a mistyped count from becoming the record.
 */
export function CloseShiftForm({ locale, currency, busy, error, onClose }: CloseShiftFormProps) {
  const t = shiftText(locale);
  const [text, setText] = useState('');
  const [note, setNote] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [confirming, setConfirming] = useState<number | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const amount = readAmount(text, currency, INTL_LOCALE[locale]);
    setInvalid(amount === null);
    if (amount !== null) setConfirming(amount);
  };
  return (
    <form
      className="card form"
      onSubmit={submit}
      aria-labelledby="close-shift-title"
      data-testid="close-shift"
    >
      <h2 id="close-shift-title">{t('closeTitle')}</h2>
      <p className="muted">{t('closeIntro')}</p>
      <MoneyField
        label={t('counted')}
        value={text}
        onChange={(v) => {
          setText(v);
          setConfirming(null);
        }}
        error={invalid ? t('amountError') : error}
        name="counted-cash"
      />
      <div className="field">
        <label htmlFor="close-note">{t('note')}</label>
        <textarea
          id="close-note"
          maxLength={1000}
          rows={2}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </div>
      {confirming === null ? (
        <div className="form-actions">
          <button type="submit" disabled={busy}>
            {t('close')}
          </button>
        </div>
      ) : (
        <div className="confirm" role="alertdialog" aria-labelledby="close-confirm-text">
          <p id="close-confirm-text">
            {t('confirmClose', { amount: formatMoney(confirming, currency, INTL_LOCALE[locale]) })}
          </p>
          <div className="form-actions">
            <button
              type="button"
              className="button-danger"
              disabled={busy}
              onClick={() => onClose(confirming, note.trim() || null)}
            >
              {t('close')}
            </button>
            <button type="button" className="button-secondary" onClick={() => setConfirming(null)}>
              {t('cancel')}
            </button>
          </div>
        </div>
      )}
    </form>
  );
}
