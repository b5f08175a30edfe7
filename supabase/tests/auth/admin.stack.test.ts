import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signJwt } from '../../local/jwt';
import type { RunningStack } from '../../local/stack';
import { startTestStack } from '../helpers/stack';
import { authClient } from './client';
import { FAST, FIXTURE_DIR, rawAuth } from './setup';

let stack: RunningStack;
beforeAll(async () => {
  stack = await startTestStack({ supabaseDir: FIXTURE_DIR, auth: FAST });
});
afterAll(() => stack?.stop());

const admin = () => authClient(stack.url, stack.serviceRoleKey).auth.admin;
const signIn = (email: string, password = 'correct-horse') =>
  authClient(stack.url, stack.anonKey).auth.signInWithPassword({ email, password });

describe('admin user CRUD', () => {
  it('creates a device user with a role and a tenant in app_metadata, which its tokens carry', async () => {
    const { data, error } = await admin().createUser({
      email: 'till-1@warung.test',
      password: 'correct-horse',
      email_confirm: true,
      role: 'device',
      app_metadata: { tenant_id: 'tenant-a' },
      user_metadata: { label: 'Till 1' },
    });
    expect(error).toBeNull();
    expect(data.user).toMatchObject({
      role: 'device',
      app_metadata: { provider: 'email', providers: ['email'], tenant_id: 'tenant-a' },
      user_metadata: { label: 'Till 1', email_verified: true },
      identities: [{ provider: 'email' }],
    });
    const session = (await signIn('till-1@warung.test')).data.session!;
    expect(decodeJwt(session.access_token)).toMatchObject({
      role: 'device',
      app_metadata: { tenant_id: 'tenant-a' },
    });
  });

  it('merges app_metadata key by key (null deletes a key) and refreshed tokens see it', async () => {
    const { data } = await admin().createUser({
      email: 'till-2@warung.test',
      password: 'correct-horse',
      email_confirm: true,
    });
    const id = data.user!.id;
    const client = authClient(stack.url, stack.anonKey);
    await client.auth.signInWithPassword({
      email: 'till-2@warung.test',
      password: 'correct-horse',
    });

    await admin().updateUserById(id, { app_metadata: { tenant_id: 't1', outlet_id: 'o1' } });
    const { data: updated } = await admin().updateUserById(id, {
      app_metadata: { outlet_id: null, tenant_id: 't2' },
      user_metadata: { label: 'Till 2' },
    });
    expect(updated.user?.app_metadata).toEqual({
      provider: 'email',
      providers: ['email'],
      tenant_id: 't2',
    });
    expect(updated.user?.user_metadata).toEqual({ label: 'Till 2', email_verified: true });
    expect((await admin().getUserById(id)).data.user?.app_metadata).toEqual(
      updated.user?.app_metadata,
    );

    const refreshed = await client.auth.refreshSession();
    expect(decodeJwt(refreshed.data.session!.access_token).app_metadata).toEqual(
      updated.user?.app_metadata,
    );
  });

  it('refuses duplicates, missing contacts and unknown ids with GoTrue codes', async () => {
    await admin().createUser({ email: 'dup@warung.test', password: 'correct-horse' });
    expect((await admin().createUser({ email: 'DUP@warung.test' })).error).toMatchObject({
      status: 422,
      code: 'email_exists',
    });
    expect((await admin().createUser({ user_metadata: {} })).error).toMatchObject({
      status: 400,
      code: 'validation_failed',
    });
    const missing = await admin().getUserById('00000000-0000-4000-8000-000000000000');
    expect(missing.error).toMatchObject({ status: 404, code: 'user_not_found' });
    const malformed = await rawAuth(stack, '/admin/users/not-a-uuid', {
      bearer: stack.serviceRoleKey,
    });
    expect(malformed.status).toBe(404);
  });

  it('accepts a bcrypt password_hash and bans and unbans users', async () => {
    const hash = '$2a$04$dUZq9ANgn0lD8WKxrhwGp.HL7yTTw4PrsWVvadG.JeW/iJQqX.mzi'; // "correct-horse"
    const { data } = await admin().createUser({
      email: 'hashed@warung.test',
      password_hash: hash,
      email_confirm: true,
    });
    const before = await signIn('hashed@warung.test');
    expect(before.error).toBeNull();

    await admin().updateUserById(data.user!.id, { ban_duration: '24h' });
    expect((await signIn('hashed@warung.test')).error).toMatchObject({
      status: 400,
      code: 'user_banned',
    });
    const held = await rawAuth(stack, '/user', { bearer: before.data.session!.access_token });
    expect(held.json).toMatchObject({ code: 'user_banned' });

    const { data: lifted } = await admin().updateUserById(data.user!.id, { ban_duration: 'none' });
    expect(lifted.user).not.toHaveProperty('banned_until');
    expect((await signIn('hashed@warung.test')).error).toBeNull();
  });

  it('resets a password and ends every session of the user', async () => {
    const { data } = await admin().createUser({
      email: 'reset@warung.test',
      password: 'correct-horse',
      email_confirm: true,
    });
    const session = (await signIn('reset@warung.test')).data.session!;
    await admin().updateUserById(data.user!.id, { password: 'brand-new-pass' });
    expect((await rawAuth(stack, '/user', { bearer: session.access_token })).json).toMatchObject({
      code: 'session_not_found',
    });
    expect((await signIn('reset@warung.test', 'brand-new-pass')).error).toBeNull();
  });

  it('hard-deletes, soft-deletes, and refuses to delete a user that app rows still reference', async () => {
    const hard = (
      await admin().createUser({ email: 'hard@warung.test', password: 'correct-horse' })
    ).data.user!;
    expect((await admin().deleteUser(hard.id)).error).toBeNull();
    expect((await admin().getUserById(hard.id)).error).toMatchObject({ status: 404 });
    expect(
      (await stack.db.query('select 1 from public.profiles where id = $1', [hard.id])).rows,
    ).toEqual([]);

    const soft = (
      await admin().createUser({
        email: 'soft@warung.test',
        password: 'correct-horse',
        email_confirm: true,
      })
    ).data.user!;
    expect((await admin().deleteUser(soft.id, true)).error).toBeNull();
    const kept = (await admin().getUserById(soft.id)).data.user!;
    expect(kept).toMatchObject({ app_metadata: {}, user_metadata: {} });
    expect(kept.email).not.toBe('soft@warung.test');
    expect((kept as unknown as Record<string, unknown>).deleted_at).toEqual(expect.any(String));
    expect((await signIn('soft@warung.test')).error).toMatchObject({ code: 'invalid_credentials' });

    const kasir = (
      await admin().createUser({ email: 'kasir@warung.test', password: 'correct-horse' })
    ).data.user!;
    await stack.db.query('insert into public.receipts (cashier_id) values ($1)', [kasir.id]);
    const refused = await rawAuth(stack, `/admin/users/${kasir.id}`, {
      method: 'DELETE',
      bearer: stack.serviceRoleKey,
      body: { should_soft_delete: false },
    });
    expect(refused.status).toBe(409);
    expect(refused.json).toMatchObject({ code: 'conflict' });
  });
});

