import { randomUUID } from 'node:crypto';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { signJwt } from '../../../local/jwt';
import type { RunningStack } from '../../../local/stack';

/**
 * Node 20 has no global WebSocket and realtime-js resolves one when a client is built; these
 * tests never open a channel, so a transport that refuses is enough.
 */
class NoWebSocket {
  constructor() {
    throw new Error('the database tests do not use Realtime');
  }
}

/** The unmodified supabase-js client, with a bearer token when given one. */
export function supabaseClient(stack: RunningStack, accessToken?: string): SupabaseClient {
  return createClient(stack.url, stack.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: NoWebSocket as never },
    ...(accessToken ? { global: { headers: { Authorization: `Bearer ${accessToken}` } } } : {}),
  });
}

/** An access token exactly as GoTrue issues it for this user (HS256 with the stack's secret). */
export function accessToken(
  stack: RunningStack,
  sub: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return signJwt(
    {
      sub,
      role: 'authenticated',
      aud: 'authenticated',
      iat: now,
      exp: now + 3600,
      app_metadata: { provider: 'email', providers: ['email'] },
      user_metadata: {},
      is_anonymous: false,
      ...extra,
    },
    stack.jwtSecret,
  );
}

/**
 * A row in auth.users, as GoTrue would have written it on sign-up. Tests create users directly
 * (bcrypt at every sign-up would dominate their run time) and sign their tokens.
 */
export async function createAuthUser(
  stack: RunningStack,
  { email, anonymous = false }: { email?: string; anonymous?: boolean } = {},
): Promise<string> {
  const id = randomUUID();
  await stack.db.query(
    `insert into auth.users (instance_id, id, aud, role, email, email_confirmed_at, raw_app_meta_data,
       raw_user_meta_data, is_anonymous, created_at, updated_at)
     values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', 'authenticated', $2::text,
       case when $2::text is null then null else now() end, $3, '{}', $4, now(), now())`,
    [
      id,
      anonymous ? null : (email ?? `${id}@example.test`),
      anonymous
        ? { provider: 'anonymous', providers: ['anonymous'] }
        : { provider: 'email', providers: ['email'] },
      anonymous,
    ],
  );
  return id;
}

export async function userClient(
  stack: RunningStack,
  userId: string,
  extra: Record<string, unknown> = {},
): Promise<SupabaseClient> {
  return supabaseClient(stack, await accessToken(stack, userId, extra));
}

/** Unwraps a supabase-js answer, failing with the server's error when there is one. */
export function ok<T>(res: { data: T; error: unknown }): NonNullable<T> {
  if (res.error) throw new Error(`unexpected error: ${JSON.stringify(res.error)}`);
  if (res.data === null || res.data === undefined) throw new Error('unexpected empty answer');
  return res.data as NonNullable<T>;
}

export interface ApiError {
  code: string;
  message: string;
  details: string | null;
  hint: string | null;
}

/** The error of a call that must fail. */
export function failed(res: { error: unknown }): ApiError {
  if (!res.error) throw new Error('expected the call to fail');
  return res.error as ApiError;
}
