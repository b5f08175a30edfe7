import { PgrstError, tableNotFound } from './errors';
import type { Media } from './parse/accept';
import type { Range } from './parse/types';
import { appliedPreferences, type Preferences } from './parse/prefer';
import { parseQueryParams } from './parse/query-params';
import { attachParams, MAX_ROWS } from './plan/attach';
import { closest } from './plan/fuzzy';
import { planNode, rootLocation } from './plan/read-plan';
import type { ReadNode } from './plan/types';
import type { Prepared } from './prepared';
import { qualified, type SchemaCache, type Table } from './schema/types';
import { Params } from './sql/ident';
import { countSql } from './sql/read';
import { readStatement, type CountMode } from './sql/statements';

/** Everything about a request that decides its SQL (never the role, never body values). */
export interface RestRequest {
  method: string;
  /** Table or function name from the path. */
  name: string;
  schema: string;
  query: string;
  prefs: Preferences;
  media: Media;
  /** The `Range` header of a GET (`0-9`), which PostgREST intersects with limit/offset. */
  range?: string | null;
}

/** `Range: first-last` as rows, intersected with `offset`/`limit` (PostgREST RangeQuery.hs). */
export function applyRangeHeader(
  q: { ranges: Map<string, Range> },
  header: string | null | undefined,
): void {
  const m = header ? /^(\d+)-(\d*)$/.exec(header.trim()) : null;
  if (!m) return;
  const first = Number(m[1]);
  const last = m[2] === '' ? Infinity : Number(m[2]);
  if (last < first) {
    throw new PgrstError(
      416,
      'PGRST103',
      'Requested range not satisfiable',
      'The lower boundary must be lower than or equal to the upper boundary in the Range header.',
    );
  }
  const current = q.ranges.get('') ?? { offset: 0 };
  const currentLast = current.limit === undefined ? Infinity : current.offset + current.limit - 1;
  const offset = Math.max(first, current.offset);
  const end = Math.min(last, currentLast);
  const range: Range = { offset };
  if (end !== Infinity) range.limit = Math.max(0, end - offset + 1);
  q.ranges.set('', range);
}

export function findTable(cache: SchemaCache, schema: string, name: string): Table {
  const table = cache.tables.get(qualified(schema, name));
  if (table) return table;
  const names = [...cache.tables.values()].filter((t) => t.schema === schema).map((t) => t.name);
  throw tableNotFound(schema, name, closest(name, names));
}

export function checkStrictPrefs(prefs: Preferences): void {
  if (prefs.handling === 'strict' && prefs.invalid.length) {
    throw new PgrstError(
      400,
      'PGRST122',
      'Invalid preferences given with handling=strict',
      `Invalid preferences: ${prefs.invalid.join(', ')}`,
    );
  }
}

export function countMode(prefs: Preferences): CountMode {
  return prefs.count === 'exact' ? 'exact' : prefs.count === 'estimated' ? 'capped' : 'none';
}

export function explainFor(node: ReadNode, prefs: Preferences): Prepared['explain'] {
  if (prefs.count !== 'planned' && prefs.count !== 'estimated') return undefined;
  const p = new Params();
  return { sql: `EXPLAIN (FORMAT JSON) ${countSql(node, p)}`, params: p.values };
}

/** GET/HEAD on a table or view. */
export function prepareRead(cache: SchemaCache, req: RestRequest): Prepared {
  const table = findTable(cache, req.schema, req.name);
  const q = parseQueryParams(req.query);
  if (req.method === 'GET') applyRangeHeader(q, req.range);
  const root = planNode(cache, req.schema, table, rootLocation(table), q.select, 0);
  attachParams(root, q, { skipRootFilters: false, ranges: true });
  checkStrictPrefs(req.prefs);
  const headOnly = req.method === 'HEAD';
  const p = new Params();
  const sql = readStatement(
    root,
    { media: req.media, none: headOnly },
    countMode(req.prefs),
    MAX_ROWS,
    p,
  );
  const prepared: Prepared = {
    kind: 'read',
    sql,
    params: p.values,
    readOnly: true,
    media: req.media,
    headOnly,
    offset: q.ranges.get('')?.offset ?? 0,
    representation: true,
    headersOnly: false,
    upsertMerge: false,
    voidResult: false,
    prefs: req.prefs,
    appliedPrefs: appliedPreferences(req.prefs, ['count', 'tx', 'handling']),
    resource: table.name,
    pk: table.pk,
  };
  if (req.prefs.count) prepared.count = req.prefs.count;
  const explain = explainFor(root, req.prefs);
  if (explain) prepared.explain = explain;
  return prepared;
}
