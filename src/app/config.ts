import { z } from 'zod';
import { DeviceError, serverConfig, type ServerConfig } from '../features/device/model';
import { DomainError } from '../lib/errors';

/** What `GET /lapak-config.json` answers on a self-hosted stack (supabase/local/stack.ts). */
const servedConfig = z.object({ anonKey: z.string().min(1) });

/**
 * Where the Supabase API is. A hosted deploy builds with VITE_SUPABASE_URL and
 * VITE_SUPABASE_ANON_KEY; the local stack serves the PWA and the API on one origin and tells the
 * anon key at /lapak-config.json. Pairing saves the answer in meta, so after that the till (and
 * its service worker) never needs to ask again, online or not.
 */
export async function resolveServerConfig(
  fetchFn: typeof fetch = fetch,
  origin: string = location.origin,
): Promise<ServerConfig> {
  const url = import.meta.env.VITE_SUPABASE_URL as string | undefined;
  const anonKey = import.meta.env.VITE_SUPABASE_ANON_KEY as string | undefined;
  if (url && anonKey) return serverConfig.parse({ url, anonKey });
  try {
    const res = await fetchFn('/lapak-config.json', { cache: 'no-store' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const served = servedConfig.parse(await res.json());
    return { url: origin, anonKey: served.anonKey };
  } catch (cause) {
    throw new DomainError(DeviceError.CONFIG_UNAVAILABLE, { cause });
  }
}
