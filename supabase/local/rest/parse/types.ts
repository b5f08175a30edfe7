/**
 * The parsed form of a PostgREST request's query string, before it meets the schema cache.
 * Shapes follow PostgREST's ApiRequest/Types.hs so behaviour can be checked against its sources.
 */

export interface JsonOp {
  arrow: '->' | '->>';
  /** A key, or for an index the signed digits PostgREST keeps (`+1`, `-2`). */
  key: string;
  index: boolean;
}

export interface Field {
  name: string;
  path: JsonOp[];
}

export type SelectItem = SelectField | SelectEmbed;

export interface SelectField {
  kind: 'field';
  field: Field;
  alias?: string;
  cast?: string;
  /** `count()` or `col.sum()`; refused later, as Supabase leaves db-aggregates disabled. */
  aggregate?: string;
}

export interface SelectEmbed {
  kind: 'embed';
  name: string;
  alias?: string;
  hint?: string;
  inner: boolean;
  spread: boolean;
  children: SelectItem[];
}

export type IsValue = 'null' | 'not_null' | 'true' | 'false' | 'unknown';
export type QuantOp = 'eq' | 'gte' | 'gt' | 'lte' | 'lt' | 'like' | 'ilike' | 'match' | 'imatch';
export type SimpleOp = 'neq' | 'cs' | 'cd' | 'ov' | 'sl' | 'sr' | 'nxr' | 'nxl' | 'adj';
export type FtsOp = 'fts' | 'plfts' | 'phfts' | 'wfts';

export type Operation =
  | { kind: 'quant'; op: QuantOp; quantifier?: 'any' | 'all'; value: string }
  | { kind: 'simple'; op: SimpleOp; value: string }
  | { kind: 'in'; values: string[] }
  | { kind: 'is'; value: IsValue }
  | { kind: 'isdistinct'; value: string }
  | { kind: 'fts'; op: FtsOp; language?: string; value: string };

export interface Filter {
  field: Field;
  negate: boolean;
  operation: Operation;
}

export type LogicTree =
  | { kind: 'filter'; filter: Filter }
  | { kind: 'expr'; negate: boolean; op: 'and' | 'or'; children: LogicTree[] };

export interface OrderTerm {
  /** Set for `rel(col)` terms, which order by a to-one embed's column. */
  relation?: string;
  field: Field;
  direction?: 'asc' | 'desc';
  nulls?: 'first' | 'last';
}

/** Where a param applies: [] is the root, ['items'] the embed named or aliased `items`. */
export type EmbedPath = string[];

export interface Range {
  offset: number;
  /** undefined = no limit. */
  limit?: number;
}

export interface QueryParams {
  select: SelectItem[];
  filters: { path: EmbedPath; filter: Filter }[];
  logic: { path: EmbedPath; tree: LogicTree }[];
  order: { path: EmbedPath; terms: OrderTerm[] }[];
  /** Keyed by the embed path joined with '.', '' for the root. */
  ranges: Map<string, Range>;
  columns?: string[];
  onConflict?: string[];
  /** Params without an operator: the arguments of a GET/HEAD RPC call. */
  rpcArgs: [string, string][];
}
