import { describe, expect, it } from 'vitest';
import { bindingId, parseChangeParams } from './params';

const filterOf = (filter: string) => {
  const r = parseChangeParams({ event: '*', schema: 'public', table: 't', filter });
  return r.ok ? r.params.filters : r.message;
};

describe('postgres_changes filters, parsed as hosted Realtime parses them', () => {
  it.each([
    ['id=eq.5', [['id', 'eq', '5', false]]],
    ['id=not.in.(1,2)', [['id', 'in', '{1,2}', true]]],
    [
      'id=gt.0,id=lt.100',
      [
        ['id', 'gt', '0', false],
        ['id', 'lt', '100', false],
      ],
    ],
    ['name=eq."a,b"', [['name', 'eq', 'a,b', false]]],
    ['name=in.("a,b",c)', [['name', 'in', '{"a,b",c}', false]]],
    ['name=eq.x.y', [['name', 'eq', 'x.y', false]]],
    ['  ', []],
  ])('%s', (filter, expected) => {
    expect(filterOf(filter)).toEqual(expected);
  });

  it.each([
    ['subject=foo.hey', 'Error parsing `filter` params: ["foo", "hey"]'],
    ['undefined', 'Error parsing `filter` params: ["undefined"]'],
    ['id=in.1', 'Error parsing `filter` params: `in` filter value must be wrapped by parentheses'],
    [
      'id=eq.1,,id=eq.2',
      'Error parsing `filter` params: filter must not contain empty segments (check for extra commas)',
    ],
  ])('rejects %s', (filter, message) => {
    expect(filterOf(filter)).toBe(message);
  });

  it('fills in the schema or the table as hosted Realtime does', () => {
    expect(parseChangeParams({ event: 'insert', schema: 'app' })).toMatchObject({
      ok: true,
      params: { event: 'INSERT', schema: 'app', table: '*' },
    });
    expect(parseChangeParams({ table: 'orders' })).toMatchObject({
      ok: true,
      params: { event: '*', schema: 'public', table: 'orders' },
    });
    expect(parseChangeParams({})).toMatchObject({ ok: false });
  });

  it('gives equal parameters equal 27-bit ids, whatever their key order', () => {
    const a = bindingId({ event: '*', schema: 'public', table: 'x', filter: 'id=eq.1' });
    const b = bindingId({ filter: 'id=eq.1', table: 'x', schema: 'public', event: '*' });
    expect(a).toBe(b);
    expect(a).toBeLessThan(2 ** 27);
    expect(bindingId({ event: '*', schema: 'public', table: 'y' })).not.toBe(a);
  });
});
