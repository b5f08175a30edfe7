import { Workbox } from 'workbox-window';

export interface UpdateState {
  /** A new version is installed and waiting for the user's consent. */
  waiting: boolean;
  offlineReady: boolean;
}

type Listener = () => void;
let state: UpdateState = { waiting: false, offlineReady: false };
const listeners = new Set<Listener>();
let workbox: Workbox | undefined;

function set(patch: Partial<UpdateState>): void {
  state = { ...state, ...patch };
  listeners.forEach((l) => l());
}

export const updateStore = {
  get: (): UpdateState => state,
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

/**
 * Registers the service worker. A new version never takes over by itself: it waits until the user
 * accepts, because swapping code under a cashier in the middle of a sale is worse than running
 * the old version a little longer.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  workbox = new Workbox('/sw.js', { scope: '/', type: 'module' });
  workbox.addEventListener('waiting', () => set({ waiting: true }));
  workbox.addEventListener('activated', (event) => {
    if (!event.isUpdate) set({ offlineReady: true });
  });
  // Once the waiting worker took control at the user's request, load the new code.
  workbox.addEventListener('controlling', (event) => {
    if (event.isUpdate) window.location.reload();
  });
  void workbox.register();
}

export function acceptUpdate(): void {
  workbox?.messageSkipWaiting();
}
