import { randomBytes, randomUUID } from 'node:crypto';
import type { Queryable } from '../db/types';
import { NOW, updateUser } from './users';

export interface ClientMeta {
  ip: string | null;
  userAgent: string | null;
}

/**
 * Refresh tokens are opaque bearer strings. GoTrue's legacy ones are 12 alphanumerics; these are
 * longer (192 random bits) because nothing but this server ever parses them.
 */
function newRefreshToken(): string {
  return randomBytes(24).toString('base64url');
}

export async function insertRefreshToken(
  q: Queryable,
  userId: string,
  sessionId: string,
  parent: string | null,
): Promise<string> {
  const token = newRefreshToken();
  await q.query(
    `insert into auth.refresh_tokens (instance_id, token, user_id, revoked, parent, session_id,
       created_at, updated_at)
     values ('00000000-0000-0000-0000-000000000000', $1, $2, false, $3, $4, now(), now())`,
    [token, userId, parent, sessionId],
  );
  return token;
}

/**
 * A new session with its first refresh token, as GoTrue's IssueRefreshToken does: session row,
 * the authentication method (the token's `amr`), and the user's last_sign_in_at.
 */
export async function createSession(
  q: Queryable,
  userId: string,
  method: 'password' | 'anonymous',
  meta: ClientMeta,
): Promise<{ sessionId: string; refreshToken: string }> {
  const sessionId = randomUUID();
  await q.query(
    `insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, ip)
     values ($1, $2, now(), now(), 'aal1', $3, $4::inet)`,
    [sessionId, userId, meta.userAgent, meta.ip],
  );
  await q.query(
    `insert into auth.mfa_amr_claims (session_id, created_at, updated_at, authentication_method, id)
     values ($1, now(), now(), $2, $3)`,
    [sessionId, method, randomUUID()],
  );
  const refreshToken = await insertRefreshToken(q, userId, sessionId, null);
  await updateUser(q, userId, { last_sign_in_at: NOW });
  return { sessionId, refreshToken };
}

export type LogoutScope = 'global' | 'local' | 'others';

/**
 * GoTrue's Logout/LogoutSession/LogoutAllExceptMe: deleting session rows cascades to their
 * refresh tokens, and access tokens naming a deleted session are refused by requireUser.
 */
export async function logout(
  q: Queryable,
  userId: string,
  sessionId: string | null,
  scope: LogoutScope,
): Promise<void> {
  if (sessionId !== null && scope === 'local') {
    await q.query('delete from auth.sessions where id = $1', [sessionId]);
  } else if (sessionId !== null && scope === 'others') {
    await q.query('delete from auth.sessions where user_id = $1 and id <> $2', [userId, sessionId]);
  } else {
    await q.query('delete from auth.sessions where user_id = $1', [userId]);
  }
}
