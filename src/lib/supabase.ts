import { createClient, type SupabaseClient } from '@supabase/supabase-js';

/** Async key-value storage for the auth session (IndexedDB on the till, so the worker shares it). */
export interface SessionStorage {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
}

export interface ClientConfig {
  url: string;
  anonKey: string;
  storage?: SessionStorage;
  /**
   * Where the session is kept (and the name of its cross-tab channel). The till's is
   * `lapak-auth`; a second signed-in identity in the same browser needs its own key, or each
   * client would overwrite and sign out the other.
   */
  storageKey?: string;
  /** The worker refreshes on demand; only a page keeps a refresh timer. */
  autoRefreshToken?: boolean;
  fetch?: typeof fetch;
  /** A WebSocket constructor where the runtime has none (Node 20: the `ws` package). */
  realtimeTransport?: unknown;
}

/** The one way Lapak creates a Supabase client, for the page, the worker and tests alike. */
export function createLapakClient(config: ClientConfig): SupabaseClient {
  return createClient(config.url, config.anonKey, {
    auth: {
      persistSession: config.storage !== undefined,
      autoRefreshToken: config.autoRefreshToken ?? config.storage !== undefined,
      detectSessionInUrl: false,
      ...(config.storage && {
        storage: config.storage,
        storageKey: config.storageKey ?? 'lapak-auth',
      }),
    },
    ...(config.fetch && { global: { fetch: config.fetch } }),
    ...(config.realtimeTransport !== undefined && {
      realtime: { transport: config.realtimeTransport as never },
    }),
  });
}
