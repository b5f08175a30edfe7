import { useState, type FormEvent } from 'react';
import type { Locale } from '../../../lib/i18n';
import { deviceText } from '../messages';

export interface ManagerSignInFormProps {
  locale: Locale;
  busy: boolean;
  error: string | null;
  onSubmit(email: string, password: string): void;
  onUseCode(): void;
}

export function ManagerSignInForm({
  locale,
  busy,
  error,
  onSubmit,
  onUseCode,
}: ManagerSignInFormProps) {
  const t = deviceText(locale);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) onSubmit(email, password);
  };
  return (
    <form
      className="card form"
      onSubmit={submit}
      aria-labelledby="pair-title"
      data-testid="manager-sign-in"
    >
      <h2 id="pair-title">{t('title')}</h2>
      <p className="muted">{t('intro')}</p>
      <label className="field">
        <span>{t('email')}</span>
        <input
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </label>
      <label className="field">
        <span>{t('password')}</span>
        <input
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {busy ? t('working') : t('signIn')}
        </button>
        <button type="button" className="button-link" onClick={onUseCode} disabled={busy}>
          {t('haveCode')}
        </button>
      </div>
    </form>
  );
}
