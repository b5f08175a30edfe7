import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningStack } from '../../local/stack';
import { startTestStack } from '../helpers/stack';
import { authClient } from './client';
import { FAST, FIXTURE_DIR, rawAuth } from './setup';

let stack: RunningStack;
beforeAll(async () => {
  stack = await startTestStack({ supabaseDir: FIXTURE_DIR, auth: FAST });
});
afterAll(() => stack?.stop());

let seq = 0;
/** A fresh confirmed account per test, so tests never share sessions. */
async function newAccount(password = 'correct-horse') {
  const email = `user${++seq}@warung.test`;
  const admin = authClient(stack.url, stack.serviceRoleKey).auth.admin;
  await admin.createUser({ email, password, email_confirm: true });
  return { email, password };
}

async function signIn(email: string, password: string) {
  const client = authClient(stack.url, stack.anonKey);
  const { data, error } = await client.auth.signInWithPassword({ email, password });
  expect(error).toBeNull();
  return { client, session: data.session! };
}

describe('GET /user', () => {
  it('returns the signed-in user', async () => {
    const { email, password } = await newAccount();
    const { client } = await signIn(email, password);
    const { data, error } = await client.auth.getUser();
    expect(error).toBeNull();
    expect(data.user?.email).toBe(email);
  });

  it('refuses a missing, forged or anon-key bearer with GoTrue codes', async () => {
    const none = await rawAuth(stack, '/user', { bearer: null });
    expect(none.status).toBe(401);
    expect(none.json).toMatchObject({ code: 'no_authorization' });

    const forged = await authClient(stack.url, stack.anonKey).auth.getUser(
      'eyJhbGciOiJIUzI1NiJ9.e30.bad',
    );
    expect(forged.error).toMatchObject({ status: 403, code: 'bad_jwt' });

    const anon = await rawAuth(stack, '/user', { bearer: stack.anonKey });
    expect(anon.status).toBe(403);
    expect(anon.json).toEqual({ code: 'bad_jwt', message: 'invalid claim: missing sub claim' });
  });
});

describe('PUT /user', () => {
  it('merges user_metadata key by key, null deleting a key, and the next token carries it', async () => {
    const { email, password } = await newAccount();
    const { client } = await signIn(email, password);
    await client.auth.updateUser({ data: { name: 'Ani', shift: 'pagi' } });
    const { data } = await client.auth.updateUser({ data: { shift: null, lang: 'id' } });
    expect(data.user?.user_metadata).toEqual({ name: 'Ani', lang: 'id', email_verified: true });
    const refreshed = await client.auth.refreshSession();
    expect(decodeJwt(refreshed.data.session!.access_token).user_metadata).toEqual({
      name: 'Ani',
      lang: 'id',
      email_verified: true,
    });
  });

  it('changes the password: the new one signs in, the old one and other devices stop working', async () => {
    const { email, password } = await newAccount();
    const { client } = await signIn(email, password);
    const otherDevice = await signIn(email, password);

    const { error } = await client.auth.updateUser({ password: 'new-password-1' });
    expect(error).toBeNull();
    const old = await authClient(stack.url, stack.anonKey).auth.signInWithPassword({
      email,
      password,
    });
    expect(old.error).toMatchObject({ code: 'invalid_credentials' });
    await signIn(email, 'new-password-1');

    expect((await client.auth.getUser()).error).toBeNull();
    const gone = await otherDevice.client.auth.getUser(otherDevice.session.access_token);
    expect(gone.error?.name).toBe('AuthSessionMissingError');
    const stale = await otherDevice.client.auth.refreshSession({
      refresh_token: otherDevice.session.refresh_token,
    });
    expect(stale.error).toMatchObject({ code: 'refresh_token_not_found' });
  });

  it.each([
    [{ password: 'short' }, 422, 'weak_password'],
    [{ password: 'correct-horse' }, 422, 'same_password'],
    [{ email: 'not an email' }, 400, 'validation_failed'],
  ])('refuses %j with %i %s', async (attributes, status, code) => {
    const { email, password } = await newAccount();
    const { client } = await signIn(email, password);
    const { error } = await client.auth.updateUser(attributes);
    expect(error).toMatchObject({ status, code });
  });

  it('refuses app_metadata from a user: only an admin may write it', async () => {
    const { email, password } = await newAccount();
    const { session } = await signIn(email, password);
    const res = await rawAuth(stack, '/user', {
      method: 'PUT',
      bearer: session.access_token,
      body: { app_metadata: { tenant_id: 'someone-else' } },
    });
    expect(res.status).toBe(403);
    expect(res.json).toEqual({
      code: 'not_admin',
      message: 'Updating app_metadata requires admin privileges',
    });
    const { data } = await authClient(stack.url, stack.serviceRoleKey).auth.admin.getUserById(
      decodeJwt(session.access_token).sub!,
    );
    expect(data.user?.app_metadata).not.toHaveProperty('tenant_id');
  });

  it('changes the email at once (autoconfirm, no mail server) unless another user has it', async () => {
    const { email, password } = await newAccount();
    const taken = await newAccount();
    const { client } = await signIn(email, password);
    const clash = await client.auth.updateUser({ email: taken.email });
    expect(clash.error).toMatchObject({ status: 422, code: 'email_exists' });

    const moved = await client.auth.updateUser({ email: `moved-${email}` });
    expect(moved.data.user?.email).toBe(`moved-${email}`);
    await signIn(`moved-${email}`, password);
  });

  it('turns an anonymous user into a permanent one with an email and password', async () => {
    const client = authClient(stack.url, stack.anonKey);
    const { data } = await client.auth.signInAnonymously();
    const passwordOnly = await client.auth.updateUser({ password: 'correct-horse' });
    expect(passwordOnly.error).toMatchObject({ status: 422, code: 'validation_failed' });

    const upgraded = await client.auth.updateUser({
      email: 'was-anon@warung.test',
      password: 'correct-horse',
    });
    expect(upgraded.error).toBeNull();
    expect(upgraded.data.user).toMatchObject({
      id: data.user!.id,
      is_anonymous: false,
      email: 'was-anon@warung.test',
    });
    const again = await signIn('was-anon@warung.test', 'correct-horse');
    expect(again.session.user.id).toBe(data.user!.id);
  });
});

