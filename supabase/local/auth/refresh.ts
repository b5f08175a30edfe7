import type { StackContext } from '../context';
import type { Queryable } from '../db/types';
import { AuthCode, AuthError, badRequest } from './errors';
import { insertRefreshToken, type ClientMeta } from './sessions';
import { sessionResponse } from './tokens';
import { findUserById } from './users';
import { isBanned } from './user-json';

interface TokenRow {
  id: string;
  token: string;
  revoked: boolean | null;
  session_id: string | null;
}

type Outcome = { ok: true; body: Record<string, unknown> } | { ok: false; error: AuthError };

const fail = (code: AuthCode, message: string): Outcome => ({
  ok: false,
  error: badRequest(code, message),
});

/**
 * grant_type=refresh_token with GoTrue's rotation rules (internal/tokens/service.go):
 * - a live token is revoked and replaced by a child in the same session;
 * - the parent of the session's live token gets that live token back (the client lost the
 *   previous answer; GoTrue allows this at any time);
 * - another rotated token is still exchanged within `refreshTokenReuseInterval` seconds of its
 *   rotation (concurrent tabs), and after that its reuse revokes every token of the session and
 *   answers refresh_token_already_used. The interval only applies while the session still has a
 *   live token, so once the family is revoked no token of it is ever honoured again (GoTrue's
 *   revocation bumps updated_at, which would reopen the interval).
 * The revocation must be committed even though the request fails, hence the Outcome value
 * instead of a throw inside the transaction.
 */
export async function refreshGrant(
  ctx: StackContext,
  refreshToken: string,
  meta: ClientMeta,
): Promise<Record<string, unknown>> {
  const outcome = await ctx.db.transaction(async (tx): Promise<Outcome> => {
    const found = await tx.query<TokenRow>(
      'select id, token, revoked, session_id from auth.refresh_tokens where token = $1',
      [refreshToken],
    );
    const row = found.rows[0];
    if (!row)
      return fail(AuthCode.refreshTokenNotFound, 'Invalid Refresh Token: Refresh Token Not Found');
    if (!row.session_id) {
      await tx.query('delete from auth.refresh_tokens where id = $1', [row.id]);
      return fail(AuthCode.sessionNotFound, 'Invalid Refresh Token: No Valid Session Found');
    }

    // Serializes refreshes of one session on PostgreSQL: a concurrent request waits here and
    // then sees the rotation the first one committed.
    const locked = await tx.query<{ user_id: string; past_not_after: boolean }>(
      `select user_id, coalesce(not_after < now(), false) as past_not_after
       from auth.sessions where id = $1 for update`,
      [row.session_id],
    );
    const session = locked.rows[0];
    if (!session)
      return fail(AuthCode.sessionNotFound, 'Invalid Refresh Token: No Valid Session Found');

    const user = await findUserById(tx, session.user_id);
    if (!user)
      return fail(AuthCode.refreshTokenNotFound, 'Invalid Refresh Token: Refresh Token Not Found');
    if (isBanned(user)) return fail(AuthCode.userBanned, 'Invalid Refresh Token: User Banned');
    if (session.past_not_after)
      return fail(AuthCode.sessionExpired, 'Invalid Refresh Token: Session Expired');

    const issued = await reuseOrRotate(
      tx,
      row,
      session.user_id,
      ctx.config.auth.refreshTokenReuseInterval,
    );
    if (!issued.ok) return issued;

    await tx.query(
      `update auth.sessions set refreshed_at = now(), updated_at = now(), user_agent = $2,
         ip = $3::inet where id = $1`,
      [row.session_id, meta.userAgent, meta.ip],
    );
    return {
      ok: true,
      body: await sessionResponse(ctx, tx, session.user_id, row.session_id, issued.token),
    };
  });
  if (!outcome.ok) throw outcome.error;
  return outcome.body;
}

async function reuseOrRotate(
  tx: Queryable,
  token: TokenRow,
  userId: string,
  reuseIntervalSeconds: number,
): Promise<{ ok: true; token: string } | { ok: false; error: AuthError }> {
  const sessionId = token.session_id!;
  // Re-read under the session lock: the row may have been rotated while this request waited.
  const state = await tx.query<{ revoked: boolean; reuse_open: boolean }>(
    `select coalesce(revoked, false) as revoked,
       now() <= updated_at + make_interval(secs => $2) as reuse_open
     from auth.refresh_tokens where id = $1`,
    [token.id, reuseIntervalSeconds],
  );
  const current = state.rows[0];
  if (!current)
    return {
      ok: false,
      error: badRequest(
        AuthCode.refreshTokenNotFound,
        'Invalid Refresh Token: Refresh Token Not Found',
      ),
    };

  if (current.revoked) {
    const active = await tx.query<{ token: string; parent: string | null }>(
      `select token, parent from auth.refresh_tokens
       where session_id = $1 and revoked = false order by id desc limit 1`,
      [sessionId],
    );
    const live = active.rows[0];
    if (live && live.parent === token.token) return { ok: true, token: live.token };
    if (!live || !current.reuse_open) {
      await tx.query(
        `update auth.refresh_tokens set revoked = true, updated_at = now()
         where session_id = $1 and revoked = false`,
        [sessionId],
      );
      return {
        ok: false,
        error: new AuthError(
          400,
          AuthCode.refreshTokenAlreadyUsed,
          'Invalid Refresh Token: Already Used',
        ),
      };
    }
  } else {
    await tx.query(
      'update auth.refresh_tokens set revoked = true, updated_at = now() where id = $1',
      [token.id],
    );
  }
  return { ok: true, token: await insertRefreshToken(tx, userId, sessionId, token.token) };
}
