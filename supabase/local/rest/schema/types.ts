/** What the REST layer knows about the database, read once from the catalog (schema cache). */

export interface Column {
  name: string;
  /** `format_type()` of the column, used to type JSON bodies: `integer`, `text[]`, `numeric(10,2)`. */
  type: string;
  /** Name of the base type (domains resolved), e.g. `jsonb`, `tsvector`, `int4`. */
  baseType: string;
  nullable: boolean;
  /** The default expression as the catalog prints it, for `Prefer: missing=default`. */
  defaultExpr: string | null;
}

export interface Table {
  schema: string;
  name: string;
  isView: boolean;
  columns: Map<string, Column>;
  columnList: Column[];
  pk: string[];
}

export type Cardinality = 'm2o' | 'o2m' | 'o2o' | 'm2m';

export interface Junction {
  table: Table;
  /** FK constraint from the junction to the origin table, and its (origin column, junction column) pairs. */
  constraint1: string;
  columns1: [string, string][];
  constraint2: string;
  columns2: [string, string][];
}

/**
 * A way to embed `foreign` into `table`. `columns` pairs (column of table, column of foreign);
 * for m2m both pairs sets go through `junction`.
 */
export interface Relationship {
  table: Table;
  foreign: Table;
  cardinality: Cardinality;
  constraint: string;
  columns: [string, string][];
  junction?: Junction;
  isSelf: boolean;
}

export interface RoutineParam {
  name: string;
  type: string;
  required: boolean;
  variadic: boolean;
}

export interface Routine {
  schema: string;
  name: string;
  params: RoutineParam[];
  volatility: 'i' | 's' | 'v';
  returnsSet: boolean;
  /** scalar (incl. arrays), composite (a row type or OUT/TABLE columns), or void. */
  returns: 'scalar' | 'composite' | 'void';
  /** Output columns of a composite result, so results can be selected, filtered and ordered. */
  resultTable?: Table;
}

export interface RoleInfo {
  /** Roles the API may switch to: members of `authenticator` that are not superusers. */
  allowed: Set<string>;
  existing: Set<string>;
  /** Per-role settings (`alter role … set`) PostgREST applies on switching role. */
  settings: Map<string, [string, string][]>;
}

export interface SchemaCache {
  /** Keyed `schema.name`. */
  tables: Map<string, Table>;
  /** Keyed `schema.name` of the origin table. */
  relationships: Map<string, Relationship[]>;
  /** Keyed `schema.name`; overloads share a key. */
  routines: Map<string, Routine[]>;
  roles: RoleInfo;
  /** Accepted cast targets → SQL type text (catalog names quoted). */
  castTypes: Map<string, string>;
}

export const qualified = (schema: string, name: string): string => `${schema}.${name}`;
