import type { AuthSettings } from '../config';
import type { Queryable } from '../db/types';
import { AuthCode, AuthError } from './errors';

/**
 * Failed password sign-ins, counted per email and per client IP in a sliding window and stored in
 * auth.failed_sign_ins so a lockout survives a restart. GoTrue itself only has in-memory per-IP
 * request limiters; its 429 code and message are reused so clients handle both alike.
 * maxFailedSignIns = 0 switches the limit off.
 */
export interface SignInKeys {
  email: string;
  ip: string | null;
}

/** The per-IP bound is looser: several cashiers may share one address behind a shop router. */
const IP_FACTOR = 4;

function limits(keys: SignInKeys, settings: AuthSettings): { key: string; max: number }[] {
  const out = [{ key: `email:${keys.email.toLowerCase()}`, max: settings.maxFailedSignIns }];
  if (keys.ip) out.push({ key: `ip:${keys.ip}`, max: settings.maxFailedSignIns * IP_FACTOR });
  return out;
}

/** Throws 429 over_request_rate_limit while either key has used up its failures in the window. */
export async function assertSignInAllowed(
  q: Queryable,
  keys: SignInKeys,
  settings: AuthSettings,
): Promise<void> {
  if (settings.maxFailedSignIns <= 0) return;
  for (const { key, max } of limits(keys, settings)) {
    const res = await q.query<{ n: number; retry_after: number | null }>(
      `select count(*)::int as n,
         ceil(extract(epoch from min(created_at) + make_interval(secs => $2) - now()))::int
           as retry_after
       from auth.failed_sign_ins
       where key = $1 and created_at > now() - make_interval(secs => $2)`,
      [key, settings.failedSignInWindowSeconds],
    );
    const row = res.rows[0];
    if (row && row.n >= max) {
      const wait = Math.max(1, row.retry_after ?? settings.failedSignInWindowSeconds);
      throw new AuthError(
        429,
        AuthCode.overRequestRateLimit,
        `Request rate limit reached: too many failed sign-in attempts, try again in ${wait} seconds`,
        { 'Retry-After': String(wait) },
      );
    }
  }
}

export async function recordSignInFailure(
  q: Queryable,
  keys: SignInKeys,
  settings: AuthSettings,
): Promise<void> {
  if (settings.maxFailedSignIns <= 0) return;
  for (const { key } of limits(keys, settings)) {
    await q.query('insert into auth.failed_sign_ins (key) values ($1)', [key]);
  }
  // Rows that left the window can never count again; pruning here keeps the table small.
  await q.query(
    'delete from auth.failed_sign_ins where created_at < now() - make_interval(secs => $1)',
    [settings.failedSignInWindowSeconds],
  );
}

/** A correct password clears the account's own count (not the IP's, which may be an attacker's). */
export async function clearSignInFailures(q: Queryable, email: string): Promise<void> {
  await q.query('delete from auth.failed_sign_ins where key = $1', [
    `email:${email.toLowerCase()}`,
  ]);
}
