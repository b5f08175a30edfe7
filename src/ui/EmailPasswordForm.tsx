import { useState, type FormEvent, type ReactNode } from 'react';

export interface EmailPasswordFormProps {
  /** Id of the heading that names the form. */
  titleId: string;
  title: string;
  intro: string;
  labels: { email: string; password: string; submit: string; busy: string };
  busy: boolean;
  error: string | null;
  onSubmit(email: string, password: string): void;
  /** Buttons shown after the submit button, e.g. another way in. */
  extraActions?: ReactNode;
  className?: string;
  testId?: string;
}

/** An email + password sign-in card: the till's pairing and the manager dashboard both use it. */
export function EmailPasswordForm({
  titleId,
  title,
  intro,
  labels,
  busy,
  error,
  onSubmit,
  extraActions,
  className,
  testId,
}: EmailPasswordFormProps) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) onSubmit(email, password);
  };
  return (
    <form
      className={className ? `card form ${className}` : 'card form'}
      onSubmit={submit}
      aria-labelledby={titleId}
      data-testid={testId}
    >
      <h2 id={titleId}>{title}</h2>
      <p className="muted">{intro}</p>
      <label className="field">
        <span>{labels.email}</span>
        <input
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </label>
      <label className="field">
        <span>{labels.password}</span>
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
          {busy ? labels.busy : labels.submit}
        </button>
        {extraActions}
      </div>
    </form>
  );
}
