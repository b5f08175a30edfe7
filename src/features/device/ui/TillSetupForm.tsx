import { useState, type FormEvent } from 'react';
import type { Locale } from '../../../lib/i18n';
import { deviceText } from '../messages';
import { TILL_NAME_MAX, type Outlet } from '../model';

export interface TillSetupFormProps {
  locale: Locale;
  outlets: readonly Outlet[];
  busy: boolean;
  error: string | null;
  onSubmit(outletId: string, tillName: string): void;
  onCancel(): void;
}

export function TillSetupForm({
  locale,
  outlets,
  busy,
  error,
  onSubmit,
  onCancel,
}: TillSetupFormProps) {
  const t = deviceText(locale);
  const [outletId, setOutletId] = useState(outlets[0]?.id ?? '');
  const [name, setName] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy && outletId) onSubmit(outletId, name);
  };
  return (
    <form className="card form" onSubmit={submit} aria-labelledby="setup-title">
      <h2 id="setup-title">{t('setupTitle')}</h2>
      <fieldset className="choice-list">
        <legend>{t('outlet')}</legend>
        {outlets.map((o) => (
          <label key={o.id} className="choice">
            <input
              type="radio"
              name="outlet"
              value={o.id}
              checked={outletId === o.id}
              onChange={() => setOutletId(o.id)}
            />
            <span>
              {o.name} <span className="muted">({o.code})</span>
            </span>
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>{t('tillName')}</span>
        <input
          required
          maxLength={TILL_NAME_MAX}
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-describedby="till-name-hint"
        />
      </label>
      <p id="till-name-hint" className="muted">
        {t('tillNameHint')}
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" disabled={busy || !outletId}>
          {busy ? t('working') : t('register')}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel} disabled={busy}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
