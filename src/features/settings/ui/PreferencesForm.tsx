import { LOCALES, type Locale } from '../../../lib/i18n';
import { LOCALE_NAMES, settingsText } from '../messages';
import { IDLE_LOCK_CHOICES, isIdleLockMinutes, type IdleLockMinutes } from '../model';

export interface PreferencesFormProps {
  locale: Locale;
  idleLockMinutes: IdleLockMinutes;
  onLocale(locale: Locale): void;
  onIdleLock(minutes: IdleLockMinutes): void;
}

export function PreferencesForm({
  locale,
  idleLockMinutes,
  onLocale,
  onIdleLock,
}: PreferencesFormProps) {
  const t = settingsText(locale);
  return (
    <section className="card form" aria-labelledby="prefs-title">
      <h2 id="prefs-title">{t('title')}</h2>
      <fieldset className="choice-list">
        <legend>{t('language')}</legend>
        {LOCALES.map((l) => (
          <label key={l} className="choice" lang={l}>
            <input type="radio" name="locale" checked={locale === l} onChange={() => onLocale(l)} />
            <span>{LOCALE_NAMES[l]}</span>
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="idle-lock">{t('idleLock')}</label>
        <select
          id="idle-lock"
          value={idleLockMinutes}
          onChange={(e) => {
            const minutes = Number(e.target.value);
            if (isIdleLockMinutes(minutes)) onIdleLock(minutes);
          }}
        >
          {IDLE_LOCK_CHOICES.map((m) => (
            <option key={m} value={m}>
              {m === 0 ? t('idleNever') : t('idleMinutes', { count: m })}
            </option>
          ))}
        </select>
      </div>
    </section>
  );
}
