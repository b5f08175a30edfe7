import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRestFixture, type RestFixture } from './setup';

let f: RestFixture;
beforeAll(async () => {
  f = await startRestFixture();
});
afterAll(() => f?.stop());

describe('embedding through foreign keys', () => {
  it('embeds many-to-one as an object and one-to-many as an array', async () => {
    const { data, error } = await f.userA
      .from('items')
      .select('id, owners(name), category:categories(name), sale_items(qty)')
      .in('id', [1, 4])
      .order('id');
    expect(error).toBeNull();
    expect(data).toEqual([
      { id: 1, owners: { name: 'Ani' }, category: { name: 'Snacks' }, sale_items: [{ qty: 2 }] },
      { id: 4, owners: { name: 'Ani' }, category: null, sale_items: [] },
    ]);
  });

  it('embeds many-to-many through a junction table', async () => {
    const { data } = await f.userA.from('sales').select('id, items(sku)').eq('id', 1).single();
    expect((data as { items: { sku: string }[] }).items.map((i) => i.sku).sort()).toEqual([
      'A-001',
      'A-002',
      'A-003',
    ]);
  });

  it('nests embeds', async () => {
    const { data } = await f.userA
      .from('sales')
      .select('id, sale_items(qty, items(sku, categories(name)))')
      .eq('id', 2)
      .single();
    expect(data).toEqual({
      id: 2,
      sale_items: [{ qty: 1, items: { sku: 'A-003', categories: { name: 'Coffee' } } }],
    });
  });

  it('applies RLS inside embeds', async () => {
    const { data } = await f.userA
      .from('sales')
      .select('id, cashier:owners!cashier_id(name)')
      .eq('id', 1)
      .single();
    expect(data).toEqual({ id: 1, cashier: null });
    const { data: asB } = await f.userB
      .from('sales')
      .select('id, cashier:owners!cashier_id(name)')
      .single();
    expect(asB).toEqual({ id: 3, cashier: { name: 'Budi' } });
  });
});

describe('disambiguation', () => {
  it('answers 300 PGRST201 when two foreign keys reach the same table', async () => {
    const { error, status } = await f.userA.from('sales').select('id, owners(name)');
    expect(status).toBe(300);
    expect(error?.code).toBe('PGRST201');
    expect(error?.message).toBe(
      "Could not embed because more than one relationship was found for 'sales' and 'owners'",
    );
    expect(error?.hint).toContain("'owners!sales_cashier_id_fkey'");
    expect(error?.details).toHaveLength(2);
  });

  it('resolves hints by constraint name, column and referenced column', async () => {
    const byConstraint = await f.userA
      .from('sales')
      .select('owner:owners!sales_owner_id_fkey(name)')
      .eq('id', 1)
      .single();
    expect(byConstraint.data).toEqual({ owner: { name: 'Ani' } });
    const byColumn = await f.userA
      .from('sales')
      .select('owner:owners!owner_id(name)')
      .eq('id', 1)
      .single();
    expect(byColumn.data).toEqual({ owner: { name: 'Ani' } });
    const byFkColumnName = await f.userA
      .from('sales')
      .select('owner_id(name)')
      .eq('id', 1)
      .single();
    expect(byFkColumnName.data).toEqual({ owner_id: { name: 'Ani' } });
  });

  it('embeds a self reference both ways', async () => {
    const { data } = await f.anon
      .from('categories')
      .select('name, parent:parent_id(name), children:categories!parent_id(name)')
      .in('id', [1, 3])
      .order('id');
    expect(data).toEqual([
      { name: 'Food', parent: null, children: [{ name: 'Snacks' }] },
      { name: 'Snacks', parent: { name: 'Food' }, children: [] },
    ]);
  });

  it('answers 400 PGRST200 when there is no relationship', async () => {
    const { error, status } = await f.userA.from('items').select('id, docs(*)');
    expect(status).toBe(400);
    expect(error).toMatchObject({
      code: 'PGRST200',
      message: "Could not find a relationship between 'items' and 'docs' in the schema cache",
      details:
        "Searched for a foreign key relationship between 'items' and 'docs' in the schema 'public', but no matches were found.",
    });
  });
});

