import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** GoTrue error codes this layer answers with (supabase/auth internal/api/apierrors/errorcode.go). */
export const AuthCode = {
  validationFailed: 'validation_failed',
  badJson: 'bad_json',
  emailExists: 'email_exists',
  phoneExists: 'phone_exists',
  userAlreadyExists: 'user_already_exists',
  badJwt: 'bad_jwt',
  notAdmin: 'not_admin',
  noAuthorization: 'no_authorization',
  userNotFound: 'user_not_found',
  sessionNotFound: 'session_not_found',
  sessionExpired: 'session_expired',
  refreshTokenNotFound: 'refresh_token_not_found',
  refreshTokenAlreadyUsed: 'refresh_token_already_used',
  userBanned: 'user_banned',
  emailNotConfirmed: 'email_not_confirmed',
  invalidCredentials: 'invalid_credentials',
  weakPassword: 'weak_password',
  samePassword: 'same_password',
  overRequestRateLimit: 'over_request_rate_limit',
  phoneProviderDisabled: 'phone_provider_disabled',
  conflict: 'conflict',
  unexpectedFailure: 'unexpected_failure',
} as const;

export type AuthCode = (typeof AuthCode)[keyof typeof AuthCode];

/** An answer GoTrue gives as `HTTPError`: a status, a stable code and a human message. */
export class AuthError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: AuthCode,
    message: string,
    /** Extra response headers, e.g. Retry-After on a 429. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

/** GoTrue's `WeakPasswordError`: always 422 and carries the failed rules. */
export class WeakPasswordError extends AuthError {
  constructor(
    message: string,
    readonly reasons: string[],
  ) {
    super(422, AuthCode.weakPassword, message);
  }
}

/** GoTrue's `OAuthError` form (`{error, error_description}`), used for a missing refresh token. */
export class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }
}

export const badRequest = (code: AuthCode, message: string) => new AuthError(400, code, message);
export const forbidden = (code: AuthCode, message: string) => new AuthError(403, code, message);
export const unprocessable = (code: AuthCode, message: string) => new AuthError(422, code, message);

const API_VERSION_HEADER = 'X-Supabase-Api-Version';

/**
 * Whether the caller asked for the 2024-01-01 error shape. GoTrue (internal/api/apiversions.go)
 * maps any valid date on or after 2024-01-01 to that version and anything else to the initial one.
 */
function wantsVersion20240101(c: Context): boolean {
  const raw = c.req.header(API_VERSION_HEADER);
  if (!raw || !/^\d{4}-\d{2}-\d{2}$/.test(raw)) return false;
  const t = Date.parse(`${raw}T00:00:00Z`);
  return Number.isFinite(t) && t >= Date.UTC(2024, 0, 1);
}

/**
 * Writes an error exactly as GoTrue's HandleResponseError does: auth-js sends the version header
 * and reads `code` only when the response echoes it; older clients read `error_code` and `msg`.
 */
export function errorResponse(c: Context, err: AuthError | OAuthError): Response {
  if (err instanceof OAuthError) {
    return c.json({ error: err.error, error_description: err.description }, 400);
  }
  for (const [name, value] of Object.entries(err.headers)) c.header(name, value);
  c.header('x-sb-error-code', err.code);
  const weak = err instanceof WeakPasswordError ? { weak_password: { reasons: err.reasons } } : {};
  if (wantsVersion20240101(c)) {
    c.header(API_VERSION_HEADER, '2024-01-01');
    return c.json({ code: err.code, message: err.message, ...weak }, err.status);
  }
  return c.json({ code: err.status, error_code: err.code, msg: err.message, ...weak }, err.status);
}

/** Postgres errors that follow from the request, not from a broken server, so they are not 5xx. */
export function fromDatabaseError(err: unknown, action: string): AuthError | undefined {
  const e = err as { code?: unknown; message?: unknown };
  if (typeof e?.code !== 'string') return undefined;
  const detail = typeof e.message === 'string' ? `: ${e.message}` : '';
  if (e.code === '23505')
    return unprocessable(AuthCode.emailExists, `Database error ${action}${detail}`);
  // 23503 foreign_key_violation, 23001 restrict_violation (ON DELETE RESTRICT).
  if (e.code === '23503' || e.code === '23001') {
    return new AuthError(409, AuthCode.conflict, `Database error ${action}${detail}`);
  }
  // Raised by an app trigger on auth.users (RAISE EXCEPTION) or a check/format violation.
  if (e.code === 'P0001' || e.code.startsWith('22') || e.code.startsWith('23')) {
    return badRequest(AuthCode.validationFailed, `Database error ${action}${detail}`);
  }
  return undefined;
}
