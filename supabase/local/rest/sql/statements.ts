import type { Media } from '../parse/accept';
import type { ReadNode } from '../plan/types';
import { type Params } from './ident';
import { countSql, readSql } from './read';

/** How the body is built: PostgREST aggregates rows to JSON in SQL, so formats match exactly. */
export interface BodyShape {
  media: Media;
  /** HEAD and non-representation writes build no body. */
  none: boolean;
  /** RPC results that are a bare value rather than rows. */
  scalar?: 'single' | 'set';
  /** A function returning one composite value gives an object, not an array. */
  singleRow?: boolean;
}

const strip = (on: boolean, sql: string) => (on ? `json_strip_nulls(${sql})` : sql);

// PostgREST asCsvF: a header from the first row's keys, then each record's text form.
const CSV_BODY =
  "(SELECT coalesce(string_agg(a.k, ','), '') FROM (SELECT json_object_keys(r)::text as k FROM " +
  '(SELECT row_to_json(hh) as r from pgrst_source as hh limit 1) s) a) || ' +
  "'\n' || coalesce(string_agg(substring(_postgrest_t::text, 2, length(_postgrest_t::text) - 2), '\n'), '')";

export function bodySql(shape: BodyShape): string {
  if (shape.none) return "''";
  const { media } = shape;
  if (media.kind === 'csv') return CSV_BODY;
  const value = shape.scalar ? '_postgrest_t.pgrst_scalar' : '_postgrest_t';
  if (media.kind === 'singular' || shape.singleRow || shape.scalar === 'single') {
    return `coalesce((${strip(media.stripNulls, `json_agg(${value})->0`)})::text, 'null')`;
  }
  return `coalesce(${strip(media.stripNulls, `json_agg(${value})`)}, '[]')::text`;
}

const TAIL =
  "nullif(current_setting('response.headers', true), '') AS response_headers, " +
  "nullif(current_setting('response.status', true), '') AS response_status";

export type CountMode = 'none' | 'exact' | 'capped';

/**
 * PostgREST mainRead: the page in `pgrst_source`, the optional total in `pgrst_source_count`
 * (capped at db-max-rows + 1 for `count=estimated`), and the body aggregated over the page.
 */
export function readStatement(
  node: ReadNode,
  shape: BodyShape,
  count: CountMode,
  cap: number,
  p: Params,
): string {
  const source = readSql(node, p);
  const countCte =
    count === 'none'
      ? ''
      : `, pgrst_source_count AS (${countSql(node, p)}${count === 'capped' ? ` LIMIT ${p.add(String(cap + 1))}` : ''})`;
  const total =
    count === 'none' ? 'null::bigint' : '(SELECT pg_catalog.count(*) FROM pgrst_source_count)';
  return (
    `WITH pgrst_source AS ( ${source} )${countCte} ` +
    `SELECT ${total} AS total_result_set, pg_catalog.count(_postgrest_t)::int AS page_total, ` +
    `${bodySql(shape)} AS body, ${TAIL} FROM ( SELECT * FROM pgrst_source ) _postgrest_t`
  );
}

/**
 * PostgREST mainWrite / mainCall: the mutation or call in `pgrst_source`, read back through the
 * read plan (so embeds work on returned rows) when a representation is wanted.
 */
export function sourceStatement(
  sourceCte: string,
  node: ReadNode | null,
  shape: BodyShape,
  opts: { inserted?: boolean; count?: boolean } = {},
  p: Params,
): string {
  const select = node && !shape.none ? readSql(node, p) : 'SELECT * FROM pgrst_source';
  const countCte = opts.count && node ? `, pgrst_source_count AS (${countSql(node, p)})` : '';
  const total =
    opts.count && node ? '(SELECT pg_catalog.count(*) FROM pgrst_source_count)' : 'null::bigint';
  const inserted = opts.inserted
    ? "nullif(current_setting('pgrst.inserted', true), '')::int"
    : 'null::int';
  return (
    `WITH pgrst_source AS (${sourceCte})${countCte} ` +
    `SELECT ${total} AS total_result_set, pg_catalog.count(_postgrest_t)::int AS page_total, ` +
    `${bodySql(shape)} AS body, ${TAIL}, ${inserted} AS response_inserted FROM (${select}) _postgrest_t`
  );
}
