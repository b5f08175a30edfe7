import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningStack } from '../../local/stack';
import { startTestStack } from '../helpers/stack';
import { authClient } from './client';
import { FAST, FIXTURE_DIR, rawAuth, SEED_USER } from './setup';

let stack: RunningStack;
beforeAll(async () => {
  stack = await startTestStack({ supabaseDir: FIXTURE_DIR, auth: FAST });
});
afterAll(() => stack?.stop());

const client = () => authClient(stack.url, stack.anonKey);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('sign-up with autoconfirm on', () => {
  it('creates a confirmed user and signs them in with a Supabase-shaped session', async () => {
    const { data, error } = await client().auth.signUp({
      email: 'Owner@Warung.test',
      password: 'correct-horse',
      options: { data: { name: 'Bu Sri' } },
    });
    expect(error).toBeNull();
    const { session, user } = data;
    expect(session).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
    expect(session!.expires_at).toBe(decodeJwt(session!.access_token).exp);
    expect(user).toMatchObject({
      aud: 'authenticated',
      role: 'authenticated',
      email: 'owner@warung.test',
      phone: '',
      app_metadata: { provider: 'email', providers: ['email'] },
      user_metadata: { name: 'Bu Sri', email_verified: true },
      is_anonymous: false,
      identities: [{ provider: 'email', identity_data: { email: 'owner@warung.test' } }],
    });
    expect(user!.id).toMatch(UUID);
    for (const key of [
      'email_confirmed_at',
      'confirmed_at',
      'last_sign_in_at',
      'created_at',
      'updated_at',
    ]) {
      expect(Date.parse((user as unknown as Record<string, string>)[key]!)).not.toBeNaN();
    }
    expect(user).not.toHaveProperty('banned_until');
    expect(user).not.toHaveProperty('new_email');

    const claims = decodeJwt(session!.access_token);
    expect(claims).toMatchObject({
      aud: 'authenticated',
      iss: `${stack.url}/auth/v1`,
      sub: user!.id,
      email: 'owner@warung.test',
      phone: '',
      role: 'authenticated',
      app_metadata: { provider: 'email', providers: ['email'] },
      user_metadata: { name: 'Bu Sri' },
      aal: 'aal1',
      amr: [{ method: 'password', timestamp: expect.any(Number) }],
      session_id: expect.stringMatching(UUID),
      is_anonymous: false,
    });
    expect(claims.exp! - claims.iat!).toBe(3600);
  });

  it('runs the app trigger on auth.users, as hosted Supabase does', async () => {
    const { data } = await client().auth.signUp({
      email: 'trigger@warung.test',
      password: 'correct-horse',
    });
    const res = await stack.db.query('select email from public.profiles where id = $1', [
      data.user!.id,
    ]);
    expect(res.rows).toEqual([{ email: 'trigger@warung.test' }]);
  });

  it('refuses a short password with weak_password and its reasons', async () => {
    const { data, error } = await client().auth.signUp({
      email: 'weak@warung.test',
      password: 'short',
    });
    expect(data.user).toBeNull();
    expect(error).toMatchObject({ status: 422, code: 'weak_password', reasons: ['length'] });
    expect(error!.message).toBe('Password should be at least 10 characters.');
  });

  it('refuses an address that is already registered, whatever its case', async () => {
    await client().auth.signUp({ email: 'dup@warung.test', password: 'correct-horse' });
    const { error } = await client().auth.signUp({
      email: 'DUP@warung.test',
      password: 'another-pass',
    });
    expect(error).toMatchObject({
      status: 422,
      code: 'user_already_exists',
      message: 'User already registered',
    });
  });

  it.each([
    [{ email: 'not-an-email', password: 'correct-horse' }, 400, 'validation_failed'],
    [{ email: 'nopass@warung.test', password: '' }, 400, 'validation_failed'],
    [{ phone: '+6281234567', password: 'correct-horse' }, 400, 'phone_provider_disabled'],
  ])('answers bad sign-up input %j with %i %s', async (credentials, status, code) => {
    const { error } = await client().auth.signUp(
      credentials as { email: string; password: string },
    );
    expect(error).toMatchObject({ status, code });
  });
});

