import { describe, expect, it } from 'vitest';
import { QueryParamError } from './cursor';
import { parseFilterValue, parseLogic, parseTreePath } from './filter';
import type { Field } from './types';

const f: Field = { name: 'col', path: [] };
const op = (value: string) => parseFilterValue(f, value);

describe('parseFilterValue', () => {
  it.each([
    ['eq.1', { kind: 'quant', op: 'eq', value: '1' }],
    ['eq.', { kind: 'quant', op: 'eq', value: '' }],
    ['gte.5', { kind: 'quant', op: 'gte', value: '5' }],
    ['gt.5', { kind: 'quant', op: 'gt', value: '5' }],
    ['lte.5', { kind: 'quant', op: 'lte', value: '5' }],
    ['lt.5', { kind: 'quant', op: 'lt', value: '5' }],
    ['like.*ab*', { kind: 'quant', op: 'like', value: '*ab*' }],
    ['ilike.%a.b%', { kind: 'quant', op: 'ilike', value: '%a.b%' }],
    ['match.^a', { kind: 'quant', op: 'match', value: '^a' }],
    ['imatch.^a', { kind: 'quant', op: 'imatch', value: '^a' }],
    ['like(any).{a*,b*}', { kind: 'quant', op: 'like', quantifier: 'any', value: '{a*,b*}' }],
    ['eq(all).{1,2}', { kind: 'quant', op: 'eq', quantifier: 'all', value: '{1,2}' }],
    ['neq.x', { kind: 'simple', op: 'neq', value: 'x' }],
    ['cs.{a,b}', { kind: 'simple', op: 'cs', value: '{a,b}' }],
    ['cd.{a}', { kind: 'simple', op: 'cd', value: '{a}' }],
    ['ov.{a}', { kind: 'simple', op: 'ov', value: '{a}' }],
    ['sl.[1,2]', { kind: 'simple', op: 'sl', value: '[1,2]' }],
    ['adj.[1,2]', { kind: 'simple', op: 'adj', value: '[1,2]' }],
    ['in.(1,2,3)', { kind: 'in', values: ['1', '2', '3'] }],
    ['in.("a,b",c)', { kind: 'in', values: ['a,b', 'c'] }],
    ['in.("say \\"hi\\"")', { kind: 'in', values: ['say "hi"'] }],
    ['in.()', { kind: 'in', values: [''] }],
    ['is.null', { kind: 'is', value: 'null' }],
    ['is.NULL', { kind: 'is', value: 'null' }],
    ['is.not_null', { kind: 'is', value: 'not_null' }],
    ['is.true', { kind: 'is', value: 'true' }],
    ['is.unknown', { kind: 'is', value: 'unknown' }],
    ['isdistinct.x', { kind: 'isdistinct', value: 'x' }],
    ['fts.cat', { kind: 'fts', op: 'fts', value: 'cat' }],
    ['plfts(english).fat cat', { kind: 'fts', op: 'plfts', language: 'english', value: 'fat cat' }],
    ['wfts.x', { kind: 'fts', op: 'wfts', value: 'x' }],
    ['phfts.x', { kind: 'fts', op: 'phfts', value: 'x' }],
  ])('parses %j', (value, operation) => {
    expect(op(value)).toEqual({ field: f, negate: false, operation });
  });

  it('parses the not. prefix', () => {
    expect(op('not.in.(1,2)')).toEqual({
      field: f,
      negate: true,
      operation: { kind: 'in', values: ['1', '2'] },
    });
  });

  it.each(['noop.0', '0', '', 'eq', 'is.maybe', 'in.(1,2', 'eq().x'])(
    'rejects %j with PGRST100 text',
    (value) => {
      expect(() => op(value)).toThrow(QueryParamError);
    },
  );

  it('describes the failure like PostgREST', () => {
    try {
      op('0');
      expect.unreachable();
    } catch (e) {
      expect((e as QueryParamError).message).toBe(
        '"failed to parse filter (0)" (line 1, column 1)',
      );
      expect((e as QueryParamError).details).toBe(
        'unexpected "0" expecting "not" or operator (eq, gt, ...)',
      );
    }
  });
});

describe('parseTreePath', () => {
  it('splits embed path, field and JSON path', () => {
    expect(parseTreePath('items.qty')).toEqual({
      path: ['items'],
      field: { name: 'qty', path: [] },
    });
    expect(parseTreePath('data->a->>b')).toEqual({
      path: [],
      field: {
        name: 'data',
        path: [
          { arrow: '->', key: 'a', index: false },
          { arrow: '->>', key: 'b', index: false },
        ],
      },
    });
  });
});

describe('parseLogic', () => {
  it('parses nested trees with negation and quoted values', () => {
    expect(parseLogic('or', '(a.eq.1,not.and(b.gt.2,c.in.(x,"y,z")),d.cs.{1,2})')).toEqual({
      kind: 'expr',
      negate: false,
      op: 'or',
      children: [
        {
          kind: 'filter',
          filter: {
            field: { name: 'a', path: [] },
            negate: false,
            operation: { kind: 'quant', op: 'eq', value: '1' },
          },
        },
        {
          kind: 'expr',
          negate: true,
          op: 'and',
          children: [
            {
              kind: 'filter',
              filter: {
                field: { name: 'b', path: [] },
                negate: false,
                operation: { kind: 'quant', op: 'gt', value: '2' },
              },
            },
            {
              kind: 'filter',
              filter: {
                field: { name: 'c', path: [] },
                negate: false,
                operation: { kind: 'in', values: ['x', 'y,z'] },
              },
            },
          ],
        },
        {
          kind: 'filter',
          filter: {
            field: { name: 'd', path: [] },
            negate: false,
            operation: { kind: 'simple', op: 'cs', value: '{1,2}' },
          },
        },
      ],
    });
  });

  it('carries a negated key', () => {
    expect(parseLogic('not.or', '(a.eq.1)')).toMatchObject({
      kind: 'expr',
      negate: true,
      op: 'or',
    });
  });

  it('rejects an empty tree like PostgREST', () => {
    try {
      parseLogic('or', '()');
      expect.unreachable();
    } catch (e) {
      expect((e as QueryParamError).message).toBe(
        '"failed to parse logic tree (or())" (line 1, column 4)',
      );
      expect((e as QueryParamError).details).toContain('unexpected ")" expecting field name');
    }
  });
});
