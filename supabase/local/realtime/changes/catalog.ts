import type { Database } from '../../db/types';

export interface Column {
  name: string;
  /** pg_type.typname (`int8`, `_text`): what realtime-js's convertChangeData switches on. */
  type: string;
  pk: boolean;
}

export interface TableMeta {
  relid: number;
  schema: string;
  table: string;
  rls: boolean;
  columns: Column[];
  pk: string[];
  /** Columns an UPDATE/DELETE's old_record keeps: the replica identity. */
  identity: string[];
}

export interface PublishedTable {
  relid: number;
  schema: string;
  table: string;
}

interface MetaRow {
  schema: string;
  table: string;
  rls: boolean;
  replident: string;
  columns: { name: string; type: string; pk: boolean; ri: boolean }[] | string;
}

/**
 * What the change path needs from the catalog, cached until DDL says otherwise (the bootstrap's
 * event trigger notifies; without it, joins and schema changes refresh it).
 */
export class Catalog {
  private tables = new Map<number, Promise<TableMeta | null>>();
  private selectable = new Map<string, Promise<Set<string>>>();

  constructor(private readonly db: Database) {}

  invalidate(): void {
    this.tables.clear();
    this.selectable.clear();
  }

  table(relid: number): Promise<TableMeta | null> {
    let hit = this.tables.get(relid);
    if (!hit) {
      hit = this.loadTable(relid);
      this.tables.set(relid, hit);
      hit.catch(() => this.tables.delete(relid));
    }
    return hit;
  }

  /** Columns `role` may SELECT; none when the role does not exist. */
  columnsFor(relid: number, role: string): Promise<Set<string>> {
    const key = `${relid}/${role}`;
    let hit = this.selectable.get(key);
    if (!hit) {
      hit = this.db
        .query<{ name: string }>(
          `select a.attname::text as name from pg_attribute a
           where a.attrelid = $1::oid and a.attnum > 0 and not a.attisdropped
             and has_column_privilege($2::name, a.attrelid, a.attnum, 'SELECT')`,
          [relid, role],
        )
        .then((r) => new Set(r.rows.map((x) => x.name)))
        .catch(() => new Set<string>());
      this.selectable.set(key, hit);
    }
    return hit;
  }

  /** Tables of publication supabase_realtime matching a binding ('*' matches any). */
  async published(schema: string, table: string): Promise<PublishedTable[]> {
    const res = await this.db.query<{ relid: number | string; schema: string; table: string }>(
      `select c.oid as relid, p.schemaname::text as schema, p.tablename::text as table
       from pg_publication_tables p
       join pg_namespace n on n.nspname = p.schemaname
       join pg_class c on c.relnamespace = n.oid and c.relname = p.tablename
       where p.pubname = 'supabase_realtime'
         and ($1 = '*' or p.schemaname = $1) and ($2 = '*' or p.tablename = $2)`,
      [schema, table],
    );
    return res.rows.map((r) => ({ relid: Number(r.relid), schema: r.schema, table: r.table }));
  }

  private async loadTable(relid: number): Promise<TableMeta | null> {
    const res = await this.db.query<MetaRow>(
      `select n.nspname::text as schema, c.relname::text as table, c.relrowsecurity as rls,
              c.relreplident::text as replident,
              coalesce((
                select json_agg(json_build_object(
                  'name', a.attname, 'type', t.typname,
                  'pk', exists(select 1 from pg_index i where i.indrelid = c.oid
                                 and i.indisprimary and a.attnum = any(i.indkey)),
                  'ri', exists(select 1 from pg_index i where i.indrelid = c.oid
                                 and i.indisreplident and a.attnum = any(i.indkey)))
                  order by a.attnum)
                from pg_attribute a join pg_type t on t.oid = a.atttypid
                where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
              ), '[]') as columns
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where c.oid = $1::oid`,
      [relid],
    );
    const row = res.rows[0];
    if (!row) return null;
    const cols =
      typeof row.columns === 'string'
        ? (JSON.parse(row.columns) as Exclude<MetaRow['columns'], string>)
        : row.columns;
    const pk = cols.filter((c) => c.pk).map((c) => c.name);
    // relreplident: d = primary key, f = full row, i = a chosen index, n = nothing.
    const identity =
      row.replident === 'f'
        ? cols.map((c) => c.name)
        : row.replident === 'i'
          ? cols.filter((c) => c.ri).map((c) => c.name)
          : row.replident === 'd'
            ? pk
            : [];
    return {
      relid,
      schema: row.schema,
      table: row.table,
      rls: row.rls,
      columns: cols.map((c) => ({ name: c.name, type: c.type, pk: c.pk })),
      pk,
      identity,
    };
  }
}
