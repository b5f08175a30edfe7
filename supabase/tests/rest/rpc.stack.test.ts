import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRestFixture, type RestFixture } from './setup';

let f: RestFixture;
beforeAll(async () => {
  f = await startRestFixture();
});
afterAll(() => f?.stop());

describe('calling functions', () => {
  it('calls a scalar function by POST with named arguments', async () => {
    const res = await f.anon.rpc('add_numbers', { a: 2, b: 40 });
    expect(res).toMatchObject({ status: 200, data: 42, error: null });
  });

  it('calls by GET and HEAD with arguments in the query string', async () => {
    expect((await f.anon.rpc('add_numbers', { a: 1, b: 2 }, { get: true })).data).toBe(3);
    const head = await f.anon.rpc('add_numbers', { a: 1, b: 2 }, { head: true });
    expect(head).toMatchObject({ status: 200, data: null, error: null });
  });

  it('uses parameter defaults', async () => {
    expect((await f.anon.rpc('greet')).data).toBe('hello world');
    expect((await f.anon.rpc('greet', { name: 'Sari' })).data).toBe('hello Sari');
  });

  it('returns a set of scalars, a set of rows, a table and a single row', async () => {
    expect((await f.userA.rpc('item_names').limit(2)).data).toEqual([
      'Kacang Goreng',
      'Kopi Hitam',
    ]);
    const rows = await f.userA
      .rpc('items_cheaper_than', { max_price: 6000 })
      .select('id, sku')
      .order('id', { ascending: false });
    expect(rows.data).toEqual([
      { id: 3, sku: 'A-003' },
      { id: 1, sku: 'A-001' },
    ]);
    expect((await f.userA.rpc('sale_lines', { p_sale: 1 })).data).toEqual([
      { item_id: 1, qty: 2 },
      { item_id: 2, qty: 1 },
      { item_id: 3, qty: 5 },
    ]);
    expect((await f.userA.rpc('first_item').select('sku')).data).toEqual({ sku: 'A-001' });
  });

  it('filters, counts and embeds on table-like results', async () => {
    const res = await f.userA
      .rpc('items_cheaper_than', { max_price: 100000 }, { count: 'exact' })
      .select('id, categories(name)')
      .eq('active', true)
      .order('id')
      .range(0, 0);
    expect(res).toMatchObject({
      status: 206,
      count: 2,
      data: [{ id: 1, categories: { name: 'Snacks' } }],
    });
    const get = await f.userA.rpc('sale_lines', { p_sale: 1 }, { get: true }).gt('qty', 1);
    expect(get.data).toEqual([
      { item_id: 1, qty: 2 },
      { item_id: 3, qty: 5 },
    ]);
  });

  it('passes the whole body to a single unnamed jsonb parameter', async () => {
    expect((await f.anon.rpc('echo', { any: ['thing', 1] })).data).toEqual({ any: ['thing', 1] });
  });

  it('answers 204 for a void function', async () => {
    const res = await f.anon.rpc('touch_notes');
    expect(res).toMatchObject({ status: 204, data: null, error: null });
  });

  it('resolves overloads by argument names', async () => {
    expect((await f.anon.rpc('overloaded', { a: 1 })).data).toBe('int');
    expect((await f.anon.rpc('overloaded', { a: 'x', b: 'y' })).data).toBe('two texts');
  });

  it('runs a volatile function in a read-write transaction on POST only', async () => {
    const post = await f.userA.rpc('bump_stock', { p_item: 3, p_by: 2 });
    expect(post.data).toBe(27);
    const get = await f.userA.rpc('bump_stock', { p_item: 3 }, { get: true });
    expect(get.status).toBe(405);
    expect(get.error?.code).toBe('25006');
  });
});

describe('errors from functions', () => {
  it('answers 404 PGRST202 for an unknown function or argument set', async () => {
    const res = await f.anon.rpc('add_numbers', { a: 1, c: 2 });
    expect(res.status).toBe(404);
    expect(res.error).toMatchObject({
      code: 'PGRST202',
      message: 'Could not find the function public.add_numbers(a, c) in the schema cache',
      details:
        'Searched for the function public.add_numbers with parameters a, c or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.',
    });
    const none = await f.anon.rpc('no_such_function');
    expect(none.error?.message).toBe(
      'Could not find the function public.no_such_function without parameters in the schema cache',
    );
  });

  it('maps RAISE: P0001 → 400 with detail and hint, PTxxx → xxx', async () => {
    const plain = await f.anon.rpc('fail_plain');
    expect(plain.status).toBe(400);
    expect(plain.error).toEqual({
      code: 'P0001',
      message: 'boom',
      details: 'it went boom',
      hint: 'do not',
    });
    const pay = await f.anon.rpc('fail_payment');
    expect(pay.status).toBe(402);
    expect(pay.error?.code).toBe('PT402');
  });

  it("takes full control with RAISE SQLSTATE 'PGRST'", async () => {
    const res = await f.rest('/rpc/fail_custom', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(418);
    expect(res.headers.get('x-custom')).toBe('yes');
    expect(await res.json()).toEqual({
      code: 'X1',
      message: 'custom failure',
      details: 'd',
      hint: 'h',
    });
  });

  it('lets SQL set response status and headers', async () => {
    const res = await f.rest('/rpc/with_headers', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(202);
    expect(res.headers.get('x-extra')).toBe('1');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses other methods on /rpc with PGRST101', async () => {
    const res = await f.rest('/rpc/add_numbers', {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(405);
    expect(await res.json()).toMatchObject({
      code: 'PGRST101',
      message: 'Cannot use the PATCH method on RPC',
    });
  });
});
