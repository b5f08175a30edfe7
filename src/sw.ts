/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { OUTBOX_SYNC_TAG, PERIODIC_SYNC_TAG, syncFromWorker } from './sync/worker-sync';

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

interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
}

/**
 * Background Sync (Chromium): the page registers OUTBOX_SYNC_TAG whenever it queues a mutation,
 * and the browser fires it when connectivity returns, even with every tab closed. A failed run
 * rejects, so the browser schedules another attempt. Safari and Firefox never fire it; the
 * page's own triggers cover them.
 */
async function drain(): Promise<void> {
  const outcome = await syncFromWorker();
  if (outcome?.kind === 'failed') throw new Error(outcome.error);
}

self.addEventListener('sync', ((event: SyncEvent) => {
  if (event.tag === OUTBOX_SYNC_TAG) event.waitUntil(drain());
}) as EventListener);

self.addEventListener('periodicsync', ((event: SyncEvent) => {
  if (event.tag === PERIODIC_SYNC_TAG) event.waitUntil(drain());
}) as EventListener);

clientsClaim();
