import type { Context } from 'hono';
import type { StackContext } from '../context';
import { bearerToken, verifyJwt, type JwtClaims } from '../jwt';
import { AuthCode, AuthError, badRequest, forbidden } from './errors';
import { findUserById } from './users';
import { isBanned, type UserRow } from './user-json';

/** GOTRUE_JWT_ADMIN_ROLES default. */
const ADMIN_ROLES = ['service_role', 'supabase_admin'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * The bearer's verified claims. The gateway rule (bearerToken) lets `apikey` stand in for a missing
 * Authorization header, as Supabase's API gateway does in front of GoTrue.
 */
async function verifiedClaims(ctx: StackContext, c: Context): Promise<JwtClaims> {
  const token = bearerToken(c.req.raw.headers);
  if (!token) {
    throw new AuthError(
      401,
      AuthCode.noAuthorization,
      'This endpoint requires a valid Bearer token',
    );
  }
  const result = await verifyJwt(token, ctx.config.jwtSecret);
  if (!result.ok) {
    // Wording of GoTrue's parseJWTClaims, which wraps golang-jwt's messages.
    const why =
      result.reason === 'expired' ? 'token has invalid claims: token is expired' : result.message;
    throw forbidden(AuthCode.badJwt, `invalid JWT: unable to parse or verify signature, ${why}`);
  }
  return result.claims;
}

export interface Authenticated {
  claims: JwtClaims;
  user: UserRow;
  /** Null for tokens without a session_id claim (hand-made tokens); GoTrue accepts those too. */
  sessionId: string | null;
}

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/**
 * The session a token names, which must still exist: logout and reuse detection delete or end
 * sessions, and their access tokens must stop working before they expire.
 */
async function liveSessionId(ctx: StackContext, claims: JwtClaims): Promise<string | null> {
  const sid = claims.session_id;
  if (typeof sid !== 'string' || sid === '' || sid === NIL_UUID) return null;
  if (!isUuid(sid))
    throw forbidden(AuthCode.badJwt, 'invalid claim: session_id claim must be a UUID');
  const found = await ctx.db.query('select 1 from auth.sessions where id = $1', [sid]);
  if (found.rows.length === 0) {
    throw forbidden(
      AuthCode.sessionNotFound,
      'Session from session_id claim in JWT does not exist',
    );
  }
  return sid;
}

/** GoTrue's requireAuthentication + maybeLoadUserOrSession. */
export async function requireUser(ctx: StackContext, c: Context): Promise<Authenticated> {
  const claims = await verifiedClaims(ctx, c);
  const sub = typeof claims.sub === 'string' ? claims.sub : '';
  if (!sub) throw forbidden(AuthCode.badJwt, 'invalid claim: missing sub claim');
  if (!isUuid(sub)) throw badRequest(AuthCode.badJwt, 'invalid claim: sub claim must be a UUID');

  const user = await findUserById(ctx.db, sub);
  if (!user) throw forbidden(AuthCode.userNotFound, 'User from sub claim in JWT does not exist');
  const sessionId = await liveSessionId(ctx, claims);
  if (isBanned(user)) throw forbidden(AuthCode.userBanned, 'User is banned');
  return { claims, user, sessionId };
}

/**
 * GoTrue's requireAdminCredentials: a verified token whose role is an admin role. A token that
 * names a session (a signed-in user promoted to an admin role) must still have that session.
 */
export async function requireAdmin(ctx: StackContext, c: Context): Promise<JwtClaims> {
  const claims = await verifiedClaims(ctx, c);
  await liveSessionId(ctx, claims);
  if (typeof claims.role !== 'string' || !ADMIN_ROLES.includes(claims.role)) {
    throw forbidden(AuthCode.notAdmin, 'User not allowed');
  }
  return claims;
}
