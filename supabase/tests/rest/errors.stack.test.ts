import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRestFixture, type RestFixture } from './setup';

let f: RestFixture;
beforeAll(async () => {
  f = await startRestFixture();
});
afterAll(() => f?.stop());

describe('PostgREST error responses', () => {
  it('answers 404 PGRST205 for an unknown table, suggesting a close name', async () => {
    const res = await f.rest('/itemz');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('proxy-status')).toBe('PostgREST; error=PGRST205');
    expect(await res.json()).toEqual({
      code: 'PGRST205',
      message: "Could not find the table 'public.itemz' in the schema cache",
      details: null,
      hint: "Perhaps you meant the table 'public.items'",
    });
    const { error, status } = await f.anon.from('no_such_table').select();
    expect(status).toBe(404);
    expect(error?.hint).toBeNull();
  });

  it('answers 406 PGRST106 for a schema that is not exposed', async () => {
    const res = await f.rest('/items', { headers: { 'Accept-Profile': 'auth' } });
    expect(res.status).toBe(406);
    expect(await res.json()).toEqual({
      code: 'PGRST106',
      message: 'Invalid schema: auth',
      details: null,
      hint: 'Only the following schemas are exposed: public, graphql_public',
    });
    const write = await f.rest('/items', {
      method: 'POST',
      headers: { 'Content-Profile': 'auth', 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(write.status).toBe(406);
  });

  it('answers 404 PGRST125 for a path that is no resource', async () => {
    const res = await f.rest('/items/1/extra');
    expect(res.status).toBe(404);
    expect((await res.json()).code).toBe('PGRST125');
  });

  it('answers 405 for a method a table does not take', async () => {
    const res = await f.rest('/items', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(405);
    expect((await res.json()).code).toBe('PGRST117');
  });

  it('answers 416 PGRST103 for a negative limit', async () => {
    const res = await f.rest('/categories?limit=-1');
    expect(res.status).toBe(416);
    expect(await res.json()).toMatchObject({
      code: 'PGRST103',
      details: 'Limit should be greater than or equal to zero.',
    });
  });

  it('answers an unknown cast target with 42704', async () => {
    const res = await f.rest('/categories?select=name::nosuchtype');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      code: '42704',
      message: 'type "nosuchtype" does not exist',
    });
  });

  it('never answers a deterministic error with 503 or 520 (which supabase-js retries)', async () => {
    const paths = [
      '/nope',
      '/items?id=eq.x',
      '/items?select=a(',
      '/rpc/nope',
      '/items?order=zz',
      '/items?limit=-5',
    ];
    for (const p of paths) {
      const res = await f.rest(p);
      expect([503, 520]).not.toContain(res.status);
      expect(res.status).toBeGreaterThanOrEqual(400);
    }
  });

  it('serves the root and OPTIONS', async () => {
    const root = await f.rest('/');
    expect(root.status).toBe(200);
    expect((await root.json()).paths).toHaveProperty('/items');
    const opts = await fetch(`${f.stack.url}/rest/v1/items`, { method: 'OPTIONS' });
    expect(opts.status).toBeLessThan(300);
  });

  it('reloads the schema cache on NOTIFY pgrst', async () => {
    await f.stack.db.exec(
      "create table public.late_table (id int primary key); grant all on public.late_table to anon; notify pgrst, 'reload schema';",
    );
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = (await f.rest('/late_table')).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe(200);
  });
});
