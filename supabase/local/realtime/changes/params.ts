/**
 * postgres_changes binding parameters, parsed as supabase/realtime's
 * Extensions.PostgresCdcRls.Subscriptions.parse_subscription_params does, so the same filter
 * strings are accepted and rejected with the same messages.
 */
export const FILTER_OPS = [
  'eq',
  'neq',
  'lt',
  'lte',
  'gt',
  'gte',
  'in',
  'like',
  'ilike',
  'is',
  'match',
  'imatch',
  'isdistinct',
] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

/** [column, op, value, negate]; an `in` value is a PostgreSQL array literal `{a,b}`. */
export type Filter = [string, FilterOp, string, boolean];

export type ChangeEvent = '*' | 'INSERT' | 'UPDATE' | 'DELETE';

export interface ChangeParams {
  event: ChangeEvent;
  schema: string;
  /** '*' subscribes to every published table of the schema. */
  table: string;
  filters: Filter[];
  select: string[] | null;
}

export type Parsed = { ok: true; params: ChangeParams } | { ok: false; message: string };

const isOp = (s: string): s is FilterOp => (FILTER_OPS as readonly string[]).includes(s);

function eventOf(raw: unknown): ChangeEvent {
  if (typeof raw !== 'string' || raw === '*') return '*';
  const up = raw.toUpperCase();
  return up === 'INSERT' || up === 'UPDATE' || up === 'DELETE' ? up : '*';
}

export function parseChangeParams(raw: unknown): Parsed {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    return { ok: false, message: noParams(raw) };
  const p = raw as Record<string, unknown>;
  const event = eventOf(p.event);
  let select: string[] | null = null;
  if (typeof p.select === 'string')
    return {
      ok: false,
      message:
        'Error parsing `select` params: expected a list of column name strings, e.g. select: ["col1", "col2"]',
    };
  if (Array.isArray(p.select)) {
    const cols = p.select.filter((c): c is string => typeof c === 'string');
    select = cols.length ? cols : null;
  }
  const has = (k: string) => k in p;
  const { schema, table, filter } = p;
  let out: Omit<ChangeParams, 'event' | 'select'>;
  if (typeof schema === 'string' && typeof table === 'string' && typeof filter === 'string') {
    const filters = parseFilters(filter);
    if (!filters.ok)
      return { ok: false, message: `Error parsing \`filter\` params: ${filters.message}` };
    out = { schema, table, filters: filters.filters };
  } else if (typeof schema === 'string' && typeof table === 'string' && !has('filter')) {
    out = { schema, table, filters: [] };
  } else if (typeof schema === 'string' && !has('table') && !has('filter')) {
    out = { schema, table: '*', filters: [] };
  } else if (typeof table === 'string' && !has('schema') && !has('filter')) {
    out = { schema: 'public', table, filters: [] };
  } else {
    return { ok: false, message: noParams(raw) };
  }
  if (select && (out.schema === '*' || out.table === '*'))
    return {
      ok: false,
      message:
        'Column selection is not supported for wildcard subscriptions. Provide an explicit schema and table name.',
    };
  return { ok: true, params: { event, select, ...out } };
}

function noParams(raw: unknown): string {
  return `No subscription params provided. Please provide at least a \`schema\` or \`table\` to subscribe to: ${JSON.stringify(raw)}`;
}

type FiltersResult = { ok: true; filters: Filter[] } | { ok: false; message: string };

function parseFilters(filter: string): FiltersResult {
  const trimmed = filter.trim();
  if (trimmed === '') return { ok: true, filters: [] };
  const filters: Filter[] = [];
  for (const segment of splitTopLevel(trimmed)) {
    const parsed = parseSegment(segment.trim());
    if (!parsed.ok) return parsed;
    filters.push(parsed.filter);
  }
  return { ok: true, filters };
}

/** Commas split conditions, except inside parentheses or a quoted value. */
function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  let quoted = false;
  let prev = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '\\' && i + 1 < s.length) {
        cur += ch + s[i + 1]!;
        prev = s[++i]!;
        continue;
      }
      if (ch === '"') quoted = false;
    } else if (ch === '"' && (prev === '.' || prev === '(' || prev === ',')) {
      quoted = true;
    } else if (ch === '(') {
      depth++;
    } else if (ch === ')') {
      depth = Math.max(0, depth - 1);
    } else if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
      prev = '';
      continue;
    }
    cur += ch;
    prev = ch;
  }
  out.push(cur);
  return out;
}

/** Elixir's `inspect` of a list of strings, which the hosted error messages embed. */
const inspectList = (parts: string[]) => `[${parts.map((s) => JSON.stringify(s)).join(', ')}]`;

function parseSegment(
  segment: string,
): { ok: true; filter: Filter } | { ok: false; message: string } {
  if (segment === '')
    return {
      ok: false,
      message: 'filter must not contain empty segments (check for extra commas)',
    };
  const eq = segment.indexOf('=');
  if (eq < 0) return { ok: false, message: inspectList([segment]) };
  const col = segment.slice(0, eq);
  let rest = segment.slice(eq + 1);
  const negate = rest.startsWith('not.');
  if (negate) rest = rest.slice(4);
  const dot = rest.indexOf('.');
  if (dot < 0) return { ok: false, message: inspectList([rest]) };
  const op = rest.slice(0, dot);
  const value = rest.slice(dot + 1);
  if (!isOp(op)) return { ok: false, message: inspectList([op, value]) };
  if (op === 'in') {
    if (value.length < 2 || !value.startsWith('(') || !value.endsWith(')'))
      return { ok: false, message: '`in` filter value must be wrapped by parentheses' };
    return { ok: true, filter: [col, op, `{${value.slice(1, -1)}}`, negate] };
  }
  return { ok: true, filter: [col, op, unquote(value), negate] };
}

/** `"a,b"` → `a,b` (backslash escapes honoured); anything else is taken literally. */
function unquote(value: string): string {
  if (!value.startsWith('"')) return value;
  let out = '';
  for (let i = 1; i < value.length; i++) {
    const ch = value[i]!;
    if (ch === '\\' && i + 1 < value.length) out += value[++i]!;
    else if (ch === '"') return i === value.length - 1 ? out : value;
    else out += ch;
  }
  return value;
}

/** What an error message shows of the parameters (hosted: params_to_log). */
export function describeParams(p: ChangeParams): string {
  const filters = p.filters.map(
    ([c, o, v, n]) => `{${JSON.stringify(c)}, ${JSON.stringify(o)}, ${JSON.stringify(v)}, ${n}}`,
  );
  const select = p.select ? inspectList(p.select) : 'nil';
  return `event: ${p.event}, schema: ${p.schema}, table: ${p.table}, filters: [${filters.join(', ')}], select: ${select}`;
}

/**
 * The binding id echoed in the join reply and listed in each change's `ids`. Hosted Realtime uses
 * `:erlang.phash2(params)`, a 27-bit hash of the parameters as sent; any stable hash of the same
 * range does, as long as identical parameters get identical ids.
 */
export function bindingId(raw: unknown): number {
  let h = 0x811c9dc5;
  for (const ch of canonical(raw)) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) & 0x7ffffff;
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : 1,
    );
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}