describe('POST /logout', () => {
  it('scope=others ends the other sessions, scope=local ends this one', async () => {
    const { email, password } = await newAccount();
    const a = await signIn(email, password);
    const b = await signIn(email, password);

    expect((await a.client.auth.signOut({ scope: 'others' })).error).toBeNull();
    expect((await b.client.auth.refreshSession()).error).toMatchObject({
      code: 'refresh_token_not_found',
    });
    expect((await a.client.auth.getUser()).error).toBeNull();

    const token = a.session.access_token;
    expect((await a.client.auth.signOut({ scope: 'local' })).error).toBeNull();
    const after = await rawAuth(stack, '/user', { bearer: token });
    expect(after.status).toBe(403);
    expect(after.json).toMatchObject({ code: 'session_not_found' });
  });

  it('scope=global (the default) ends every session of the user', async () => {
    const { email, password } = await newAccount();
    const a = await signIn(email, password);
    const b = await signIn(email, password);
    const res = await rawAuth(stack, '/logout', { method: 'POST', bearer: a.session.access_token });
    expect(res.status).toBe(204);
    for (const s of [a.session, b.session]) {
      expect((await refreshRaw(s.refresh_token)).json).toMatchObject({
        code: 'refresh_token_not_found',
      });
      expect((await rawAuth(stack, '/user', { bearer: s.access_token })).json).toMatchObject({
        code: 'session_not_found',
      });
    }
    const bad = await rawAuth(stack, '/logout?scope=everywhere', {
      method: 'POST',
      bearer: a.session.access_token,
    });
    expect(bad.status).toBe(400);
  });
});

const refreshRaw = (token: string) =>
  rawAuth(stack, '/token?grant_type=refresh_token', {
    method: 'POST',
    body: { refresh_token: token },
  });

describe('refresh reuse interval (GoTrue default 10 s)', () => {
  it('still exchanges a just-rotated token, as two tabs refreshing together need', async () => {
    const { email, password } = await newAccount();
    const { session } = await signIn(email, password);
    const rt1 = (await refreshRaw(session.refresh_token)).json!.refresh_token as string;
    await refreshRaw(rt1);
    const late = await refreshRaw(session.refresh_token);
    expect(late.status).toBe(200);
  });
});
