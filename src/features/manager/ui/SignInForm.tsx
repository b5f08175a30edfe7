import { useState, type FormEvent } from 'react';
import type { Locale } from '../../../lib/i18n';
import { managerText } from '../messages';

export interface SignInFormProps {
  locale: Locale;
  busy: boolean;
  error: string | null;
  onSubmit(email: string, password: string): void;
}

export function SignInForm({ locale, busy, error, onSubmit }: SignInFormProps) {
  const t = managerText(locale);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) onSubmit(email, password);
  };
  return (
    <form
      className="card form manager-signin"
      onSubmit={submit}
      aria-labelledby="manager-signin-title"
      data-testid="manager-signin"
    >
      <h2 id="manager-signin-title">{t('signInTitle')}</h2>
      <p className="muted">{t('signInIntro')}</p>
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
          {busy ? t('signingIn') : t('signIn')}
        </button>
      </div>
    </form>
  );
}
