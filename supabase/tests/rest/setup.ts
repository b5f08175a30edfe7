import { fileURLToPath } from 'node:url';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { signJwt } from '../../local/jwt';
import type { RunningStack } from '../../local/stack';
import { startTestStack } from '../helpers/stack';

export const FIXTURE_DIR = fileURLToPath(new URL('./fixture/', import.meta.url));
export const USER_A = '00000000-0000-4000-8000-00000000000a';
export const USER_B = '00000000-0000-4000-8000-00000000000b';

export interface RestFixture {
  stack: RunningStack;
  anon: SupabaseClient;
  userA: SupabaseClient;
  userB: SupabaseClient;
  service: SupabaseClient;
  tokenA: string;
  /** Raw fetch against `/rest/v1`, with the anon key unless headers say otherwise. */
  rest(path: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

export function userToken(
  stack: RunningStack,
  sub: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const exp = Math.floor(Date.now() / 1000) + 3600;
  return signJwt(
    { sub, role: 'authenticated', aud: 'authenticated', exp, ...extra },
    stack.jwtSecret,
  );
}

/**
 * Node 20 has no global WebSocket and realtime-js resolves one when a client is built; these
 * tests never open a channel, so a transport that refuses is enough.
 */
class NoWebSocket {
  constructor() {
    throw new Error('the REST tests do not use Realtime');
  }
}

function client(stack: RunningStack, key: string, accessToken?: string): SupabaseClient {
  return createClient(stack.url, key, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: NoWebSocket as never },
    ...(accessToken ? { global: { headers: { Authorization: `Bearer ${accessToken}` } } } : {}),
  });
}

/** One stack per test file, with the REST fixture project migrated and seeded. */
export async function startRestFixture(): Promise<RestFixture> {
  const stack = await startTestStack({ supabaseDir: FIXTURE_DIR, seed: true });
  const tokenA = await userToken(stack, USER_A);
  const tokenB = await userToken(stack, USER_B);
  return {
    stack,
    anon: client(stack, stack.anonKey),
    userA: client(stack, stack.anonKey, tokenA),
    userB: client(stack, stack.anonKey, tokenB),
    service: client(stack, stack.serviceRoleKey),
    tokenA,
    rest(path, init = {}) {
      const headers = new Headers(init.headers);
      if (!headers.has('apikey')) headers.set('apikey', stack.anonKey);
      return fetch(`${stack.url}/rest/v1${path}`, { ...init, headers });
    },
    stop: () => stack.stop(),
  };
}
