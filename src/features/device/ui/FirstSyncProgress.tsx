import { formatNumber, type Locale } from '../../../lib/i18n';
import { deviceText } from '../messages';

export interface FirstSyncProgressProps {
  locale: Locale;
  /** 0…1 */
  fraction: number;
  rows: number;
  /** Why the download stopped, in words; null while it runs or once done. */
  error: string | null;
  onRetry(): void;
}

export function FirstSyncProgress({
  locale,
  fraction,
  rows,
  error,
  onRetry,
}: FirstSyncProgressProps) {
  const t = deviceText(locale);
  const percent = Math.round(fraction * 100);
  return (
    <section className="card" aria-labelledby="sync-title" data-testid="first-sync">
      <h2 id="sync-title">{t('syncTitle')}</h2>
      <div
        className="progress"
        role="progressbar"
        aria-label={t('progress')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <div className="progress-bar" style={{ width: `${percent}%` }} />
      </div>
      <p className="muted" aria-live="polite">
        {fraction >= 1 ? t('syncDone') : t('syncRows', { count: formatNumber(rows, locale) })}
      </p>
      {error && (
        <>
          <p className="form-error" role="alert">
            {t('syncFailed', { reason: error })}
          </p>
          <button type="button" onClick={onRetry}>
            {t('retry')}
          </button>
        </>
      )}
    </section>
  );
}
