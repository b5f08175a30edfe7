import type { Field, Filter, Operation } from '../parse/types';
import type { PlannedLogic, PlannedOrder } from '../plan/types';
import type { Column } from '../schema/types';
import { ident, type Params } from './ident';

const JSON_TYPES = new Set(['json', 'jsonb']);

/**
 * A column, possibly followed by a JSON path whose keys are bound parameters. Non-JSON columns
 * go through to_jsonb first, as PostgREST does, so `arr->0` works on arrays and composites.
 */
export function fieldSql(ref: string, field: Field, column: Column | undefined, p: Params): string {
  const col = `${ref}.${ident(field.name)}`;
  if (field.path.length === 0) return col;
  let sql = column && !JSON_TYPES.has(column.baseType) ? `to_jsonb(${col})` : col;
  for (const op of field.path)
    sql += op.arrow + (op.index ? `${p.add(op.key)}::int` : p.add(op.key));
  return sql;
}

const QUANT_SQL = {
  eq: '=',
  gte: '>=',
  gt: '>',
  lte: '<=',
  lt: '<',
  like: 'like',
  ilike: 'ilike',
  match: '~',
  imatch: '~*',
};
const SIMPLE_SQL = {
  neq: '<>',
  cs: '@>',
  cd: '<@',
  ov: '&&',
  sl: '<<',
  sr: '>>',
  nxr: '&<',
  nxl: '&>',
  adj: '-|-',
};
const FTS_SQL = {
  fts: 'to_tsquery',
  plfts: 'plainto_tsquery',
  phfts: 'phraseto_tsquery',
  wfts: 'websearch_to_tsquery',
};
const IS_SQL = {
  null: 'NULL',
  not_null: 'NOT NULL',
  true: 'TRUE',
  false: 'FALSE',
  unknown: 'UNKNOWN',
};

/** `{"a","b"}` with quotes and backslashes escaped: the array literal `in.(…)` binds. */
export function arrayLiteral(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

function operationSql(lhs: string, op: Operation, column: Column, p: Params): string {
  switch (op.kind) {
    case 'quant': {
      // `*` is the URL-friendly wildcard for like/ilike.
      const value = op.op === 'like' || op.op === 'ilike' ? op.value.replace(/\*/g, '%') : op.value;
      const rhs = op.quantifier ? `${op.quantifier.toUpperCase()}(${p.add(value)})` : p.add(value);
      return `${lhs} ${QUANT_SQL[op.op]} ${rhs}`;
    }
    case 'simple':
      return `${lhs} ${SIMPLE_SQL[op.op]} ${p.add(op.value)}`;
    case 'in':
      return op.values.length === 1 && op.values[0] === ''
        ? `${lhs} = ANY('{}')`
        : `${lhs} = ANY(${p.add(arrayLiteral(op.values))})`;
    case 'is':
      return `${lhs} IS ${IS_SQL[op.value]}`;
    case 'isdistinct':
      return `${lhs} IS DISTINCT FROM ${p.add(op.value)}`;
    case 'fts': {
      const lang = op.language !== undefined ? `${p.add(op.language)}, ` : '';
      const doc = column.baseType === 'tsvector' ? lhs : `to_tsvector(${lang}${lhs})`;
      return `${doc} @@ ${FTS_SQL[op.op]}(${lang}${p.add(op.value)})`;
    }
  }
}

export function filterSql(ref: string, filter: Filter, column: Column, p: Params): string {
  const lhs = fieldSql(ref, filter.field, column, p);
  const sql = operationSql(lhs, filter.operation, column, p);
  return filter.negate ? `NOT (${sql})` : sql;
}

/**
 * One WHERE condition. `existsFor` renders an embed-null filter in a count query, where the
 * lateral join it tests is absent and an EXISTS over the embed's own query stands in for it.
 */
export function logicSql(
  ref: string,
  logic: PlannedLogic,
  p: Params,
  existsFor?: (logic: PlannedLogic & { kind: 'nullEmbed' }) => string,
): string {
  switch (logic.kind) {
    case 'filter':
      return filterSql(ref, logic.filter, logic.column, p);
    case 'nullEmbed':
      if (existsFor) return existsFor(logic);
      return `${ident(logic.embed.aggAlias)} IS ${logic.negate ? '' : 'NOT '}DISTINCT FROM NULL`;
    case 'expr': {
      const inner = logic.children
        .map((c) => logicSql(ref, c, p, existsFor))
        .join(logic.op === 'and' ? ' AND ' : ' OR ');
      return `${logic.negate ? 'NOT ' : ''}(${inner})`;
    }
  }
}

export function orderSql(ref: string, terms: PlannedOrder[], p: Params): string {
  if (terms.length === 0) return '';
  const parts = terms.map((t) => {
    const expr = t.relatedAlias
      ? fieldSql(ident(t.relatedAlias), t.field, undefined, p)
      : fieldSql(ref, t.field, t.column, p);
    const dir = t.direction ? ` ${t.direction.toUpperCase()}` : '';
    const nulls = t.nulls ? ` NULLS ${t.nulls.toUpperCase()}` : '';
    return expr + dir + nulls;
  });
  return ` ORDER BY ${parts.join(', ')}`;
}
