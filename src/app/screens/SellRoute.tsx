import type { ComponentType } from 'react';
import { shiftText } from '../../features/shifts/messages';
import { shellText } from '../messages';
import { navigate } from '../router';
import { useAppStore } from '../store';

/**
 * The selling screens live in src/app/sell; their entry is `SellScreen` in
 * src/app/sell/SellScreen.tsx. A glob rather than an import keeps the shell building while that
 * module is not there (an empty glob is an empty object).
 */
const sell = import.meta.glob<{ SellScreen: ComponentType }>('../sell/SellScreen.tsx', {
  eager: true,
});
const SellScreen = Object.values(sell)[0]?.SellScreen;

export function SellRoute() {
  const locale = useAppStore((s) => s.locale);
  const hasShift = useAppStore((s) => s.openShift !== null);
  const t = shiftText(locale);
  return (
    <div className="stack">
      {!hasShift && (
        <div className="banner banner-warn" role="status" data-testid="no-shift-banner">
          <p>{t('openBanner')}</p>
          <button type="button" onClick={() => navigate('/shift')}>
            {t('goOpen')}
          </button>
        </div>
      )}
      {SellScreen ? (
        <SellScreen />
      ) : (
        <p className="muted">{shellText(locale)('sellPlaceholder')}</p>
      )}
    </div>
  );
}
