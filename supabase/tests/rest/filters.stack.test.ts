import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRestFixture, type RestFixture } from './setup';

let f: RestFixture;
beforeAll(async () => {
  f = await startRestFixture();
});
afterAll(() => f?.stop());

const itemIds = () => f.userA.from('items').select('id');
type Query = ReturnType<typeof itemIds>;

const ids = (rows: { id: number }[] | null) => (rows ?? []).map((r) => r.id).sort((a, b) => a - b);

// Owner A sees items 1..4: 1 Kacang Goreng 5000 (10), 2 Kopi Hitam 7500.5 (0), 3 Es Teh 4000 (25),
// 4 Rokok*Kretek 25000 (3, inactive); item 3 has active = null and data = null.
describe('comparison operators', () => {
  it.each([
    ['eq', (q: Query) => q.eq('sku', 'A-002'), [2]],
    ['neq', (q: Query) => q.neq('sku', 'A-002'), [1, 3, 4]],
    ['gt', (q: Query) => q.gt('price', 5000), [2, 4]],
    ['gte', (q: Query) => q.gte('price', 5000), [1, 2, 4]],
    ['lt', (q: Query) => q.lt('stock', 10), [2, 4]],
    ['lte', (q: Query) => q.lte('stock', 10), [1, 2, 4]],
    ['like with *', (q: Query) => q.like('name', 'K*'), [1, 2]],
    ['like with %', (q: Query) => q.like('name', '%Teh'), [3]],
    ['ilike', (q: Query) => q.ilike('name', '*kopi*'), [2]],
    ['match', (q: Query) => q.filter('name', 'match', '^Es'), [3]],
    ['imatch', (q: Query) => q.filter('name', 'imatch', '^es'), [3]],
    ['in', (q: Query) => q.in('sku', ['A-001', 'A-003']), [1, 3]],
    ['not in', (q: Query) => q.not('sku', 'in', '(A-001,A-003)'), [2, 4]],
    ['is null', (q: Query) => q.is('data', null), [3]],
    ['is true', (q: Query) => q.is('active', true), [1, 2]],
    ['is false', (q: Query) => q.is('active', false), [4]],
    ['not is null', (q: Query) => q.not('data', 'is', null), [1, 2, 4]],
    ['contains', (q: Query) => q.contains('tags', ['drink']), [2, 3]],
    ['contained by', (q: Query) => q.containedBy('tags', ['snack', 'nuts', 'extra']), [1, 4]],
    ['overlaps', (q: Query) => q.overlaps('tags', ['hot', 'nuts']), [1, 2]],
    ['jsonb contains', (q: Query) => q.contains('data', { brand: 'Gudang' }), [4]],
    ['json path', (q: Query) => q.eq('data->size->>grams', '25'), [2]],
    ['likeAnyOf', (q: Query) => q.likeAnyOf('name', ['Kopi*', 'Es*']), [2, 3]],
    ['likeAllOf', (q: Query) => q.likeAllOf('name', ['K*', '*ng']), [1]],
    ['ilikeAnyOf', (q: Query) => q.ilikeAnyOf('name', ['kopi*', 'es*']), [2, 3]],
    ['isDistinct', (q: Query) => q.isDistinct('active', true), [3, 4]],
    ['not eq', (q: Query) => q.not('stock', 'eq', 0), [1, 3, 4]],
    ['match()', (q: Query) => q.match({ category_id: 4, stock: 0 }), [2]],
  ])('%s', async (_name, apply, expected) => {
    const { data, error } = await apply(itemIds());
    expect(error).toBeNull();
    expect(ids(data)).toEqual(expected);
  });

  it('quotes values containing reserved characters in in()', async () => {
    const { data } = await f.userA
      .from('items')
      .select('id')
      .in('name', ['Rokok*Kretek', 'a,b', 'c)d']);
    expect(ids(data)).toEqual([4]);
  });

  it('treats * literally nowhere but like/ilike', async () => {
    const { data } = await f.userA.from('items').select('id').eq('name', 'Rokok*Kretek');
    expect(ids(data)).toEqual([4]);
  });
});

describe('logic trees', () => {
  it('combines or and nested and', async () => {
    const { data } = await f.userA
      .from('items')
      .select('id')
      .or('stock.eq.0,and(price.gt.10000,active.is.false)');
    expect(ids(data)).toEqual([2, 4]);
  });

  it('negates a group and mixes with plain filters', async () => {
    const { data } = await f.userA
      .from('items')
      .select('id')
      .not('id', 'eq', 1)
      .or('tags.cs.{drink},sku.eq.A-004');
    expect(ids(data)).toEqual([2, 3, 4]);
    const res = await f.rest('/items?select=id&not.or=(stock.gt.5,price.gt.20000)', {
      headers: { Authorization: `Bearer ${f.tokenA}` },
    });
    expect(ids(await res.json())).toEqual([2]);
  });

  it('accepts quoted values and in-lists inside or', async () => {
    const { data } = await f.userA
      .from('items')
      .select('id')
      .or('name.eq."Es Teh",sku.in.(A-001,"A-002")');
    expect(ids(data)).toEqual([1, 2, 3]);
  });

  it('rejects an empty group with PGRST100', async () => {
    const res = await f.rest('/items?or=()');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      code: 'PGRST100',
      message: '"failed to parse logic tree (or())" (line 1, column 4)',
    });
  });
});

describe('full-text search', () => {
  it.each([
    ['fts on a tsvector column', 'tsv', 'cat', undefined, [1]],
    ['plain on text', 'body', 'quick dog', 'plain', [2]],
    ['phrase on text', 'body', 'fat cat', 'phrase', [1]],
    ['websearch on text', 'body', 'cat or dog', 'websearch', [1, 2]],
  ] as const)('%s', async (_name, column, query, type, expected) => {
    const { data, error } = await f.anon
      .from('docs')
      .select('id')
      .textSearch(column, query, { config: 'english', ...(type ? { type } : {}) });
    expect(error).toBeNull();
    expect(ids(data)).toEqual(expected);
  });
});

describe('bad filters', () => {
  it('answers PGRST100 for an unknown operator', async () => {
    const res = await f.rest('/items?id=noop.1');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      code: 'PGRST100',
      message: '"failed to parse filter (noop.1)" (line 1, column 1)',
      details: expect.stringContaining('unexpected'),
      hint: null,
    });
  });

  it('answers 42703 for a filter on an unknown column', async () => {
    const { error, status } = await f.userA.from('items').select('id').eq('nope', 1);
    expect(status).toBe(400);
    expect(error?.code).toBe('42703');
  });

  it('lets PostgreSQL reject a value of the wrong type (22P02 → 400)', async () => {
    const { error, status } = await f.userA.from('items').select('id').eq('id', 'abc');
    expect(status).toBe(400);
    expect(error?.code).toBe('22P02');
  });
});
