import { Workbox } from 'workbox-window';
import { useAppStore } from './store';

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

const saleInProgress = () => useAppStore.getState().saleInProgress;

/** Reloads now, or as soon as the sale on screen is finished: a cart is never lost to an update. */
function reloadWhenNoSale(): void {
  if (!saleInProgress()) {
    window.location.reload();
    return;
  }
  const unsubscribe = useAppStore.subscribe((s) => {
    if (!s.saleInProgress) {
      unsubscribe();
      window.location.reload();
    }
  });
}

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
  // Once the waiting worker took control (accepted here or in another tab), load the new code,
  // but not under a sale in progress.
  workbox.addEventListener('controlling', (event) => {
    if (event.isUpdate) reloadWhenNoSale();
  });
  void workbox.register();
}

/** The user accepted the update. Refused while a sale is in progress (the prompt hides then). */
export function acceptUpdate(): void {
  if (saleInProgress()) return;
  workbox?.messageSkipWaiting();
}
