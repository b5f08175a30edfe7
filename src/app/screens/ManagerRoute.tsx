import { shellText } from '../messages';
import { useAppStore } from '../store';

/** The manager's live view of every till comes later; the route exists so links and the worker know it. */
export function ManagerRoute() {
  const t = shellText(useAppStore((s) => s.locale));
  return (
    <section className="card">
      <h2>{t('managerTitle')}</h2>
      <p className="muted">{t('managerPlaceholder')}</p>
    </section>
  );
}