describe('password sign-in', () => {
  it('signs in with the right password and refuses a wrong one or an unknown address alike', async () => {
    await client().auth.signUp({ email: 'kasir@warung.test', password: 'correct-horse' });
    const ok = await client().auth.signInWithPassword({
      email: 'Kasir@warung.test',
      password: 'correct-horse',
    });
    expect(ok.error).toBeNull();
    expect(ok.data.session?.refresh_token).toEqual(expect.any(String));
    expect(ok.data.user?.email).toBe('kasir@warung.test');

    const wrong = await client().auth.signInWithPassword({
      email: 'kasir@warung.test',
      password: 'wrong-horse',
    });
    const unknown = await client().auth.signInWithPassword({
      email: 'nobody@warung.test',
      password: 'x',
    });
    for (const { error } of [wrong, unknown]) {
      expect(error).toMatchObject({
        status: 400,
        code: 'invalid_credentials',
        message: 'Invalid login credentials',
      });
    }
  });

  it('signs in a user that seed.sql created with pgcrypto crypt()', async () => {
    const { data, error } = await client().auth.signInWithPassword(SEED_USER);
    expect(error).toBeNull();
    expect(data.user?.id).toBe('11111111-1111-4111-8111-111111111111');
  });
});

describe('anonymous sign-in', () => {
  it('creates an anonymous user with a session (POST /signup without credentials)', async () => {
    const { data, error } = await client().auth.signInAnonymously({
      options: { data: { till: 'T1' } },
    });
    expect(error).toBeNull();
    expect(data.user).toMatchObject({
      email: '',
      phone: '',
      is_anonymous: true,
      app_metadata: {},
      user_metadata: { till: 'T1' },
      identities: [],
    });
    expect(decodeJwt(data.session!.access_token)).toMatchObject({
      is_anonymous: true,
      role: 'authenticated',
      amr: [{ method: 'anonymous' }],
    });
  });
});

describe('wire format', () => {
  it('answers auth-js (2024-01-01) with {code, message}, the echoed version and x-sb-error-code', async () => {
    const res = await rawAuth(stack, '/token?grant_type=password', {
      method: 'POST',
      body: { email: 'nobody@warung.test', password: 'whatever-pass' },
    });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ code: 'invalid_credentials', message: 'Invalid login credentials' });
    expect(res.headers.get('x-supabase-api-version')).toBe('2024-01-01');
    expect(res.headers.get('x-sb-error-code')).toBe('invalid_credentials');
  });

  it('answers a client without the version header in the legacy form', async () => {
    const res = await rawAuth(stack, '/signup', {
      method: 'POST',
      apiVersion: null,
      body: { email: 'legacy@warung.test', password: 'short' },
    });
    expect(res.status).toBe(422);
    expect(res.json).toEqual({
      code: 422,
      error_code: 'weak_password',
      msg: 'Password should be at least 10 characters.',
      weak_password: { reasons: ['length'] },
    });
    expect(res.headers.get('x-supabase-api-version')).toBeNull();
  });

  it.each([
    ['{not json', 'bad_json'],
    [JSON.stringify({ email: 42, password: 'correct-horse' }), 'bad_json'],
    [JSON.stringify({ email: 'x@warung.test', password: 'correct-horse', data: [1] }), 'bad_json'],
  ])('refuses the body %s with 400 %s', async (body, code) => {
    const res = await rawAuth(stack, '/signup', { method: 'POST', body });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ code });
  });

  it('refuses an unknown grant type as GoTrue does', async () => {
    const res = await rawAuth(stack, '/token?grant_type=magic', { method: 'POST', body: {} });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ code: 'invalid_credentials', message: 'unsupported_grant_type' });
  });

  it('serves /health and /settings', async () => {
    expect((await rawAuth(stack, '/health')).json).toMatchObject({ name: 'GoTrue' });
    const settings = await rawAuth(stack, '/settings');
    expect(settings.json).toMatchObject({
      external: { email: true, phone: false, anonymous_users: true, google: false },
      disable_signup: false,
      mailer_autoconfirm: true,
    });
  });
});
