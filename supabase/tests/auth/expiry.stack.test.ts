import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningStack } from '../../local/stack';
import { startTestStack } from '../helpers/stack';
import { authClient } from './client';
import { FAST, FIXTURE_DIR, rawAuth } from './setup';

let stack: RunningStack;
beforeAll(async () => {
  stack = await startTestStack({ supabaseDir: FIXTURE_DIR, auth: { ...FAST, accessTokenTtl: 2 } });
  await authClient(stack.url, stack.serviceRoleKey).auth.admin.createUser({
    email: 'kasir@kafe.test',
    password: 'correct-horse',
    email_confirm: true,
  });
});
afterAll(() => stack?.stop());

describe('access-token expiry', () => {
  it('refuses an expired access token and lets the refresh token mint a new one', async () => {
    const client = authClient(stack.url, stack.anonKey);
    const { data } = await client.auth.signInWithPassword({
      email: 'kasir@kafe.test',
      password: 'correct-horse',
    });
    const session = data.session!;
    expect(session.expires_in).toBe(2);
    const claims = decodeJwt(session.access_token);
    expect(claims.exp! - claims.iat!).toBe(2);
    expect((await client.auth.getUser(session.access_token)).error).toBeNull();

    await new Promise((resolve) => setTimeout(resolve, 2_500));

    const expired = await client.auth.getUser(session.access_token);
    expect(expired.error).toMatchObject({ status: 403, code: 'bad_jwt' });
    expect(expired.error!.message).toMatch(/token is expired/);
    const raw = await rawAuth(stack, '/user', { bearer: session.access_token });
    expect(raw.headers.get('x-sb-error-code')).toBe('bad_jwt');

    const refreshed = await client.auth.refreshSession();
    expect(refreshed.error).toBeNull();
    const fresh = refreshed.data.session!;
    expect(fresh.expires_at).toBeGreaterThan(session.expires_at!);
    const again = await client.auth.getUser(fresh.access_token);
    expect(again.error).toBeNull();
    expect(again.data.user?.email).toBe('kasir@kafe.test');
  });
});
