import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningStack } from '../../local/stack';
import { startTestStack } from '../helpers/stack';
import { authClient } from './client';
import { FAST, FIXTURE_DIR, rawAuth } from './setup';

// Confirmation required and no mail server: an admin confirms accounts (email_confirm: true).
let stack: RunningStack;
beforeAll(async () => {
  stack = await startTestStack({ supabaseDir: FIXTURE_DIR, auth: { ...FAST, autoconfirm: false } });
});
afterAll(() => stack?.stop());

const client = () => authClient(stack.url, stack.anonKey);
const admin = () => authClient(stack.url, stack.serviceRoleKey).auth.admin;

describe('sign-up with confirmation required', () => {
  it('returns the user without a session until an admin confirms the address', async () => {
    const signUp = await client().auth.signUp({
      email: 'owner@toko.test',
      password: 'correct-horse',
    });
    expect(signUp.error).toBeNull();
    expect(signUp.data.session).toBeNull();
    const user = signUp.data.user!;
    expect(user.confirmation_sent_at).toEqual(expect.any(String));
    expect(user).not.toHaveProperty('email_confirmed_at');
    expect(user).not.toHaveProperty('confirmed_at');

    const early = await client().auth.signInWithPassword({
      email: 'owner@toko.test',
      password: 'correct-horse',
    });
    expect(early.error).toMatchObject({
      status: 400,
      code: 'email_not_confirmed',
      message: 'Email not confirmed',
    });

    const confirmed = await admin().updateUserById(user.id, { email_confirm: true });
    expect(confirmed.data.user?.email_confirmed_at).toEqual(expect.any(String));

    const later = await client().auth.signInWithPassword({
      email: 'owner@toko.test',
      password: 'correct-horse',
    });
    expect(later.error).toBeNull();
    expect(later.data.user?.id).toBe(user.id);
  });

  it('does not reveal whether an address is registered', async () => {
    const first = await client().auth.signUp({
      email: 'pending@toko.test',
      password: 'correct-horse',
    });
    const again = await client().auth.signUp({
      email: 'pending@toko.test',
      password: 'correct-horse',
    });
    expect(again.error).toBeNull();
    expect(again.data.user?.id).toBe(first.data.user?.id);

    await admin().updateUserById(first.data.user!.id, { email_confirm: true });
    const confirmed = await client().auth.signUp({
      email: 'pending@toko.test',
      password: 'other-password',
    });
    expect(confirmed.error).toBeNull();
    expect(confirmed.data.session).toBeNull();
    expect(confirmed.data.user?.id).not.toBe(first.data.user?.id);
  });

  it('keeps an email change pending instead of applying it', async () => {
    const c = client();
    const { data } = await admin().createUser({
      email: 'mover@toko.test',
      password: 'correct-horse',
      email_confirm: true,
    });
    await c.auth.signInWithPassword({ email: 'mover@toko.test', password: 'correct-horse' });
    const res = await c.auth.updateUser({ email: 'moved@toko.test' });
    expect(res.error).toBeNull();
    expect(res.data.user).toMatchObject({
      id: data.user!.id,
      email: 'mover@toko.test',
      new_email: 'moved@toko.test',
    });
  });

  it('says so in /settings', async () => {
    expect((await rawAuth(stack, '/settings')).json).toMatchObject({ mailer_autoconfirm: false });
  });
});
