import { invalidBody } from './errors';

export interface ParsedBody {
  raw: string;
  isObject: boolean;
  /** The columns (or RPC arguments) the body provides. */
  keys: string[];
}

function sameKeys(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((k) => set.has(k));
}

/**
 * A JSON body as PostgREST reads it (ApiRequest/Payload.hs): an object, or an array of objects
 * that all have the same keys. With `?columns=` the body is not inspected and the listed columns
 * are used. An empty body is `{}` for RPC calls.
 */
export function parseJsonBody(
  raw: string,
  columns: string[] | undefined,
  emptyIsObject: boolean,
): ParsedBody {
  if (columns) return { raw, isObject: raw.trimStart().startsWith('{'), keys: columns };
  if (raw.trim() === '') {
    if (emptyIsObject) return { raw: '{}', isObject: true, keys: [] };
    throw invalidBody('Empty or invalid json');
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw invalidBody('Empty or invalid json');
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return { raw, isObject: false, keys: [] };
    const isObj = (v: unknown): v is Record<string, unknown> =>
      typeof v === 'object' && v !== null && !Array.isArray(v);
    const first = value[0];
    if (!isObj(first)) throw invalidBody('All object keys must match');
    const keys = Object.keys(first);
    if (!value.every((v) => isObj(v) && sameKeys(keys, Object.keys(v))))
      throw invalidBody('All object keys must match');
    return { raw, isObject: false, keys };
  }
  if (typeof value === 'object' && value !== null)
    return { raw, isObject: true, keys: Object.keys(value) };
  return { raw: '[]', isObject: false, keys: [] };
}
