import { useId } from 'react';

export interface MoneyFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  hint?: string;
  error?: string | null;
  autoFocus?: boolean;
  name?: string;
}

/** A text field for money: the numeric keyboard on tablets, parsing left to the form. */
export function MoneyField({
  label,
  value,
  onChange,
  hint,
  error,
  autoFocus,
  name,
}: MoneyFieldProps) {
  const id = useId();
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        className="input-money"
        inputMode="decimal"
        autoComplete="off"
        autoFocus={autoFocus}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={described || undefined}
      />
      {hint && (
        <p id={`${id}-hint`} className="muted">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
