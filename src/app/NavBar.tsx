import type { MouseEvent } from 'react';
import { shellText } from './messages';
import { navigate, ROUTES, type Route } from './router';
import { useAppStore } from './store';

const TILL_ROUTES = ROUTES.filter((r) => r !== '/manager');

export function NavBar({ route }: { route: Route }) {
  const t = shellText(useAppStore((s) => s.locale));
  const go = (event: MouseEvent<HTMLAnchorElement>, to: Route) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <nav className="nav" aria-label={t('nav')}>
      {TILL_ROUTES.map((r) => (
        <a
          key={r}
          href={r}
          className="nav-link"
          aria-current={route === r ? 'page' : undefined}
          onClick={(e) => go(e, r)}
        >
          {t(`nav.${r}`)}
        </a>
      ))}
    </nav>
  );
}