describe('admin user list', () => {
  it('pages newest first with X-Total-Count and a Link header auth-js can parse', async () => {
    const before = (
      await rawAuth(stack, '/admin/users', { bearer: stack.serviceRoleKey })
    ).headers.get('x-total-count');
    for (let i = 0; i < 5; i++) {
      await admin().createUser({ email: `page-${i}@warung.test`, password: 'correct-horse' });
    }
    const total = Number(before) + 5;
    const { data, error } = await admin().listUsers({ page: 1, perPage: 2 });
    expect(error).toBeNull();
    expect(data.users.map((u) => u.email)).toEqual(['page-4@warung.test', 'page-3@warung.test']);
    expect(data).toMatchObject({
      aud: 'authenticated',
      total,
      nextPage: 2,
      lastPage: Math.ceil(total / 2),
    });

    const raw = await rawAuth(stack, '/admin/users?page=2&per_page=2', {
      bearer: stack.serviceRoleKey,
    });
    expect(raw.headers.get('x-total-count')).toBe(String(total));
    expect(raw.headers.get('link')).toBe(
      `</auth/v1/admin/users?page=3&per_page=2>; rel="next", ` +
        `</auth/v1/admin/users?page=${Math.ceil(total / 2)}&per_page=2>; rel="last"`,
    );
    expect((raw.json!.users as { email: string }[]).map((u) => u.email)).toEqual([
      'page-2@warung.test',
      'page-1@warung.test',
    ]);
    const bad = await rawAuth(stack, '/admin/users?page=abc', { bearer: stack.serviceRoleKey });
    expect(bad.status).toBe(400);
  });
});

describe('admin authorization', () => {
  it('answers not_admin to the anon key and to a signed-in user', async () => {
    const anon = await authClient(stack.url, stack.anonKey).auth.admin.listUsers();
    expect(anon.error).toMatchObject({ status: 403, code: 'not_admin' });

    await admin().createUser({
      email: 'owner@warung.test',
      password: 'correct-horse',
      email_confirm: true,
    });
    const session = (await signIn('owner@warung.test')).data.session!;
    const asUser = await authClient(stack.url, session.access_token).auth.admin.createUser({
      email: 'x@warung.test',
    });
    expect(asUser.error).toMatchObject({ status: 403, code: 'not_admin' });
  });

  it('refuses a missing bearer with 401 and a token signed with another secret with bad_jwt', async () => {
    const none = await rawAuth(stack, '/admin/users', { bearer: null });
    expect(none.status).toBe(401);
    expect(none.json).toMatchObject({ code: 'no_authorization' });
    const forged = await signJwt(
      { role: 'service_role' },
      'another-secret-that-is-at-least-32-chars!',
    );
    const res = await rawAuth(stack, '/admin/users', { bearer: forged });
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({ code: 'bad_jwt' });
  });
});
