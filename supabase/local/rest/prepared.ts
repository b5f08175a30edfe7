import type { Media } from './parse/accept';
import type { Preferences } from './parse/prefer';

/**
 * A request turned into SQL plus what is needed to shape the answer. It depends only on the
 * request's URL, headers and body keys, not on the role or the body's values, so it is cached.
 */
export interface Prepared {
  kind: 'read' | 'insert' | 'update' | 'delete' | 'call';
  sql: string;
  params: unknown[];
  /** Index in `params` that takes the raw request body. */
  bodyParam?: number;
  readOnly: boolean;
  media: Media;
  headOnly: boolean;
  /** Top-level offset, for Content-Range. */
  offset: number;
  count?: 'exact' | 'planned' | 'estimated';
  /** EXPLAIN of the count query, for planned and estimated counts. */
  explain?: { sql: string; params: unknown[] };
  representation: boolean;
  headersOnly: boolean;
  upsertMerge: boolean;
  voidResult: boolean;
  prefs: Preferences;
  appliedPrefs: string | null;
  /** Only with handling=strict: more affected rows than this roll back with PGRST124. */
  maxAffected?: number;
  resource: string;
  pk: string[];
}

/** The one row every main statement returns. */
export interface ResultRow {
  total_result_set: string | number | bigint | null;
  page_total: number;
  body: string | null;
  response_headers: string | null;
  response_status: string | null;
  response_inserted?: number | null;
}
