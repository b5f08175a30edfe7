import type { Queryable } from '../../db/types';
import { COLUMNS_SQL, CONSTRAINTS_SQL, ROLES_SQL, ROUTINES_SQL, TYPES_SQL } from './queries';
import { buildRelationships, type ForeignKey } from './relationships';
import {
  qualified,
  type Column,
  type RoleInfo,
  type Routine,
  type RoutineParam,
  type SchemaCache,
  type Table,
} from './types';

/** Schemas the API serves, as the Supabase CLI configures PostgREST (`public,graphql_public`). */
export const EXPOSED_SCHEMAS = ['public', 'graphql_public'];

interface ColumnRow {
  schema: string;
  table: string;
  kind: string;
  name: string | null;
  type: string;
  base_type: string;
  nullable: boolean;
  default_expr: string | null;
}

interface ConstraintRow {
  name: string;
  type: 'p' | 'u' | 'f';
  schema: string;
  table: string;
  fschema: string | null;
  ftable: string | null;
  cols: string[];
  fcols: string[];
}

interface RoutineRow {
  schema: string;
  name: string;
  volatility: 'i' | 's' | 'v';
  returns_set: boolean;
  ret_type: string;
  ret_typtype: string;
  ret_schema: string | null;
  ret_relname: string | null;
  ndefaults: number;
  args: { name: string; type: string; mode: string }[];
  ret_columns: { name: string; type: string; base: string }[] | null;
}

function makeTable(schema: string, name: string, isView: boolean, columns: Column[]): Table {
  return {
    schema,
    name,
    isView,
    columns: new Map(columns.map((c) => [c.name, c])),
    columnList: columns,
    pk: [],
  };
}

async function loadTables(db: Queryable): Promise<Map<string, Table>> {
  const { rows } = await db.query<ColumnRow>(COLUMNS_SQL, [EXPOSED_SCHEMAS]);
  const tables = new Map<string, Table>();
  for (const r of rows) {
    const key = qualified(r.schema, r.table);
    let t = tables.get(key);
    if (!t) {
      t = makeTable(r.schema, r.table, r.kind === 'v' || r.kind === 'm', []);
      tables.set(key, t);
    }
    if (r.name === null) continue;
    const col: Column = {
      name: r.name,
      type: r.type,
      baseType: r.base_type,
      nullable: r.nullable,
      defaultExpr: r.default_expr,
    };
    t.columns.set(col.name, col);
    t.columnList.push(col);
  }
  return tables;
}

async function loadForeignKeys(db: Queryable, tables: Map<string, Table>): Promise<ForeignKey[]> {
  const { rows } = await db.query<ConstraintRow>(CONSTRAINTS_SQL, [EXPOSED_SCHEMAS]);
  const uniques = new Map<Table, string[]>();
  for (const r of rows) {
    const t = tables.get(qualified(r.schema, r.table));
    if (!t || r.type === 'f') continue;
    if (r.type === 'p') t.pk = r.cols;
    uniques.set(t, [...(uniques.get(t) ?? []), [...r.cols].sort().join('\u0000')]);
  }
  const fks: ForeignKey[] = [];
  for (const r of rows) {
    if (r.type !== 'f' || r.fschema === null || r.ftable === null) continue;
    const table = tables.get(qualified(r.schema, r.table));
    const foreign = tables.get(qualified(r.fschema, r.ftable));
    if (!table || !foreign) continue;
    const key = [...r.cols].sort().join('\u0000');
    fks.push({
      name: r.name,
      table,
      foreign,
      columns: r.cols.map((c, i) => [c, r.fcols[i] ?? '']),
      oneToOne: (uniques.get(table) ?? []).includes(key),
    });
  }
  return fks;
}

