import { useState, type FormEvent } from 'react';
import { INTL_LOCALE, type Locale } from '../../../lib/i18n';
import { shiftText } from '../messages';
import { readAmount } from '../model';
import { MoneyField } from './MoneyField';

export interface OpenShiftFormProps {
  locale: Locale;
  currency: string;
  busy: boolean;
  error: string | null;
  onOpen(openingFloat: number): void;
}

export function OpenShiftForm({ locale, currency, busy, error, onOpen }: OpenShiftFormProps) {
  const t = shiftText(locale);
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const amount = readAmount(text, currency, INTL_LOCALE[locale]);
    setInvalid(amount === null);
    if (amount !== null && !busy) onOpen(amount);
  };
  return (
    <form
      className="card form"
      onSubmit={submit}
      aria-labelledby="open-shift-title"
      data-testid="open-shift"
    >
      <h2 id="open-shift-title">{t('openTitle')}</h2>
      <p className="muted">{t('noShift')}</p>
      <MoneyField
        label={t('float')}
        hint={t('floatHint')}
        value={text}
        onChange={setText}
        error={invalid ? t('amountError') : error}
        autoFocus
        name="float"
      />
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {t('open')}
        </button>
      </div>
    </form>
  );
}
