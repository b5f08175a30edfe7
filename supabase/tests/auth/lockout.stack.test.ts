import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthSettings } from '../../local/config';
import { startStack, type RunningStack } from '../../local/stack';
import { createTestDatabase, type TestDatabase } from '../helpers/stack';
import { authClient } from './client';
import { FAST, FIXTURE_DIR, rawAuth } from './setup';

// 3 failures per email and 12 (3 × 4) per client IP within 15 minutes; all requests here come
// from 127.0.0.1, so the IP count runs across the whole file.
const LIMITS: Partial<AuthSettings> = {
  ...FAST,
  maxFailedSignIns: 3,
  failedSignInWindowSeconds: 900,
};

let db: TestDatabase;
let stack: RunningStack | undefined;

async function boot(auth: Partial<AuthSettings> = LIMITS) {
  await stack?.stop();
  stack = await startStack({ port: 0, db: db.spec, supabaseDir: FIXTURE_DIR, auth });
  return stack;
}

beforeAll(async () => {
  db = await createTestDatabase();
  const s = await boot();
  const admin = authClient(s.url, s.serviceRoleKey).auth.admin;
  for (const email of ['owner@kafe.test', 'kasir@kafe.test']) {
    await admin.createUser({ email, password: 'correct-horse', email_confirm: true });
  }
});
afterAll(async () => {
  await stack?.stop();
  await db?.drop();
});

const signIn = (email: string, password: string) =>
  rawAuth(stack!, '/token?grant_type=password', { method: 'POST', body: { email, password } });

describe('failed sign-in lockout', () => {
  it('locks an email after too many wrong passwords, even for the right one', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await signIn('owner@kafe.test', 'wrong-horse')).json).toMatchObject({
        code: 'invalid_credentials',
      });
    }
    const locked = await signIn('owner@kafe.test', 'correct-horse');
    expect(locked.status).toBe(429);
    expect(locked.json).toMatchObject({ code: 'over_request_rate_limit' });
    expect(locked.json!.message).toMatch(/too many failed sign-in attempts/);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(800);

    const viaClient = await authClient(stack!.url, stack!.anonKey).auth.signInWithPassword({
      email: 'OWNER@kafe.test',
      password: 'correct-horse',
    });
    expect(viaClient.error).toMatchObject({ status: 429, code: 'over_request_rate_limit' });
    expect((await signIn('kasir@kafe.test', 'correct-horse')).status).toBe(200);
  });

  it('forgets an account’s failures once it signs in', async () => {
    for (let i = 0; i < 2; i++) await signIn('kasir@kafe.test', 'wrong-horse');
    expect((await signIn('kasir@kafe.test', 'correct-horse')).status).toBe(200);
    for (let i = 0; i < 2; i++) await signIn('kasir@kafe.test', 'wrong-horse');
    expect((await signIn('kasir@kafe.test', 'correct-horse')).status).toBe(200);
  });

  it('keeps the lockout across a restart of the stack', async () => {
    await boot();
    const locked = await signIn('owner@kafe.test', 'correct-horse');
    expect(locked.status).toBe(429);
    expect((await signIn('kasir@kafe.test', 'correct-horse')).status).toBe(200);
  });

  it('locks a client IP that fails across many addresses', async () => {
    // 7 failures so far from this IP; 5 more on unknown addresses reach 12.
    for (let i = 0; i < 5; i++) {
      expect((await signIn(`guess-${i}@kafe.test`, 'whatever-pass')).status).toBe(400);
    }
    const blocked = await signIn('kasir@kafe.test', 'correct-horse');
    expect(blocked.status).toBe(429);
    expect(blocked.json).toMatchObject({ code: 'over_request_rate_limit' });
  });

  it('lifts the lockout once the failures leave the window', async () => {
    await boot({ ...LIMITS, failedSignInWindowSeconds: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect((await signIn('owner@kafe.test', 'correct-horse')).status).toBe(200);
  });
});
