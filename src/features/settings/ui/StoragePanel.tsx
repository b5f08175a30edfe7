import { INTL_LOCALE, type Locale } from '../../../lib/i18n';
import { settingsText } from '../messages';
import { formatBytes, type StorageReport } from '../model';

export interface StoragePanelProps {
  locale: Locale;
  report: StorageReport | null;
  onRequestPersistence(): void;
}

export function StoragePanel({ locale, report, onRequestPersistence }: StoragePanelProps) {
  const t = settingsText(locale);
  const bytes = (n: number | null | undefined) =>
    n === null || n === undefined ? t('unknown') : formatBytes(n, INTL_LOCALE[locale]);
  const share =
    report?.usage != null && report.quota
      ? new Intl.NumberFormat(INTL_LOCALE[locale], {
          style: 'percent',
          maximumSignificantDigits: 2,
        }).format(report.usage / report.quota)
      : null;
  return (
    <section className="card" aria-labelledby="storage-title" data-testid="storage-panel">
      <h2 id="storage-title">{t('storage')}</h2>
      <dl className="facts">
        <dt>{t('used')}</dt>
        <dd data-testid="storage-usage">
          {bytes(report?.usage)}
          {share && <span className="muted"> ({share})</span>}
        </dd>
        <dt>{t('quota')}</dt>
        <dd>{bytes(report?.quota)}</dd>
        <dt>{t('persisted')}</dt>
        <dd>
          {report?.persisted === true
            ? t('persistedYes')
            : report?.persisted === false
              ? t('persistedNo')
              : t('unknown')}
        </dd>
      </dl>
      {report?.persisted === false && (
        <button type="button" className="button-secondary" onClick={onRequestPersistence}>
          {t('askPersist')}
        </button>
      )}
    </section>
  );
}
