import { useSyncExternalStore } from 'react';
import { acceptUpdate, updateStore } from './pwa';

export function UpdatePrompt() {
  const { waiting } = useSyncExternalStore(updateStore.subscribe, updateStore.get);
  if (!waiting) return null;
  return (
    <div className="update-prompt" role="alertdialog" aria-labelledby="update-title">
      <p id="update-title">
        Versi baru Lapak siap. <span lang="en">A new version is ready.</span>
      </p>
      <button type="button" onClick={acceptUpdate}>
        Muat ulang / Reload
      </button>
    </div>
  );
}
