import { useSyncExternalStore } from 'react';

export const ROUTES = ['/', '/shift', '/sync', '/settings', '/manager'] as const;
export type Route = (typeof ROUTES)[number];

const NAVIGATE = 'lapak:navigate';

function current(): Route {
  const path = location.pathname.replace(/\/+$/, '') || '/';
  return (ROUTES as readonly string[]).includes(path) ? (path as Route) : '/';
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE, onChange);
  };
}

/** Path routing over the History API: five routes need no router library. */
export function useRoute(): Route {
  return useSyncExternalStore(subscribe, current);
}

export function navigate(route: Route): void {
  if (current() === route) return;
  history.pushState(null, '', route);
  window.dispatchEvent(new Event(NAVIGATE));
}
