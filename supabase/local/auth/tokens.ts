import type { StackContext } from '../context';
import type { Queryable } from '../db/types';
import { signJwt } from '../jwt';
import { AuthCode, AuthError } from './errors';
import { findUserById } from './users';
import { userJson, type UserRow } from './user-json';

export interface AmrEntry {
  method: string;
  timestamp: number;
}

export interface SessionClaims {
  id: string;
  aal: string;
  amr: AmrEntry[];
}

/** The session facts an access token carries: its assurance level and how it was authenticated. */
export async function loadSessionClaims(
  q: Queryable,
  sessionId: string,
): Promise<SessionClaims | null> {
  const res = await q.query<{ aal: string | null; amr: AmrEntry[] | null }>(
    `select s.aal,
       (select json_agg(json_build_object('method', c.authentication_method,
                 'timestamp', floor(extract(epoch from c.updated_at))::bigint)
               order by c.updated_at desc)
          from auth.mfa_amr_claims c where c.session_id = s.id) as amr
     from auth.sessions s where s.id = $1`,
    [sessionId],
  );
  const row = res.rows[0];
  if (!row) return null;
  return { id: sessionId, aal: row.aal ?? 'aal1', amr: (row.amr ?? []).map(normalizeAmr) };
}

// json_build_object renders bigint as a JSON number, but be strict: the claim must be a number.
function normalizeAmr(e: AmrEntry): AmrEntry {
  return { method: String(e.method), timestamp: Number(e.timestamp) };
}

/**
 * Signs an access token with GoTrue's claim set (internal/tokens/service.go GenerateAccessToken):
 * `aud` a plain string, `iss` the auth URL, the user's metadata, and the session's aal/amr/id.
 */
export async function signAccessToken(
  ctx: StackContext,
  user: UserRow,
  session: SessionClaims,
): Promise<{ token: string; expiresAt: number }> {
  const iat = Math.floor(Date.now() / 1000);
  const expiresAt = iat + ctx.config.auth.accessTokenTtl;
  const token = await signJwt(
    {
      aud: user.aud ?? 'authenticated',
      exp: expiresAt,
      iat,
      iss: `${ctx.config.url}/auth/v1`,
      sub: user.id,
      email: user.email ?? '',
      phone: user.phone ?? '',
      app_metadata: user.raw_app_meta_data ?? {},
      user_metadata: user.raw_user_meta_data ?? {},
      role: user.role ?? '',
      aal: session.aal,
      amr: session.amr,
      session_id: session.id,
      is_anonymous: user.is_anonymous,
    },
    ctx.config.jwtSecret,
  );
  return { token, expiresAt };
}

/**
 * The body of every successful grant (AccessTokenResponse). auth-js treats a body as a session
 * only when access_token, refresh_token and expires_in are all present.
 */
export async function sessionResponse(
  ctx: StackContext,
  q: Queryable,
  userId: string,
  sessionId: string,
  refreshToken: string,
): Promise<Record<string, unknown>> {
  const user = await findUserById(q, userId);
  const session = await loadSessionClaims(q, sessionId);
  if (!user || !session) {
    // Only reachable if the rows vanished inside the caller's own transaction.
    throw new AuthError(
      500,
      AuthCode.unexpectedFailure,
      'Session disappeared while issuing tokens',
    );
  }
  const { token, expiresAt } = await signAccessToken(ctx, user, session);
  return {
    access_token: token,
    token_type: 'bearer',
    // The configured lifetime, not exp - now: the two can differ by a second at a boundary.
    expires_in: ctx.config.auth.accessTokenTtl,
    expires_at: expiresAt,
    refresh_token: refreshToken,
    user: userJson(user),
  };
}
