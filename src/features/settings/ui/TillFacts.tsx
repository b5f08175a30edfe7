import type { Locale } from '../../../lib/i18n';
import { settingsText } from '../messages';

export interface TillFactsProps {
  locale: Locale;
  shop: string;
  outlet: string;
  tillName: string;
  deviceCode: string;
  version: string;
}

export function TillFacts({ locale, shop, outlet, tillName, deviceCode, version }: TillFactsProps) {
  const t = settingsText(locale);
  return (
    <section className="card" aria-labelledby="till-facts-title">
      <h2 id="till-facts-title">{t('till')}</h2>
      <dl className="facts">
        <dt>{t('shop')}</dt>
        <dd>{shop}</dd>
        <dt>{t('outlet')}</dt>
        <dd>{outlet}</dd>
        <dt>{t('tillName')}</dt>
        <dd>{tillName}</dd>
        <dt>{t('deviceCode')}</dt>
        <dd className="mono">{deviceCode}</dd>
        <dt>{t('version')}</dt>
        <dd className="mono">{version}</dd>
      </dl>
    </section>
  );
}
