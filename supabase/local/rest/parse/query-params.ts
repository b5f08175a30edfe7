import { Cursor, fieldName } from './cursor';
import { parseFilterValue, parseLogic, parseTreePath } from './filter';
import { parseOrder } from './order';
import { splitQuery } from './query-string';
import { parseSelect } from './select';
import type { EmbedPath, QueryParams, Range } from './types';

/** `limit=-1` at the top level: PostgREST answers 416 PGRST103 rather than 400. */
export class NegativeLimitError extends Error {
  constructor() {
    super('Limit should be greater than or equal to zero.');
    this.name = 'NegativeLimitError';
  }
}

const RESERVED = new Set(['select', 'columns', 'on_conflict']);
const RESERVED_EMBEDDABLE = new Set(['order', 'limit', 'offset', 'and', 'or']);

const lastSegment = (key: string): string => key.slice(key.lastIndexOf('.') + 1);
const INTEGER = /^\s*-?\d+\s*$/;

function columnList(what: string, src: string): string[] {
  const c = new Cursor(src);
  return c.run(`${what} parameter`, () => {
    const cols = [fieldName(c)];
    for (;;) {
      const save = c.pos;
      c.spaces();
      if (!c.eat(',')) {
        c.pos = save;
        return cols;
      }
      c.spaces();
      cols.push(fieldName(c));
    }
  });
}

/** Just the `columns=` list, needed to read a body before the rest of the query is planned. */
export function columnsParam(raw: string): string[] | undefined {
  if (!raw.includes('columns=')) return undefined;
  const value = splitQuery(raw).find(([k]) => k === 'columns')?.[1];
  return value == null ? undefined : columnList('columns', value);
}

function embedPathOf(key: string): EmbedPath {
  const c = new Cursor(key);
  return c.run('tree path', () => {
    const names = [fieldName(c)];
    while (c.eat('.')) names.push(fieldName(c));
    return names.slice(0, -1);
  });
}

/**
 * Sorts a query string into PostgREST's parts (ApiRequest/QueryParams.hs `parse`). Every
 * parameter that is not reserved is a filter; for a GET/HEAD RPC call a parameter without an
 * operator is instead a function argument.
 */
export function parseQueryParams(raw: string, isRpcRead = false): QueryParams {
  const pairs = splitQuery(raw);
  const first = (name: string): string | null | undefined => pairs.find(([k]) => k === name)?.[1];

  const result: QueryParams = {
    select: parseSelect(first('select') ?? '*'),
    filters: [],
    logic: [],
    order: [],
    ranges: new Map(),
    rpcArgs: [],
  };
  const columns = first('columns');
  if (columns != null) result.columns = columnList('columns', columns);
  const onConflict = first('on_conflict');
  if (onConflict != null) result.onConflict = columnList('on_conflict', onConflict);

  const limits = new Map<string, number>();
  const offsets = new Map<string, number>();
  for (const [key, value] of pairs) {
    if (value === null || RESERVED.has(key)) continue;
    const last = lastSegment(key);
    if (!RESERVED_EMBEDDABLE.has(last)) {
      if (!isRpcRead) {
        const { path, field } = parseTreePath(key);
        result.filters.push({ path, filter: parseFilterValue(field, value) });
        continue;
      }
      const { path, field } = parseTreePath(key);
      try {
        result.filters.push({ path, filter: parseFilterValue(field, value) });
      } catch {
        result.rpcArgs.push([field.name, value]);
      }
      continue;
    }
    if (last === 'order') {
      result.order.push({ path: embedPathOf(key), terms: parseOrder(value) });
    } else if (last === 'and' || last === 'or') {
      const names = key.split('.');
      const negated = names.slice(0, -1).includes('not');
      const path = embedPathOf(key).filter((n) => n !== 'not');
      result.logic.push({ path, tree: parseLogic(negated ? `not.${last}` : last, value) });
    } else if (INTEGER.test(value)) {
      // A limit or offset that is not an integer is ignored, as PostgREST's readMaybe does.
      const rangeKey = embedPathOf(key).join('.');
      (last === 'limit' ? limits : offsets).set(rangeKey, Number(value));
    }
  }

  for (const key of new Set([...limits.keys(), ...offsets.keys()])) {
    const offset = Math.max(0, offsets.get(key) ?? 0);
    const limit = limits.get(key);
    if (limit !== undefined && limit < 0) {
      if (key === '') throw new NegativeLimitError();
    }
    const range: Range = { offset };
    if (limit !== undefined) range.limit = Math.max(0, limit);
    result.ranges.set(key, range);
  }
  return result;
}
