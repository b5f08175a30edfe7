import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signJwt } from '../../local/jwt';
import { startRestFixture, userToken, USER_A, USER_B, type RestFixture } from './setup';

let f: RestFixture;
beforeAll(async () => {
  f = await startRestFixture();
});
afterAll(() => f?.stop());

describe('roles and row level security', () => {
  it('anon sees only public rows', async () => {
    expect((await f.anon.from('items').select('id')).data).toEqual([]);
    expect((await f.anon.from('categories').select('id')).data).toHaveLength(4);
  });

  it('a user sees their own rows only', async () => {
    const a = await f.userA.from('items').select('id').order('id');
    expect(a.data?.map((r) => r.id)).toEqual([1, 2, 3, 4]);
    const b = await f.userB.from('items').select('id');
    expect(b.data).toEqual([{ id: 5 }]);
  });

  it('service_role bypasses RLS', async () => {
    const { data } = await f.service.from('items').select('id');
    expect(data).toHaveLength(5);
  });

  it('a policy violation is 401 for anon and 403 for a user', async () => {
    const anon = await f.anon.from('notes').insert({ body: 'x' });
    expect(anon.status).toBe(401);
    expect(anon.error).toMatchObject({
      code: '42501',
      message: 'new row violates row-level security policy for table "notes"',
    });
    const user = await f.userB.from('items').insert({ sku: 'R-1', name: 'x', owner_id: USER_A });
    expect(user.status).toBe(403);
    expect(user.error?.code).toBe('42501');
  });

  it('a user cannot update or delete rows RLS hides', async () => {
    const upd = await f.userB.from('items').update({ name: 'hacked' }).eq('id', 1).select();
    expect(upd.data).toEqual([]);
    const del = await f.userB.from('items').delete({ count: 'exact' }).eq('id', 1);
    expect(del.count).toBe(0);
    const { data } = await f.userA.from('items').select('name').eq('id', 1).single();
    expect(data).toEqual({ name: 'Kacang Goreng' });
  });

  it('gives SQL the role, claims, request and a per-role timeout, in one read-only transaction', async () => {
    const res = await f.rest('/rpc/whoami', {
      headers: {
        Authorization: `Bearer ${f.tokenA}`,
        Cookie: 'theme=dark; lang=id',
        'X-Client-Info': 'rest-test',
      },
    });
    expect(await res.json()).toEqual({
      uid: USER_A,
      role: 'authenticated',
      claims_role: 'authenticated',
      method: 'GET',
      path: '/rpc/whoami',
      client: 'rest-test',
      cookie: null,
      cookies: { theme: 'dark', lang: 'id' },
      search_path: '"public", "extensions"',
      timeout: '8s',
      read_only: 'on',
    });
    const anon = await f.anon.rpc('whoami');
    // A stable function is read-only even by POST; a volatile one (bump_stock) is not.
    expect(anon.data).toMatchObject({
      uid: null,
      role: 'anon',
      claims_role: 'anon',
      timeout: '3s',
      read_only: 'on',
    });
  });
});

describe('JWT errors', () => {
  it('answers 401 PGRST301 for a token with a bad signature', async () => {
    const forged = await signJwt(
      { sub: USER_B, role: 'authenticated' },
      'another-secret-that-is-at-least-32-chars-long',
    );
    const res = await f.rest('/items', { headers: { Authorization: `Bearer ${forged}` } });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe(
      'Bearer error="invalid_token", error_description="JWT cryptographic operation failed"',
    );
    expect(res.headers.get('proxy-status')).toBe('PostgREST; error=PGRST301');
    expect(await res.json()).toEqual({
      code: 'PGRST301',
      message: 'JWT cryptographic operation failed',
      details: null,
      hint: null,
    });
  });

  it('answers 401 PGRST301 for a malformed token', async () => {
    const res = await f.rest('/items', { headers: { Authorization: 'Bearer not-a-jwt' } });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({
      code: 'PGRST301',
      message: 'Expected 3 parts in JWT; got 1',
    });
  });

  it('answers 401 PGRST303 for an expired token', async () => {
    const expired = await userToken(f.stack, USER_A, { exp: Math.floor(Date.now() / 1000) - 120 });
    const res = await f.rest('/items', { headers: { Authorization: `Bearer ${expired}` } });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe(
      'Bearer error="invalid_token", error_description="JWT expired"',
    );
    expect(await res.json()).toMatchObject({ code: 'PGRST303', message: 'JWT expired' });
  });

  it('answers 401 for a role that does not exist', async () => {
    const token = await userToken(f.stack, USER_A, { role: 'nobody' });
    const res = await f.rest('/items', { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({
      code: '22023',
      message: 'role "nobody" does not exist',
    });
  });

  it('never runs a request as a superuser, whatever the token says', async () => {
    const { rows } = await f.stack.db.query<{ name: string }>('select current_user as name');
    const token = await userToken(f.stack, USER_A, { role: rows[0]!.name });
    const res = await f.rest('/items?select=id', { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: '42501' });
  });

  it('treats a token without a role as anon, keeping its other claims', async () => {
    const token = await signJwt(
      { sub: USER_A, exp: Math.floor(Date.now() / 1000) + 60 },
      f.stack.jwtSecret,
    );
    const res = await f.rest('/rpc/whoami', { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ role: 'anon', claims_role: 'anon', uid: USER_A });
  });

  it('uses the apikey header when there is no Authorization', async () => {
    const res = await fetch(`${f.stack.url}/rest/v1/items?select=id`, {
      headers: { apikey: f.stack.serviceRoleKey },
    });
    expect(await res.json()).toHaveLength(5);
  });

  it('keeps user B isolated when using B’s token directly', async () => {
    const tokenB = await userToken(f.stack, USER_B);
    const res = await f.rest('/sales?select=id', {
      headers: { Authorization: `Bearer ${tokenB}` },
    });
    expect(await res.json()).toEqual([{ id: 3 }]);
  });
});
