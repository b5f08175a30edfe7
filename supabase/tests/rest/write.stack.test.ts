import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRestFixture, USER_A, type RestFixture } from './setup';

let f: RestFixture;
beforeAll(async () => {
  f = await startRestFixture();
});
afterAll(() => f?.stop());

const json = { 'Content-Type': 'application/json' };

describe('insert', () => {
  it('inserts one row: 201 with no body by default', async () => {
    const res = await f.userA.from('items').insert({ sku: 'W-1', name: 'Gula' });
    expect(res).toMatchObject({ status: 201, data: null, error: null });
    const { data } = await f.userA
      .from('items')
      .select('sku, owner_id, price, tags')
      .eq('sku', 'W-1')
      .single();
    expect(data).toEqual({ sku: 'W-1', owner_id: USER_A, price: 0, tags: [] });
  });

  it('returns the representation with embeds on select()', async () => {
    const { data, status } = await f.userA
      .from('items')
      .insert({ sku: 'W-2', name: 'Teh Celup', category_id: 4, data: { brand: 'Sosro' } })
      .select('sku, data, categories(name)')
      .single();
    expect(status).toBe(201);
    expect(data).toEqual({ sku: 'W-2', data: { brand: 'Sosro' }, categories: { name: 'Coffee' } });
  });

  it('inserts many rows with the columns parameter; absent keys become NULL or, with missing=default, the default', async () => {
    const rows = [
      { sku: 'W-3', name: 'A', stock: 4 },
      { sku: 'W-4', name: 'B' },
    ];
    const plain = await f.userA.from('items').insert(rows).select('sku, stock');
    expect(plain.error?.code).toBe('23502'); // stock is NOT NULL and the second row sends none
    const withDefaults = await f.userA
      .from('items')
      .insert(rows, { defaultToNull: false })
      .select('sku, stock')
      .order('sku');
    expect(withDefaults.error).toBeNull();
    expect(withDefaults.data).toEqual([
      { sku: 'W-3', stock: 4 },
      { sku: 'W-4', stock: 0 },
    ]);
  });

  it('sends Content-Range and Preference-Applied as PostgREST does', async () => {
    const res = await f.rest('/items', {
      method: 'POST',
      headers: {
        ...json,
        Authorization: `Bearer ${f.tokenA}`,
        Prefer: 'return=minimal, count=exact',
      },
      body: JSON.stringify([
        { sku: 'W-5', name: 'x' },
        { sku: 'W-6', name: 'y' },
      ]),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-range')).toBe('*/2');
    expect(res.headers.get('preference-applied')).toBe('return=minimal, count=exact');
    expect(await res.text()).toBe('');
  });

  it('answers return=headers-only with a Location', async () => {
    const res = await f.rest('/items', {
      method: 'POST',
      headers: { ...json, Authorization: `Bearer ${f.tokenA}`, Prefer: 'return=headers-only' },
      body: JSON.stringify({ id: 500, sku: 'W-7', name: 'x' }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe('/items?id=eq.500');
  });

  it('answers PGRST204 for a column that does not exist', async () => {
    const { error, status } = await f.userA
      .from('items')
      .insert({ sku: 'W-8', name: 'x', colour: 'red' });
    expect(status).toBe(400);
    expect(error).toMatchObject({
      code: 'PGRST204',
      message: "Could not find the 'colour' column of 'items' in the schema cache",
    });
  });

  it('answers PGRST102 for a bad body', async () => {
    const res = await f.rest('/items', { method: 'POST', headers: json, body: '{"a":' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'PGRST102', message: 'Empty or invalid json' });
    const mixed = await f.rest('/items', {
      method: 'POST',
      headers: json,
      body: '[{"a":1},{"b":2}]',
    });
    expect(await mixed.json()).toMatchObject({
      code: 'PGRST102',
      message: 'All object keys must match',
    });
  });

  it('maps constraint violations: 23505 and 23503 → 409, 23514 → 400', async () => {
    const dup = await f.userA.from('items').insert({ sku: 'A-001', name: 'dup' });
    expect(dup.status).toBe(409);
    expect(dup.error?.code).toBe('23505');
    const fk = await f.userA.from('items').insert({ sku: 'W-9', name: 'x', category_id: 999 });
    expect(fk.status).toBe(409);
    expect(fk.error?.code).toBe('23503');
    const check = await f.userA.from('sale_items').insert({ sale_id: 2, item_id: 1, qty: 0 });
    expect(check.status).toBe(400);
    expect(check.error?.code).toBe('23514');
  });

  it('singular insert of two rows is 406 and inserts nothing', async () => {
    const res = await f.userA
      .from('items')
      .insert([
        { sku: 'S-1', name: 'x' },
        { sku: 'S-2', name: 'y' },
      ])
      .select()
      .single();
    expect(res.status).toBe(406);
    const { count } = await f.userA
      .from('items')
      .select('*', { count: 'exact', head: true })
      .like('sku', 'S-*');
    expect(count).toBe(0);
  });
});

describe('upsert', () => {
  it('merges duplicates: 201 when something was inserted, 200 when all were updates', async () => {
    const first = await f.userA
      .from('items')
      .upsert({ sku: 'U-1', name: 'first' }, { onConflict: 'sku' })
      .select('sku,name');
    expect(first.status).toBe(201);
    const again = await f.userA
      .from('items')
      .upsert({ sku: 'U-1', name: 'second' }, { onConflict: 'sku' })
      .select('sku,name');
    expect(again.status).toBe(200);
    expect(again.data).toEqual([{ sku: 'U-1', name: 'second' }]);
  });

  it('ignores duplicates', async () => {
    const res = await f.userA
      .from('items')
      .upsert(
        [
          { sku: 'U-1', name: 'ignored' },
          { sku: 'U-2', name: 'new' },
        ],
        { onConflict: 'sku', ignoreDuplicates: true },
      )
      .select('sku,name');
    expect(res.status).toBe(201);
    expect(res.data).toEqual([{ sku: 'U-2', name: 'new' }]);
    const { data } = await f.userA.from('items').select('name').eq('sku', 'U-1').single();
    expect(data).toEqual({ name: 'second' });
  });

  it('upserts on the primary key by default', async () => {
    const res = await f.userA
      .from('items')
      .upsert({ id: 1, sku: 'A-001', name: 'Kacang Asin' })
      .select('id,name');
    expect(res.status).toBe(200);
    expect(res.data).toEqual([{ id: 1, name: 'Kacang Asin' }]);
  });

  it('needs an UPDATE policy to merge: without one RLS answers 403 for a signed-in user', async () => {
    const res = await f.userA.from('sale_items').upsert({ sale_id: 2, item_id: 3, qty: 7 });
    expect(res.status).toBe(403);
    expect(res.error?.code).toBe('42501');
  });
});

describe('update and delete', () => {
  it('updates with filters: 204 by default, 200 with the rows on select()', async () => {
    const plain = await f.userA.from('items').update({ stock: 11 }).eq('sku', 'W-1');
    expect(plain.status).toBe(204);
    const res = await f.userA
      .from('items')
      .update({ stock: 12 })
      .eq('sku', 'W-1')
      .select('sku,stock');
    expect(res).toMatchObject({ status: 200, data: [{ sku: 'W-1', stock: 12 }] });
  });

  it('sends Content-Range for updates and deletes', async () => {
    const upd = await f.rest('/items?sku=eq.W-1', {
      method: 'PATCH',
      headers: { ...json, Authorization: `Bearer ${f.tokenA}`, Prefer: 'count=exact' },
      body: '{"stock":1}',
    });
    expect(upd.status).toBe(204);
    expect(upd.headers.get('content-range')).toBe('0-0/1');
  });

  it('refuses an unfiltered update or delete like pg-safeupdate', async () => {
    const upd = await f.userA.from('items').update({ stock: 0 });
    expect(upd.status).toBe(400);
    expect(upd.error).toMatchObject({ code: '21000', message: 'UPDATE requires a WHERE clause' });
    const del = await f.userA.from('items').delete();
    expect(del.error).toMatchObject({ code: '21000', message: 'DELETE requires a WHERE clause' });
  });

  it('deletes and returns the deleted rows', async () => {
    const { data, status } = await f.userA.from('items').delete().eq('sku', 'W-4').select('sku');
    expect(status).toBe(200);
    expect(data).toEqual([{ sku: 'W-4' }]);
    const none = await f.userA.from('items').delete({ count: 'exact' }).eq('sku', 'nothing');
    expect(none).toMatchObject({ status: 204, count: 0 });
  });

  it('rolls back with Prefer: tx=rollback', async () => {
    const res = await f.userA
      .from('items')
      .update({ name: 'rolled back' })
      .eq('sku', 'W-1')
      .select('name')
      .rollback();
    expect(res.data).toEqual([{ name: 'rolled back' }]);
    const { data } = await f.userA.from('items').select('name').eq('sku', 'W-1').single();
    expect(data).toEqual({ name: 'Gula' });
  });

  it('enforces max-affected with handling=strict', async () => {
    // maxAffected() is typed for PostgREST 13+ clients only; the untyped client sends the same headers.
    const query = f.userA.from('items').update({ stock: 1 }).like('sku', 'W-*') as unknown as {
      maxAffected(
        n: number,
      ): PromiseLike<{ status: number; error: { code: string; message: string } | null }>;
    };
    const res = await query.maxAffected(1);
    expect(res.status).toBe(400);
    expect(res.error).toMatchObject({
      code: 'PGRST124',
      message: 'Query result exceeds max-affected preference constraint',
    });
    const { data } = await f.userA.from('items').select('stock').eq('sku', 'W-1').single();
    expect(data).toEqual({ stock: 1 });
  });

  it('refuses invalid preferences with handling=strict', async () => {
    const res = await f.rest('/items?sku=eq.W-1', {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${f.tokenA}`, Prefer: 'handling=strict, bogus=1' },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      code: 'PGRST122',
      details: 'Invalid preferences: bogus=1',
    });
  });
});
