import { PGlite, type Transaction } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import type { Database, Queryable, QueryResult } from './types';

function wrap(q: PGlite | Transaction): Queryable {
  return {
    async query<R>(sql: string, params: unknown[] = []): Promise<QueryResult<R>> {
      const res = await q.query<R>(sql, params);
      return {
        rows: res.rows,
        rowCount: res.affectedRows ?? res.rows.length,
        fields: res.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })),
      };
    },
    async exec(sql: string): Promise<void> {
      await q.exec(sql);
    },
  };
}

/**
 * PGlite is one Postgres backend in WASM: a single connection. PGlite's own mutex queues every
 * query and transaction in arrival order, so callers are served first-come first-served and a
 * long transaction delays, but never starves, the ones behind it.
 */
export async function openPglite(dataDir: string | undefined): Promise<Database> {
  const pg = await PGlite.create(dataDir ?? 'memory://', { extensions: { pgcrypto } });
  const base = wrap(pg);
  return {
    kind: 'pglite',
    query: base.query,
    exec: base.exec,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>, options?: { readOnly?: boolean }) {
      return pg.transaction(async (tx) => {
        if (options?.readOnly) await tx.query('set transaction read only');
        return fn(wrap(tx));
      });
    },
    async pipeline(statements, options) {
      // In process there is no round trip to save: a plain transaction has the same semantics.
      return pg.transaction(async (tx) => {
        if (options?.readOnly) await tx.query('set transaction read only');
        const q = wrap(tx);
        const results: QueryResult<Record<string, unknown>>[] = [];
        for (const s of statements) results.push(await q.query(s.sql, s.params));
        return results;
      });
    },
    async listen(channel, onPayload) {
      const unlisten = await pg.listen(channel, onPayload);
      return () => unlisten();
    },
    async close() {
      await pg.close();
    },
  };
}
