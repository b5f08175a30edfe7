import { createClient, type SupabaseClient } from '@supabase/supabase-js';

/**
 * Node 20 has no global WebSocket and realtime-js resolves one when the client is built, even if
 * no channel is ever opened. The auth tests never open one, so a transport that refuses is enough.
 */
class NoWebSocket {
  constructor() {
    throw new Error('the auth tests do not use Realtime');
  }
}

/** The unmodified supabase-js client, one session per instance, nothing persisted or auto-refreshed. */
export function authClient(url: string, key: string): SupabaseClient {
  return createClient(url, key, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: NoWebSocket as unknown as typeof WebSocket },
  });
}
