import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningStack } from '../../local/stack';
import { startTestStack } from '../helpers/stack';
import { authClient } from './client';
import { FAST, FIXTURE_DIR, rawAuth } from './setup';

// Reuse interval 0: any rotated token other than the live token's parent is refused at once.
let stack: RunningStack;
beforeAll(async () => {
  stack = await startTestStack({
    supabaseDir: FIXTURE_DIR,
    auth: { ...FAST, refreshTokenReuseInterval: 0 },
  });
  await authClient(stack.url, stack.serviceRoleKey).auth.admin.createUser({
    email: 'kasir@kafe.test',
    password: 'correct-horse',
    email_confirm: true,
  });
});
afterAll(() => stack?.stop());

async function signIn() {
  const c = authClient(stack.url, stack.anonKey);
  const { data, error } = await c.auth.signInWithPassword({
    email: 'kasir@kafe.test',
    password: 'correct-horse',
  });
  expect(error).toBeNull();
  return { client: c, session: data.session! };
}

const refresh = (token: string) =>
  rawAuth(stack, '/token?grant_type=refresh_token', {
    method: 'POST',
    body: { refresh_token: token },
  });

describe('refresh token rotation', () => {
  it('swaps the refresh token for a new one in the same session', async () => {
    const { client, session } = await signIn();
    const { data, error } = await client.auth.refreshSession();
    expect(error).toBeNull();
    const next = data.session!;
    expect(next.refresh_token).not.toBe(session.refresh_token);
    expect(decodeJwt(next.access_token).session_id).toBe(
      decodeJwt(session.access_token).session_id,
    );
    expect((await client.auth.getUser(next.access_token)).error).toBeNull();

    const rows = await stack.db.query<{ token: string; revoked: boolean; parent: string | null }>(
      'select token, revoked, parent from auth.refresh_tokens where session_id = $1 order by id',
      [decodeJwt(session.access_token).session_id],
    );
    expect(rows.rows).toEqual([
      { token: session.refresh_token, revoked: true, parent: null },
      { token: next.refresh_token, revoked: false, parent: session.refresh_token },
    ]);
  });

  it('gives the live token back to a client that lost the previous answer', async () => {
    const { session } = await signIn();
    const first = await refresh(session.refresh_token);
    const retry = await refresh(session.refresh_token);
    expect(retry.status).toBe(200);
    expect(retry.json!.refresh_token).toBe(first.json!.refresh_token);
  });

  it('serializes concurrent refreshes of one token onto one successor', async () => {
    const { session } = await signIn();
    const answers = await Promise.all([
      refresh(session.refresh_token),
      refresh(session.refresh_token),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(answers[0]!.json!.refresh_token).toBe(answers[1]!.json!.refresh_token);
  });
});

describe('refresh token reuse', () => {
  it('revokes the whole session family when an older token comes back', async () => {
    const { client, session } = await signIn();
    const other = await signIn();
    const rt0 = session.refresh_token;
    const rt1 = (await refresh(rt0)).json!.refresh_token as string;
    const rt2 = (await refresh(rt1)).json!.refresh_token as string;

    const reuse = await refresh(rt0);
    expect(reuse.status).toBe(400);
    expect(reuse.json).toEqual({
      code: 'refresh_token_already_used',
      message: 'Invalid Refresh Token: Already Used',
    });

    // The legitimate holder's newest token dies with the family…
    const { error } = await client.auth.refreshSession({ refresh_token: rt2 });
    expect(error).toMatchObject({ status: 400, code: 'refresh_token_already_used' });
    expect((await refresh(rt1)).json).toMatchObject({ code: 'refresh_token_already_used' });
    const live = await stack.db.query(
      'select 1 from auth.refresh_tokens where session_id = $1 and not revoked',
      [decodeJwt(session.access_token).session_id],
    );
    expect(live.rows).toEqual([]);

    // …while the user's other sessions are untouched.
    expect((await other.client.auth.refreshSession()).error).toBeNull();
  });

  it('refuses unknown and missing refresh tokens', async () => {
    const unknown = await authClient(stack.url, stack.anonKey).auth.refreshSession({
      refresh_token: 'not-a-token',
    });
    expect(unknown.error).toMatchObject({
      status: 400,
      code: 'refresh_token_not_found',
      message: 'Invalid Refresh Token: Refresh Token Not Found',
    });
    const missing = await refresh('');
    expect(missing.status).toBe(400);
    expect(missing.json).toEqual({
      error: 'invalid_request',
      error_description: 'refresh_token required',
    });
  });
});
