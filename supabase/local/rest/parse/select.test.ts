import { describe, expect, it } from 'vitest';
import { QueryParamError } from './cursor';
import { parseSelect } from './select';

const col = (name: string, extra: object = {}) => ({
  kind: 'field',
  field: { name, path: [] },
  ...extra,
});

describe('parseSelect', () => {
  it.each([
    ['*', [col('*')]],
    ['', []],
    ['id,name', [col('id'), col('name')]],
    ['id, name', [col('id'), col('name')]],
    ['alias:name', [col('name', { alias: 'alias' })]],
    ['name::text', [col('name', { cast: 'text' })]],
    ['total::double precision', [col('total', { cast: 'double precision' })]],
    ['"a,b":"c d"', [col('c d', { alias: 'a,b' })]],
    ['identifier with spaces', [col('identifier with spaces')]],
    ['some-col', [col('some-col')]],
    ['count()', [col('*', { aggregate: 'count' })]],
    ['qty.sum()', [col('qty', { aggregate: 'sum' })]],
  ])('parses %j', (src, expected) => {
    expect(parseSelect(src)).toEqual(expected);
  });

  it('parses JSON paths with keys and indexes', () => {
    expect(parseSelect('data->a->>b,arr->0,x->-1')).toEqual([
      {
        kind: 'field',
        field: {
          name: 'data',
          path: [
            { arrow: '->', key: 'a', index: false },
            { arrow: '->>', key: 'b', index: false },
          ],
        },
      },
      { kind: 'field', field: { name: 'arr', path: [{ arrow: '->', key: '+0', index: true }] } },
      { kind: 'field', field: { name: 'x', path: [{ arrow: '->', key: '-1', index: true }] } },
    ]);
  });

  it('accepts special characters in JSON keys', () => {
    const [item] = parseSelect('data->!@#$%^&*_d::integer');
    expect(item).toMatchObject({ field: { path: [{ key: '!@#$%^&*_d' }] }, cast: 'integer' });
  });

  it('parses embeds with alias, hint, inner join and nesting', () => {
    expect(parseSelect('*,buyer:users!buyer_id!inner(id,name),items(*,product(name))')).toEqual([
      col('*'),
      {
        kind: 'embed',
        name: 'users',
        alias: 'buyer',
        hint: 'buyer_id',
        inner: true,
        spread: false,
        children: [col('id'), col('name')],
      },
      {
        kind: 'embed',
        name: 'items',
        inner: false,
        spread: false,
        children: [
          col('*'),
          { kind: 'embed', name: 'product', inner: false, spread: false, children: [col('name')] },
        ],
      },
    ]);
  });

  it('parses hint and join type in either order, and spreads', () => {
    expect(parseSelect('rel!inner!hint(*)')[0]).toMatchObject({ hint: 'hint', inner: true });
    expect(parseSelect('...owner(name)')[0]).toMatchObject({
      kind: 'embed',
      name: 'owner',
      spread: true,
    });
    expect(parseSelect('rel!left(*)')[0]).toMatchObject({ inner: false });
  });

  it.each([
    ['id,clients(name[])', 16],
    ['name!hint', 5],
    ['name::', 7],
    ['data->(x', 7],
    ['id;drop', 3],
  ])('rejects %j at column %i', (src, column) => {
    let err: unknown;
    try {
      parseSelect(src);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(QueryParamError);
    expect((err as Error).message).toBe(
      `"failed to parse select parameter (${src})" (line 1, column ${column})`,
    );
  });
});