/** Unnamed arguments make a function uncallable, except one json/jsonb/text/xml/bytea body. */
function toRoutine(r: RoutineRow, tables: Map<string, Table>): Routine | null {
  const inputs = r.args.filter((a) => a.mode === 'i' || a.mode === 'b' || a.mode === 'v');
  const outputs = r.args.filter((a) => a.mode === 'o' || a.mode === 'b' || a.mode === 't');
  const unnamed = inputs.filter((a) => a.name === '');
  if (unnamed.length > 1) return null;
  if (
    unnamed.length === 1 &&
    (inputs.length > 1 || !['json', 'jsonb', 'text', 'xml', 'bytea'].includes(inputs[0]!.type))
  ) {
    return null;
  }
  const params: RoutineParam[] = inputs.map((a, i) => ({
    name: a.name,
    type: a.type,
    required: i < inputs.length - r.ndefaults,
    variadic: a.mode === 'v',
  }));
  const composite = r.ret_typtype === 'c' || outputs.length > 0;
  const routine: Routine = {
    schema: r.schema,
    name: r.name,
    params,
    volatility: r.volatility,
    returnsSet: r.returns_set,
    returns: r.ret_type === 'void' ? 'void' : composite ? 'composite' : 'scalar',
  };
  if (composite) {
    const named =
      r.ret_schema && r.ret_relname
        ? tables.get(qualified(r.ret_schema, r.ret_relname))
        : undefined;
    const cols: Column[] = outputs.length
      ? outputs.map((a) => ({
          name: a.name,
          type: a.type,
          baseType: a.type,
          nullable: true,
          defaultExpr: null,
        }))
      : (r.ret_columns ?? []).map((c) => ({
          name: c.name,
          type: c.type,
          baseType: c.base,
          nullable: true,
          defaultExpr: null,
        }));
    routine.resultTable = named ?? makeTable(r.schema, r.name, true, cols);
  }
  return routine;
}

async function loadRoutines(
  db: Queryable,
  tables: Map<string, Table>,
): Promise<Map<string, Routine[]>> {
  const { rows } = await db.query<RoutineRow>(ROUTINES_SQL, [EXPOSED_SCHEMAS]);
  const map = new Map<string, Routine[]>();
  for (const row of rows) {
    const r = toRoutine(row, tables);
    if (!r) continue;
    const key = qualified(r.schema, r.name);
    map.set(key, [...(map.get(key) ?? []), r]);
  }
  return map;
}

// Supabase gives the API roles these timeouts (init-scripts 00000000000000-initial-schema.sql).
const DEFAULT_TIMEOUTS: Record<string, string> = { anon: '3s', authenticated: '8s' };

async function loadRoles(db: Queryable): Promise<RoleInfo> {
  const { rows } = await db.query<{
    name: string;
    super: boolean;
    allowed: boolean;
    db_settings: string[] | null;
    settings: string[] | null;
  }>(ROLES_SQL);
  const info: RoleInfo = { allowed: new Set(), existing: new Set(), settings: new Map() };
  for (const r of rows) {
    info.existing.add(r.name);
    if (!r.allowed || r.super) continue;
    info.allowed.add(r.name);
    // Only the timeout is applied per request; other role settings stay with the database.
    const all = [...(r.settings ?? []), ...(r.db_settings ?? [])];
    const timeout = all
      .filter((s) => s.startsWith('statement_timeout='))
      .pop()
      ?.slice('statement_timeout='.length);
    const value = timeout ?? DEFAULT_TIMEOUTS[r.name];
    if (value !== undefined) info.settings.set(r.name, [['statement_timeout', value]]);
  }
  return info;
}

const CAST_ALIASES: Record<string, string> = {
  integer: 'int4',
  int: 'int4',
  smallint: 'int2',
  bigint: 'int8',
  real: 'float4',
  'double precision': 'float8',
  float: 'float8',
  boolean: 'bool',
  decimal: 'numeric',
  'character varying': 'varchar',
  character: 'bpchar',
  char: 'bpchar',
  'timestamp with time zone': 'timestamptz',
  'timestamp without time zone': 'timestamp',
  'time with time zone': 'timetz',
  'time without time zone': 'time',
};

async function loadCastTypes(db: Queryable): Promise<Map<string, string>> {
  const { rows } = await db.query<{ name: string; schema: string }>(TYPES_SQL, [EXPOSED_SCHEMAS]);
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const types = new Map<string, string>();
  for (const r of rows)
    if (!types.has(r.name)) types.set(r.name, `${quote(r.schema)}.${quote(r.name)}`);
  for (const [alias, name] of Object.entries(CAST_ALIASES)) {
    const sql = types.get(name);
    if (sql) types.set(alias, sql);
  }
  return types;
}

export async function loadSchemaCache(db: Queryable): Promise<SchemaCache> {
  const tables = await loadTables(db);
  const fks = await loadForeignKeys(db, tables);
  return {
    tables,
    relationships: buildRelationships(fks),
    routines: await loadRoutines(db, tables),
    roles: await loadRoles(db),
    castTypes: await loadCastTypes(db),
  };
}
