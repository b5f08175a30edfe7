/**
 * The one database interface the local stack uses, backed by PGlite (one connection, serialized)
 * or by a PostgreSQL pool. Everything above it (bootstrap, REST, Auth) is written against this.
 */
export interface QueryResult<R> {
  rows: R[];
  /** Rows affected by INSERT/UPDATE/DELETE, or returned by SELECT. */
  rowCount: number;
  fields: { name: string; dataTypeID: number }[];
}

export interface Queryable {
  /**
   * One statement with `$1…$n` parameters, always bound, never interpolated. A `name` makes it
   * a named prepared statement on PostgreSQL (parsed once per connection, its plan cacheable);
   * one name must always carry the same SQL. PGlite ignores it.
   */
  query<R = Record<string, unknown>>(
    sql: string,
    params?: unknown[],
    options?: { name?: string },
  ): Promise<QueryResult<R>>;
  /** Several statements without parameters (migrations, bootstrap). */
  exec(sql: string): Promise<void>;
}

/** One statement of a pipeline: bound parameters, optionally a named prepared statement. */
export interface Statement {
  sql: string;
  params: unknown[];
  name?: string | undefined;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /**
   * Runs `fn` inside BEGIN … COMMIT on one connection; any throw rolls back. On PGlite the
   * transaction holds the single connection, and waiting callers are served in arrival order.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>, options?: { readOnly?: boolean }): Promise<T>;
  /**
   * Runs fixed statements as one transaction that commits when the last one succeeds; any error
   * rolls all of them back. On PostgreSQL they go in ONE round trip (the extended protocol's
   * pipeline, committed at its Sync), so no lock is held while the server waits for a separate
   * COMMIT. Results come back in order.
   */
  pipeline(
    statements: Statement[],
    options?: { readOnly?: boolean },
  ): Promise<QueryResult<Record<string, unknown>>[]>;
  /** LISTEN on a channel; returns an unsubscribe function. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
