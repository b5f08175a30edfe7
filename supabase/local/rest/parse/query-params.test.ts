import { describe, expect, it } from 'vitest';
import { negotiate } from './accept';
import { QueryParamError } from './cursor';
import { parseOrder } from './order';
import { parsePrefer } from './prefer';
import { NegativeLimitError, parseQueryParams } from './query-params';
import { splitQuery } from './query-string';

describe('splitQuery', () => {
  it('decodes plus, percent escapes, and tolerates broken escapes', () => {
    expect(splitQuery('a=b+c&d=%2C%20&e=%zz&f&g=')).toEqual([
      ['a', 'b c'],
      ['d', ', '],
      ['e', '%zz'],
      ['f', null],
      ['g', ''],
    ]);
  });
});

describe('parseQueryParams', () => {
  it('sorts params into select, filters, order, ranges and logic', () => {
    const q = parseQueryParams(
      'select=id,items(*)&status=eq.OPEN&items.qty=gt.1&order=id.desc&items.order=qty&limit=10&offset=20&items.limit=2&or=(a.eq.1,b.eq.2)&items.not.and=(c.eq.3)&ignored',
    );
    expect(q.select).toHaveLength(2);
    expect(q.filters.map((f) => [f.path, f.filter.field.name])).toEqual([
      [[], 'status'],
      [['items'], 'qty'],
    ]);
    expect(q.order).toEqual([
      { path: [], terms: [{ field: { name: 'id', path: [] }, direction: 'desc' }] },
      { path: ['items'], terms: [{ field: { name: 'qty', path: [] } }] },
    ]);
    expect(q.ranges.get('')).toEqual({ offset: 20, limit: 10 });
    expect(q.ranges.get('items')).toEqual({ offset: 0, limit: 2 });
    expect(q.logic.map((l) => [l.path, l.tree.kind === 'expr' && l.tree.negate])).toEqual([
      [[], false],
      [['items'], true],
    ]);
  });

  it('defaults select to * and reads columns and on_conflict', () => {
    const q = parseQueryParams('columns="a","b c"&on_conflict=sku');
    expect(q.select).toEqual([{ kind: 'field', field: { name: '*', path: [] } }]);
    expect(q.columns).toEqual(['a', 'b c']);
    expect(q.onConflict).toEqual(['sku']);
  });

  it('treats operator-less params as RPC arguments only for RPC reads', () => {
    expect(parseQueryParams('a=1&b=eq.2', true).rpcArgs).toEqual([['a', '1']]);
    expect(() => parseQueryParams('a=1')).toThrow(QueryParamError);
  });

  it('ignores a non-integer limit and refuses a negative one', () => {
    expect(parseQueryParams('limit=abc').ranges.size).toBe(0);
    expect(() => parseQueryParams('limit=-1')).toThrow(NegativeLimitError);
  });
});

describe('parseOrder', () => {
  it('parses directions, null ordering and related terms', () => {
    expect(parseOrder('a.desc.nullslast,owner(name).asc,data->>k')).toEqual([
      { field: { name: 'a', path: [] }, direction: 'desc', nulls: 'last' },
      { relation: 'owner', field: { name: 'name', path: [] }, direction: 'asc' },
      { field: { name: 'data', path: [{ arrow: '->>', key: 'k', index: false }] } },
    ]);
  });

  it.each(['id.ac', 'id.descc', 'id.nullslasttt'])('rejects %j', (src) => {
    expect(() => parseOrder(src)).toThrow(QueryParamError);
  });
});

describe('parsePrefer', () => {
  it('reads comma-joined preferences; the first of each kind wins', () => {
    expect(
      parsePrefer('count=exact, return=representation,return=minimal, max-affected=5, bogus'),
    ).toEqual({
      count: 'exact',
      return: 'representation',
      maxAffected: 5,
      invalid: ['bogus'],
    });
  });
});

describe('negotiate', () => {
  it.each([
    [null, 'json'],
    ['application/json', 'json'],
    ['application/vnd.pgrst.object+json', 'singular'],
    ['text/csv', 'csv'],
    ['text/html, */*;q=0.8', 'json'],
  ])('maps %j to %s', (accept, kind) => {
    expect(negotiate(accept).media?.kind).toBe(kind);
  });

  it('strips nulls when asked and refuses unknown types', () => {
    expect(negotiate('application/vnd.pgrst.array+json;nulls=stripped').media?.stripNulls).toBe(
      true,
    );
    expect(negotiate('text/html')).toEqual({ media: null, offered: ['text/html'] });
  });
});
