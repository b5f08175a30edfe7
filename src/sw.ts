/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope;

// The app shell is precached so the till opens with no network. API traffic is never cached:
// the server's answers are truth only when they are fresh, and the outbox (not a cache) is the
// record of what still has to reach the server.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

const API_PREFIXES = ['/rest/', '/auth/', '/realtime/', '/functions/', '/storage/'];
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/index.html'), {
    denylist: API_PREFIXES.map((p) => new RegExp(`^${p}`)),
  }),
);

// A new version waits until the page asks (the user accepted the update prompt).
self.addEventListener('message', (event: ExtendableMessageEvent) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

clientsClaim();
