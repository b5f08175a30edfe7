import type { ParsedBody } from './body';
import { columnNotFound, PgrstError } from './errors';
import { appliedPreferences, type Preferences } from './parse/prefer';
import { parseQueryParams } from './parse/query-params';
import { attachParams, rootConditions } from './plan/attach';
import { planNode, sourceLocation } from './plan/read-plan';
import type { ReadNode } from './plan/types';
import { checkStrictPrefs, findTable, type RestRequest } from './prepare-read';
import type { Prepared } from './prepared';
import type { Column, SchemaCache, Table } from './schema/types';
import { Params } from './sql/ident';
import { sourceStatement } from './sql/statements';
import { deleteSql, insertSql, updateSql, type Conflict, type Payload } from './sql/write';

function payloadColumns(table: Table, keys: string[]): Column[] {
  return keys.map((k) => {
    const col = table.columns.get(k);
    if (!col) throw columnNotFound(table.name, k);
    return col;
  });
}

function conflictFor(
  table: Table,
  prefs: Preferences,
  onConflict: string[] | undefined,
): Conflict | null {
  if (!prefs.resolution) return null;
  const columns = onConflict ?? table.pk;
  for (const c of columns)
    if (!table.columns.has(c)) throw new PgrstError(400, '42703', `column "${c}" does not exist`);
  return { resolution: prefs.resolution, columns };
}

const WRITE_PREFS: Record<'insert' | 'update' | 'delete', (keyof Preferences)[]> = {
  insert: ['resolution', 'missing', 'return', 'count', 'tx', 'handling'],
  update: ['missing', 'return', 'count', 'tx', 'handling', 'maxAffected'],
  delete: ['return', 'count', 'tx', 'handling', 'maxAffected'],
};

/** POST (insert/upsert), PATCH and DELETE on a table, with the rows read back when asked. */
export function prepareWrite(
  cache: SchemaCache,
  req: RestRequest,
  body: ParsedBody | null,
): Prepared {
  const table = findTable(cache, req.schema, req.name);
  const q = parseQueryParams(req.query);
  const kind = req.method === 'POST' ? 'insert' : req.method === 'PATCH' ? 'update' : 'delete';
  const prefs = req.prefs;
  const headersOnly = kind === 'insert' && prefs.return === 'headers-only';
  const representation = prefs.return === 'representation';

  const back = planNode(
    cache,
    req.schema,
    table,
    sourceLocation(table.name),
    headersOnly ? pkSelect(table) : q.select,
    0,
  );
  attachParams(back, q, { skipRootFilters: true, ranges: false });
  const bare: ReadNode = { ...back, embeds: [], relName: table.name };
  const where = kind === 'insert' ? [] : rootConditions(bare, q);

  let payload: Payload | null = null;
  if (body) {
    payload = {
      raw: body.raw,
      isObject: body.isObject,
      columns: payloadColumns(table, body.keys),
      applyDefaults: prefs.missing === 'default',
    };
  }
  checkStrictPrefs(prefs);

  const p = new Params();
  const returnAll = representation || headersOnly;
  let source: string;
  let conflict: Conflict | null = null;
  if (kind === 'insert') {
    conflict = conflictFor(table, prefs, q.onConflict);
    source = insertSql(table, payload!, conflict, returnAll, p);
  } else if (kind === 'update') {
    // pg-safeupdate, which Supabase loads for the API, refuses an UPDATE or DELETE without WHERE.
    if (where.length === 0 && payload!.columns.length > 0) {
      throw new PgrstError(400, '21000', 'UPDATE requires a WHERE clause');
    }
    source = updateSql(table, payload!, where, returnAll, p);
  } else {
    if (where.length === 0) throw new PgrstError(400, '21000', 'DELETE requires a WHERE clause');
    source = deleteSql(table, where, returnAll, p);
  }
  const upsertMerge = conflict?.resolution === 'merge-duplicates';
  const sql = sourceStatement(
    source,
    back,
    { media: req.media, none: !returnAll },
    { inserted: upsertMerge },
    p,
  );
  const strict =
    prefs.handling === 'strict' && prefs.maxAffected !== undefined && kind !== 'insert';
  const prepared: Prepared = {
    kind,
    sql,
    params: p.values,
    readOnly: false,
    media: req.media,
    headOnly: false,
    offset: 0,
    representation,
    headersOnly,
    upsertMerge,
    voidResult: false,
    prefs,
    appliedPrefs: appliedPreferences(
      prefs,
      WRITE_PREFS[kind].filter(
        (k) => k !== 'resolution' || table.pk.length > 0 || q.onConflict !== undefined,
      ),
    ),
    resource: table.name,
    pk: table.pk,
  };
  if (p.bodyIndex !== undefined) prepared.bodyParam = p.bodyIndex;
  if (prefs.count) prepared.count = prefs.count;
  if (strict) prepared.maxAffected = prefs.maxAffected!;
  return prepared;
}

function pkSelect(table: Table) {
  return table.pk.map((name) => ({ kind: 'field' as const, field: { name, path: [] } }));
}
