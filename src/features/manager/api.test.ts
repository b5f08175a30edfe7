import type { SupabaseClient } from '@supabase/supabase-js';
import { describe, expect, it } from 'vitest';
import { ManagerError, signInManager } from './api';

/** The two answers sign-in depends on: GoTrue's and the dashboard RPC's. */
function client(opts: {
  signIn: { error: { status: number } | null };
  probe: { error: { hint: string } | null };
}) {
  const calls: string[] = [];
  const stub = {
    auth: {
      signInWithPassword: async () => (
        calls.push('signIn'),
        { data: {}, error: opts.signIn.error }
      ),
      getSession: async () => ({
        data: { session: { user: { email: 'ani@toko.test' } } },
      }),
      signOut: async () => (calls.push('signOut'), { error: null }),
    },
    rpc: async () => (calls.push('rpc'), { data: null, error: opts.probe.error }),
    from: () => ({
      select: () => ({
        single: async () => ({
          data: {
            id: 't',
            name: 'Toko',
            timezone: 'Asia/Jakarta',
            currency: 'IDR',
            currency_exponent: 0,
          },
          error: null,
        }),
      }),
    }),
  };
  return { client: stub as unknown as SupabaseClient, calls };
}

describe('signInManager', () => {
  it('refuses a cashier account and signs it out again', async () => {
    const c = client({ signIn: { error: null }, probe: { error: { hint: 'permission_denied' } } });
    await expect(signInManager(c.client, 'ani@toko.test', 'x')).rejects.toMatchObject({
      code: ManagerError.NOT_MANAGER,
    });
    expect(c.calls).toEqual(['signIn', 'rpc', 'signOut']);
  });

  it('tells an account without a shop apart', async () => {
    const c = client({ signIn: { error: null }, probe: { error: { hint: 'not_a_member' } } });
    await expect(signInManager(c.client, 'a@b.test', 'x')).rejects.toMatchObject({
      code: ManagerError.NO_SHOP,
    });
  });

  it('maps a refused password and an unreachable server', async () => {
    const bad = client({ signIn: { error: { status: 400 } }, probe: { error: null } });
    await expect(signInManager(bad.client, 'a@b.test', 'x')).rejects.toMatchObject({
      code: ManagerError.BAD_CREDENTIALS,
    });
    expect(bad.calls).toEqual(['signIn']);
    const down = client({ signIn: { error: { status: 0 } }, probe: { error: null } });
    await expect(signInManager(down.client, 'a@b.test', 'x')).rejects.toMatchObject({
      code: ManagerError.NETWORK,
    });
  });

  it('returns the shop for a manager', async () => {
    const c = client({ signIn: { error: null }, probe: { error: null } });
    await expect(signInManager(c.client, ' ani@toko.test ', 'x')).resolves.toMatchObject({
      tenantId: 't',
      timezone: 'Asia/Jakarta',
      email: 'ani@toko.test',
    });
  });
});
