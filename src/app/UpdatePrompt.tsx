import { useSyncExternalStore } from 'react';
import { shellText } from './messages';
import { acceptUpdate, updateStore } from './pwa';
import { useAppStore } from './store';

export function UpdatePrompt() {
  const { waiting } = useSyncExternalStore(updateStore.subscribe, updateStore.get);
  const locale = useAppStore((s) => s.locale);
  const saleInProgress = useAppStore((s) => s.saleInProgress);
  if (!waiting) return null;
  const t = shellText(locale);
  if (saleInProgress) {
    return (
      <div className="update-prompt" role="status" data-testid="update-prompt">
        <p>{t('updateAfterSale')}</p>
      </div>
    );
  }
  return (
    <div
      className="update-prompt"
      role="alertdialog"
      aria-labelledby="update-title"
      data-testid="update-prompt"
    >
      <p id="update-title">{t('updateReady')}</p>
      <button type="button" onClick={acceptUpdate}>
        {t('updateReload')}
      </button>
    </div>
  );
}
