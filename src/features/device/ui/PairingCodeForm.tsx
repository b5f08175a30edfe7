import { useState, type FormEvent } from 'react';
import type { Locale } from '../../../lib/i18n';
import { deviceText } from '../messages';

export interface PairingCodeFormProps {
  locale: Locale;
  busy: boolean;
  error: string | null;
  initialCode?: string;
  onSubmit(code: string): void;
  onBack(): void;
}

export function PairingCodeForm({
  locale,
  busy,
  error,
  initialCode = '',
  onSubmit,
  onBack,
}: PairingCodeFormProps) {
  const t = deviceText(locale);
  const [code, setCode] = useState(initialCode);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) onSubmit(code);
  };
  return (
    <form className="card form" onSubmit={submit} aria-labelledby="code-title">
      <h2 id="code-title">{t('codeTitle')}</h2>
      <label className="field">
        <span>{t('code')}</span>
        <input
          className="input-code"
          autoComplete="one-time-code"
          autoCapitalize="characters"
          spellCheck={false}
          required
          maxLength={16}
          value={code}
          onChange={(e) => setCode(e.target.value.toUpperCase())}
          aria-describedby="code-hint"
        />
      </label>
      <p id="code-hint" className="muted">
        {t('codeHint')}
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {busy ? t('working') : t('claim')}
        </button>
        <button type="button" className="button-secondary" onClick={onBack} disabled={busy}>
          {t('back')}
        </button>
      </div>
    </form>
  );
}
