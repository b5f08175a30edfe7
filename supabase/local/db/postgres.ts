import pg from 'pg';
import { Pipeline } from './pg-pipeline';
import type { Database, Queryable, QueryResult, Statement } from './types';

const READ_ONLY: Statement = {
  sql: "select set_config('transaction_read_only', 'on', true)",
  params: [],
  name: 'lapak_read_only',
};

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<R>(
      sql: string,
      params: unknown[] = [],
      options?: { name?: string },
    ): Promise<QueryResult<R>> {
      const res = options?.name
        ? await client.query({ name: options.name, text: sql, values: params })
        : await client.query(sql, params);
      return {
        rows: res.rows as R[],
        rowCount: res.rowCount ?? res.rows.length,
        fields: res.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })),
      };
    },
    async exec(sql: string): Promise<void> {
      await client.query(sql);
    },
  };
}

/** A pooled connection to real PostgreSQL; each transaction holds one client from the pool. */
export async function openPostgres(url: string, poolSize = 20): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle pooled connection that the server ends (a restart, an administrator, a network
  // blip) emits 'error' on the pool; unhandled, that would bring the whole stack down. The pool
  // has already discarded that client, and the next checkout opens a fresh one.
  pool.on('error', (err) => {
    console.error(`[db] idle PostgreSQL connection lost: ${err.message}`);
  });
  // Fail at boot, not on the first request, when the URL is wrong.
  const probe = await pool.connect();
  probe.release();
  const base = wrap(pool);
  // LISTEN holds a client for as long as the subscription lives; close() must end them too,
  // or pool.end() waits forever for clients nobody will release.
  const listeners = new Set<() => Promise<void>>();
  return {
    kind: 'postgres',
    query: base.query,
    exec: base.exec,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>, options?: { readOnly?: boolean }) {
      const client = await pool.connect();
      try {
        await client.query(options?.readOnly ? 'begin read only' : 'begin');
        const result = await fn(wrap(client));
        await client.query('commit');
        return result;
      } catch (err) {
        await client.query('rollback').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async pipeline(statements, options) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        const all = options?.readOnly ? [READ_ONLY, ...statements] : statements;
        const pipeline = new Pipeline(all);
        // pg runs any object with a submit() on the connection once it is free.
        client.query(pipeline as unknown as pg.Submittable);
        const results = await pipeline.promise;
        return options?.readOnly ? results.slice(1) : results;
      } catch (err) {
        // A database error leaves the connection clean (the server rolled back at the Sync);
        // anything else (a dead socket) must not go back to the pool.
        if (!(err instanceof pg.DatabaseError)) broken = err as Error;
        throw err;
      } finally {
        client.release(broken);
      }
    },
    async listen(channel, onPayload) {
      const client = await pool.connect();
      const handler = (msg: pg.Notification) => {
        if (msg.channel === channel) onPayload(msg.payload ?? '');
      };
      client.on('notification', handler);
      await client.query(`listen ${pg.escapeIdentifier(channel)}`);
      const unlisten = async () => {
        if (!listeners.delete(unlisten)) return;
        client.off('notification', handler);
        await client.query(`unlisten ${pg.escapeIdentifier(channel)}`).catch(() => undefined);
        client.release();
      };
      listeners.add(unlisten);
      return unlisten;
    },
    async close() {
      await Promise.all([...listeners].map((unlisten) => unlisten()));
      await pool.end();
    },
  };
}