describe('filters, order and limits on embeds', () => {
  it('filters, orders and limits an embedded array', async () => {
    const { data } = await f.userA
      .from('sales')
      .select('id, sale_items(item_id, qty)')
      .eq('id', 1)
      .gt('sale_items.qty', 1)
      .order('qty', { referencedTable: 'sale_items', ascending: false })
      .limit(1, { referencedTable: 'sale_items' })
      .single();
    expect(data).toEqual({ id: 1, sale_items: [{ item_id: 3, qty: 5 }] });
  });

  it('or() on an embed', async () => {
    const { data } = await f.userA
      .from('sales')
      .select('id, sale_items(item_id)')
      .eq('id', 1)
      .or('item_id.eq.1,item_id.eq.3', { referencedTable: 'sale_items' })
      .single();
    expect(
      (data as { sale_items: { item_id: number }[] }).sale_items.map((s) => s.item_id).sort(),
    ).toEqual([1, 3]);
  });

  it('!inner drops parents whose embed is empty', async () => {
    const { data } = await f.userA
      .from('sales')
      .select('id, sale_items!inner(qty)')
      .gte('sale_items.qty', 5);
    expect(data).toEqual([{ id: 1, sale_items: [{ qty: 5 }] }]);
    const { data: inner } = await f.userA
      .from('items')
      .select('id, categories!inner(name)')
      .eq('categories.name', 'Coffee')
      .order('id');
    expect(inner?.map((r) => r.id)).toEqual([2, 3]);
  });

  it('counts only the parents an inner join keeps', async () => {
    const res = await f.userA
      .from('items')
      .select('id, categories!inner(name)', { count: 'exact' })
      .eq('categories.name', 'Coffee');
    expect(res.count).toBe(2);
  });

  it('filters parents on an empty or non-empty embed with is.null', async () => {
    const { data } = await f.userA.from('items').select('id, sale_items()').is('sale_items', null);
    expect(data).toEqual([{ id: 4 }]);
    const { data: withCat } = await f.userA
      .from('items')
      .select('id, categories(name)')
      .not('categories', 'is', null)
      .order('id');
    expect(withCat?.map((r) => r.id)).toEqual([1, 2, 3]);
  });

  it('orders parents by a to-one embed column', async () => {
    const { data } = await f.userA
      .from('items')
      .select('id, categories(name)')
      .neq('id', 4)
      .order('categories(name)', { ascending: false })
      .order('id');
    expect(data?.map((r) => r.id)).toEqual([1, 2, 3]);
  });

  it('refuses ordering by a to-many embed (PGRST118) and an unknown embed (PGRST108)', async () => {
    const manyRes = await f.rest('/sales?select=id,sale_items(qty)&order=sale_items(qty)');
    expect(manyRes.status).toBe(400);
    expect((await manyRes.json()).code).toBe('PGRST118');
    const unknown = await f.rest('/sales?select=id&nope.qty=eq.1');
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({
      code: 'PGRST108',
      message: "'nope' is not an embedded resource in this request",
    });
  });
});

describe('spread', () => {
  it('lifts a to-one embed’s columns into the parent', async () => {
    const { data } = await f.userA
      .from('items')
      .select('id, ...categories(category:name)')
      .eq('id', 2)
      .single();
    expect(data).toEqual({ id: 2, category: 'Coffee' });
  });

  it('turns a to-many spread into arrays per column', async () => {
    const { data } = await f.userA
      .from('sales')
      .select('id, ...sale_items(qty)')
      .eq('id', 2)
      .single();
    expect(data).toEqual({ id: 2, qty: [1] });
  });
});
