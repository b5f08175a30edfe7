import type { PlannedLogic } from '../plan/types';
import type { Column, Table } from '../schema/types';
import { logicSql } from './filter';
import { ident, tableRef, type Params } from './ident';

export interface Payload {
  /** The request body, bound as one json parameter. */
  raw: string;
  isObject: boolean;
  columns: Column[];
  /** `Prefer: missing=default`: absent keys take the column default instead of NULL. */
  applyDefaults: boolean;
}

/**
 * Rows from the JSON body typed by the table's columns (PostgREST fromJsonBodyF): the body is
 * one bound parameter expanded by json_to_record(set), never spliced into the SQL.
 */
export function payloadFrom(payload: Payload, p: Params, limitOne = false): string {
  const { columns, isObject, applyDefaults } = payload;
  const fn = applyDefaults ? 'jsonb' : 'json';
  let sql = ` FROM (SELECT ${p.addBody(payload.raw)}::${fn} AS json_data) pgrst_payload, `;
  let source = 'pgrst_payload.json_data';
  if (applyDefaults) {
    const defaults = columns
      .filter((c) => c.defaultExpr !== null)
      .map((c) => `${p.add(c.name)}::text, ${c.defaultExpr}`)
      .join(', ');
    sql += isObject
      ? `LATERAL (SELECT jsonb_build_object(${defaults}) || pgrst_payload.json_data AS val) pgrst_json_defs, `
      : `LATERAL (SELECT jsonb_agg(jsonb_build_object(${defaults}) || elem) AS val FROM jsonb_array_elements(pgrst_payload.json_data) elem) pgrst_json_defs, `;
    source = 'pgrst_json_defs.val';
  }
  if (columns.length === 0) {
    const rows = isObject ? '(values(1)) _' : `${fn}_array_elements(${source}) _`;
    return `${sql}LATERAL (SELECT FROM ${rows}) pgrst_body `;
  }
  const names = columns.map((c) => ident(c.name)).join(', ');
  const typed = columns.map((c) => `${ident(c.name)} ${c.type}`).join(', ');
  const toRecord = `${fn}_to_record${isObject ? '' : 'set'}`;
  return `${sql}LATERAL (SELECT ${names} FROM ${toRecord}(${source}) AS _(${typed}) ${limitOne ? 'LIMIT 1' : ''}) pgrst_body `;
}

function returning(table: Table, all: boolean): string {
  return all ? `RETURNING ${tableRef(table)}.*` : 'RETURNING 1';
}

// PostgREST counts really inserted rows of an upsert in a GUC: +1 per row offered, -1 per row
// that hit a conflict and was updated instead, so 201 vs 200 can be told apart.
const COUNT_INSERTED =
  "set_config('pgrst.inserted', (coalesce(nullif(current_setting('pgrst.inserted', true), '')::int, 0) + 1)::text, true) <> '0'";
const UNCOUNT_UPDATED =
  "set_config('pgrst.inserted', (coalesce(nullif(current_setting('pgrst.inserted', true), '')::int, 0) - 1)::text, true) <> '-1'";

export interface Conflict {
  resolution: 'merge-duplicates' | 'ignore-duplicates';
  columns: string[];
}

export function insertSql(
  table: Table,
  payload: Payload,
  conflict: Conflict | null,
  returnAll: boolean,
  p: Params,
): string {
  const cols = payload.columns.map((c) => ident(c.name));
  const merge = conflict?.resolution === 'merge-duplicates';
  let sql =
    `INSERT INTO ${tableRef(table)}${cols.length ? `(${cols.join(', ')})` : ''} ` +
    `SELECT ${cols.map((c) => `pgrst_body.${c}`).join(', ')}${payloadFrom(payload, p)}`;
  if (merge) sql += `WHERE ${COUNT_INSERTED}`;
  if (conflict && conflict.columns.length) {
    sql += ` ON CONFLICT(${conflict.columns.map(ident).join(', ')}) `;
    if (!merge || cols.length === 0) sql += 'DO NOTHING';
    else
      sql += `DO UPDATE SET ${cols.map((c) => `${c} = EXCLUDED.${c}`).join(', ')} WHERE ${UNCOUNT_UPDATED}`;
  }
  return `${sql} ${returning(table, returnAll)}`;
}

function whereSql(table: Table, where: PlannedLogic[], p: Params): string {
  if (where.length === 0) return '';
  return ` WHERE ${where.map((w) => logicSql(tableRef(table), w, p)).join(' AND ')}`;
}

export function updateSql(
  table: Table,
  payload: Payload,
  where: PlannedLogic[],
  returnAll: boolean,
  p: Params,
): string {
  const ref = tableRef(table);
  if (payload.columns.length === 0)
    return `SELECT ${returnAll ? `${ref}.*` : 'NULL'} FROM ${ref} WHERE false`;
  const sets = payload.columns
    .map((c) => `${ident(c.name)} = pgrst_body.${ident(c.name)}`)
    .join(', ');
  return `UPDATE ${ref} SET ${sets}${payloadFrom(payload, p)}${whereSql(table, where, p)} ${returning(table, returnAll)}`;
}

export function deleteSql(
  table: Table,
  where: PlannedLogic[],
  returnAll: boolean,
  p: Params,
): string {
  return `DELETE FROM ${tableRef(table)}${whereSql(table, where, p)} ${returning(table, returnAll)}`;
}
