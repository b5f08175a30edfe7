import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRestFixture, type RestFixture } from './setup';

let f: RestFixture;
beforeAll(async () => {
  f = await startRestFixture();
});
afterAll(() => f?.stop());

describe('select', () => {
  it('returns the requested columns, aliases and casts, formatted by PostgreSQL', async () => {
    const { data, error } = await f.userA
      .from('items')
      .select('id, label:name, price, cost:price::text')
      .eq('id', 2);
    expect(error).toBeNull();
    expect(data).toEqual([{ id: 2, label: 'Kopi Hitam', price: 7500.5, cost: '7500.50' }]);
  });

  it('keeps numeric scale and timestamp format exactly as PostgREST does', async () => {
    const res = await f.rest('/items?select=price,created_at&id=eq.1', {
      headers: { Authorization: `Bearer ${f.tokenA}` },
    });
    expect(await res.text()).toBe('[{"price":5000.00,"created_at":"2024-01-01T00:00:00+00:00"}]');
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });

  it('reads JSON paths, naming them after the last key', async () => {
    const { data } = await f.userA
      .from('items')
      .select('id, data->brand, grams:data->size->>grams, data->codes->0')
      .eq('id', 1);
    expect(data).toEqual([{ id: 1, brand: 'Dua Kelinci', grams: '100', codes: 1 }]);
  });

  it('returns arrays and jsonb as JSON', async () => {
    const { data } = await f.userA.from('items').select('tags, data').eq('id', 2).single();
    expect(data).toEqual({
      tags: ['drink', 'hot'],
      data: { brand: 'Kapal Api', size: { grams: 25 } },
    });
  });

  it('answers an unknown column with PostgreSQL error 42703', async () => {
    const { error, status } = await f.userA.from('items').select('id, banana');
    expect(status).toBe(400);
    expect(error).toMatchObject({
      code: '42703',
      message: 'column items.banana does not exist',
      details: null,
      hint: null,
    });
  });

  it('refuses aggregates as Supabase does by default', async () => {
    const { error, status } = await f.userA.from('items').select('count()');
    expect(status).toBe(400);
    expect(error?.code).toBe('PGRST123');
  });
});

describe('order, limit and range', () => {
  it('orders by several columns with null placement', async () => {
    const { data } = await f.userA
      .from('items')
      .select('id')
      .order('active', { ascending: false, nullsFirst: true })
      .order('id');
    expect(data?.map((r) => r.id)).toEqual([3, 1, 2, 4]);
  });

  it('orders by a JSON path', async () => {
    const { data } = await f.userA
      .from('items')
      .select('id')
      .not('data', 'is', null)
      .order('data->>brand', { ascending: false });
    expect(data?.map((r) => r.id)).toEqual([2, 4, 1]);
  });

  it('pages with range() and limit()', async () => {
    const { data } = await f.userA.from('items').select('id').order('id').range(1, 2);
    expect(data?.map((r) => r.id)).toEqual([2, 3]);
    const limited = await f.userA.from('items').select('id').order('id').limit(1);
    expect(limited.data).toEqual([{ id: 1 }]);
  });

  it('honours a Range header on GET, intersected with limit', async () => {
    const res = await f.rest('/items?select=id&order=id&limit=2', {
      headers: { Authorization: `Bearer ${f.tokenA}`, Range: '1-3', Prefer: 'count=exact' },
    });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('1-1/4');
    expect(await res.json()).toEqual([{ id: 2 }]);
  });

  it('rejects a malformed order with PGRST100', async () => {
    const res = await f.rest('/items?order=id.ac');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      code: 'PGRST100',
      message: '"failed to parse order (id.ac)" (line 1, column 4)',
    });
  });
});

