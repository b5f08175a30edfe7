import { useId, useState } from 'react';
import type { Locale } from '../../../lib/i18n';
import { INTL_LOCALE } from '../../../lib/i18n';
import { formatMoney, parseMoney } from '../../../lib/money';

export interface MoneyInputProps {
  label: string;
  /** Minor units, or null when the field is empty or unreadable. */
  value: number | null;
  onChange(value: number | null): void;
  currency: string;
  locale: Locale;
  invalidText: string;
  autoFocus?: boolean;
  testId?: string;
}

/**
 * A money field that takes what cashiers type ("50000", "50.000", "50rb", "1,5jt") and says so
 * when it cannot read it, instead of guessing.
 */
export function MoneyInput(props: MoneyInputProps) {
  const { label, value, onChange, currency, locale, invalidText, autoFocus, testId } = props;
  const id = useId();
  const intl = INTL_LOCALE[locale];
  const [text, setText] = useState(value === null ? '' : String(value));
  const [shown, setShown] = useState(value);
  const [invalid, setInvalid] = useState(false);
  // A value set from outside (a quick-amount button) replaces what was typed.
  if (value !== shown) {
    setShown(value);
    if (value === null || safeParse(text, currency, intl) !== value) {
      setText(value === null ? '' : String(value));
      setInvalid(false);
    }
  }

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        inputMode="decimal"
        autoComplete="off"
        value={text}
        autoFocus={autoFocus}
        aria-invalid={invalid}
        aria-describedby={invalid ? `${id}-err` : `${id}-hint`}
        data-testid={testId}
        onChange={(e) => {
          const next = e.target.value;
          setText(next);
          const parsed = next.trim() === '' ? null : safeParse(next, currency, intl);
          setInvalid(next.trim() !== '' && parsed === null);
          setShown(parsed);
          onChange(parsed);
        }}
      />
      {invalid ? (
        <span id={`${id}-err`} className="field-error" role="alert">
          {invalidText}
        </span>
      ) : (
        <span id={`${id}-hint`} className="field-hint">
          {value !== null ? formatMoney(value, currency, intl) : '\u00a0'}
        </span>
      )}
    </div>
  );
}

function safeParse(text: string, currency: string, intl: 'id-ID' | 'en'): number | null {
  try {
    return parseMoney(text, currency, intl);
  } catch {
    return null;
  }
}
