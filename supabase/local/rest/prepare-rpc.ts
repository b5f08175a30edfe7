import type { ParsedBody } from './body';
import { PgrstError } from './errors';
import { appliedPreferences } from './parse/prefer';
import { parseQueryParams } from './parse/query-params';
import { attachParams } from './plan/attach';
import { planNode, sourceLocation } from './plan/read-plan';
import { applyRangeHeader, checkStrictPrefs, type RestRequest } from './prepare-read';
import type { Prepared } from './prepared';
import { qualified, type Routine, type SchemaCache, type Table } from './schema/types';
import { callSql, findRoutine } from './sql/call';
import { Params } from './sql/ident';
import { sourceStatement, type BodyShape } from './sql/statements';

const scalarTable = (r: Routine): Table => ({
  schema: r.schema,
  name: r.name,
  isView: true,
  columns: new Map(),
  columnList: [],
  pk: [],
});

/**
 * `/rpc/fn`: POST with named JSON arguments (or one unnamed json/jsonb parameter taking the
 * whole body), GET/HEAD with arguments in the query string. Table-like results take the same
 * select, filters, order and limit as a table.
 */
export function prepareRpc(
  cache: SchemaCache,
  req: RestRequest,
  body: ParsedBody | null,
): Prepared {
  const isRead = req.method === 'GET' || req.method === 'HEAD';
  const q = parseQueryParams(req.query, isRead);
  if (req.method === 'GET') applyRangeHeader(q, req.range);
  const args = isRead ? new Map(groupArgs(q.rpcArgs)) : null;
  const keys = isRead ? [...args!.keys()] : body!.keys;
  const overloads = cache.routines.get(qualified(req.schema, req.name)) ?? [];
  const routine = findRoutine(cache, req.schema, req.name, overloads, keys, !isRead);

  const table = routine.resultTable ?? scalarTable(routine);
  const node = planNode(cache, req.schema, table, sourceLocation(routine.name), q.select, 0);
  attachParams(node, q, { skipRootFilters: false, ranges: true });
  checkStrictPrefs(req.prefs);
  const strict = req.prefs.handling === 'strict' && req.prefs.maxAffected !== undefined;
  if (strict && !routine.returnsSet) {
    throw new PgrstError(
      400,
      'PGRST128',
      'Function must return SETOF or TABLE when max-affected preference is used with handling=strict',
    );
  }

  const p = new Params();
  const source = callSql(routine, keys, args, isRead ? null : body, p);
  const headOnly = req.method === 'HEAD';
  const shape: BodyShape = {
    media: req.media,
    none: headOnly || routine.returns === 'void',
    singleRow: routine.returns === 'composite' && !routine.returnsSet,
  };
  if (routine.returns === 'scalar') shape.scalar = routine.returnsSet ? 'set' : 'single';
  const sql = sourceStatement(
    source,
    node,
    shape,
    { count: req.prefs.count === 'exact' || req.prefs.count === 'estimated' },
    p,
  );
  const prepared: Prepared = {
    kind: 'call',
    sql,
    params: p.values,
    readOnly: isRead || routine.volatility !== 'v',
    media: req.media,
    headOnly,
    offset: q.ranges.get('')?.offset ?? 0,
    representation: true,
    headersOnly: false,
    upsertMerge: false,
    voidResult: routine.returns === 'void',
    prefs: req.prefs,
    appliedPrefs: appliedPreferences(req.prefs, ['count', 'tx', 'handling', 'maxAffected']),
    resource: routine.name,
    pk: [],
  };
  if (p.bodyIndex !== undefined) prepared.bodyParam = p.bodyIndex;
  if (req.prefs.count) prepared.count = req.prefs.count;
  if (strict) prepared.maxAffected = req.prefs.maxAffected!;
  return prepared;
}

/** A repeated GET argument (`?v=1&v=2`) is one array value, as for VARIADIC parameters. */
function groupArgs(pairs: [string, string][]): [string, string[]][] {
  const map = new Map<string, string[]>();
  for (const [k, v] of pairs) map.set(k, [...(map.get(k) ?? []), v]);
  return [...map];
}