describe('counts and Content-Range', () => {
  it('counts exactly and answers 206 for a partial page', async () => {
    const res = await f.userA
      .from('items')
      .select('id', { count: 'exact' })
      .order('id')
      .range(0, 1);
    expect(res.status).toBe(206);
    expect(res.count).toBe(4);
    expect(res.data).toHaveLength(2);
  });

  it('sends Content-Range forms PostgREST sends', async () => {
    const auth = { Authorization: `Bearer ${f.tokenA}` };
    const full = await f.rest('/items?select=id', { headers: { ...auth, Prefer: 'count=exact' } });
    expect(full.status).toBe(200);
    expect(full.headers.get('content-range')).toBe('0-3/4');
    const none = await f.rest('/items?select=id', { headers: auth });
    expect(none.headers.get('content-range')).toBe('0-3/*');
    const empty = await f.rest('/items?select=id&id=gt.999', {
      headers: { ...auth, Prefer: 'count=exact' },
    });
    expect(empty.headers.get('content-range')).toBe('*/0');
    const emptyNoCount = await f.rest('/items?select=id&id=gt.999', { headers: auth });
    expect(emptyNoCount.headers.get('content-range')).toBe('*/*');
  });

  it('answers 416 when the offset is past the total', async () => {
    const { error, status } = await f.userA
      .from('items')
      .select('id', { count: 'exact' })
      .range(10, 12);
    expect(status).toBe(416);
    expect(error).toMatchObject({
      code: 'PGRST103',
      message: 'Requested range not satisfiable',
      details: 'An offset of 10 was requested, but there are only 4 rows.',
    });
  });

  it('supports HEAD with a count and planned/estimated counts', async () => {
    const head = await f.userA.from('items').select('*', { count: 'exact', head: true });
    expect(head).toMatchObject({ status: 200, count: 4, data: null, error: null });
    const planned = await f.anon.from('categories').select('*', { count: 'planned', head: true });
    expect(planned.error).toBeNull();
    expect(typeof planned.count).toBe('number');
    const estimated = await f.anon.from('categories').select('id', { count: 'estimated' });
    expect(estimated.count).toBe(4);
  });

  it('caps every response at db-max-rows (1000)', async () => {
    const res = await f.anon.rpc('series', { n: 1500 }, { count: 'exact' }).limit(5000);
    expect(res.error).toBeNull();
    expect(res.status).toBe(206);
    expect(res.count).toBe(1500);
    expect((res.data as number[]).length).toBe(1000);
  });
});

describe('singular responses', () => {
  it('returns one object with single()', async () => {
    const { data, error } = await f.userA.from('items').select('sku').eq('id', 3).single();
    expect(error).toBeNull();
    expect(data).toEqual({ sku: 'A-003' });
  });

  it('answers 406 PGRST116 when not exactly one row', async () => {
    const many = await f.userA.from('items').select('id').single();
    expect(many.status).toBe(406);
    expect(many.error).toEqual({
      code: 'PGRST116',
      message: 'Cannot coerce the result to a single JSON object',
      details: 'The result contains 4 rows',
      hint: null,
    });
    const none = await f.userA.from('items').select('id').eq('id', 999).single();
    expect(none.error?.details).toBe('The result contains 0 rows');
  });

  it('supports maybeSingle() without a header, and with the older Accept form', async () => {
    const hit = await f.userA.from('items').select('id').eq('id', 1).maybeSingle();
    expect(hit.data).toEqual({ id: 1 });
    const miss = await f.userA.from('items').select('id').eq('id', 999).maybeSingle();
    expect(miss).toMatchObject({ data: null, error: null });
    const older = await f.rest('/items?select=id&id=eq.1', {
      headers: { Authorization: `Bearer ${f.tokenA}`, Accept: 'application/vnd.pgrst.object+json' },
    });
    expect(await older.json()).toEqual({ id: 1 });
  });
});

describe('other representations', () => {
  it('answers text/csv', async () => {
    const { data } = await f.userA.from('items').select('id,sku').order('id').limit(2).csv();
    expect(data).toBe('id,sku\n1,A-001\n2,A-002');
  });

  it('strips nulls when asked', async () => {
    const { data } = await f.userA.from('items').select('id,data').eq('id', 3).stripNulls();
    expect(data).toEqual([{ id: 3 }]);
  });

  it('answers 406 PGRST107 for a media type it cannot produce', async () => {
    const res = await f.rest('/items', { headers: { Accept: 'text/html' } });
    expect(res.status).toBe(406);
    expect(await res.json()).toMatchObject({
      code: 'PGRST107',
      message: 'None of these media types are available: text/html',
    });
  });

  it('reads a view', async () => {
    const { data } = await f.userA.from('item_overview').select('sku').order('sku').limit(1);
    expect(data).toEqual([{ sku: 'A-001' }]);
  });
});
