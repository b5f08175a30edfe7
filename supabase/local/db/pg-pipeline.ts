import pg from 'pg';
import type { QueryResult, Statement } from './types';

// The parts of pg's connection a submittable query drives (pg-cursor and pg-query-stream use the
// same ones): message writers and the per-connection record of named statements.
interface Connection {
  parsedStatements: Record<string, string>;
  stream: { cork?: () => void; uncork?: () => void };
  parse(msg: { text: string; name: string; types: unknown[] }): void;
  bind(msg: {
    portal: string;
    statement: string;
    values: unknown[];
    valueMapper: (v: unknown) => unknown;
  }): void;
  describe(msg: { type: 'P' | 'S'; name: string }): void;
  execute(msg: { portal: string; rows: number }): void;
  close(msg: { type: 'P' | 'S'; name: string }): void;
  sync(): void;
}

interface Field {
  name: string;
  dataTypeID: number;
  format: 'text' | 'binary';
}

const toWire = (v: unknown): string | Buffer | null => {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || Buffer.isBuffer(v)) return v;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  return JSON.stringify(v);
};

/**
 * Statements sent as one extended-protocol pipeline: Parse (when the connection has not prepared
 * the named statement yet) / Bind / Describe / Execute for each, then a single Sync. Without an
 * explicit BEGIN, PostgreSQL runs everything before a Sync as one implicit transaction: it commits
 * at the Sync if every statement succeeded, and after an error it skips the rest and rolls back.
 * So a whole request costs one round trip, and no lock waits on a COMMIT still on the wire.
 */
export class Pipeline {
  private readonly results: QueryResult<Record<string, unknown>>[] = [];
  private fields: Field[] = [];
  private parsers: ((v: string) => unknown)[] = [];
  private rows: Record<string, unknown>[] = [];
  private failed = false;
  private readonly prepared: { name: string; sql: string }[] = [];
  readonly promise: Promise<QueryResult<Record<string, unknown>>[]>;
  private settle!: {
    done: (r: QueryResult<Record<string, unknown>>[]) => void;
    fail: (e: unknown) => void;
  };

  constructor(private readonly statements: Statement[]) {
    this.promise = new Promise((done, fail) => (this.settle = { done, fail }));
  }

  /** Called by pg's client when the connection is free (as for any submittable). */
  submit(connection: Connection): void {
    connection.stream.cork?.();
    try {
      for (const s of this.statements) {
        // Pipelines keep their own statement names: after a failed pipeline the server may hold
        // a statement this connection does not know it parsed, and pg's own queries (which
        // parse a name they have not recorded without closing it first) must never meet one.
        const name = s.name ? `pipeline_${s.name}` : '';
        if (!name || connection.parsedStatements[name] === undefined) {
          // A statement parsed by an earlier pipeline that then failed may or may not exist on
          // the server; closing a missing one is not an error, so close, then parse afresh.
          if (name) connection.close({ type: 'S', name });
          connection.parse({ text: s.sql, name, types: [] });
          if (name) this.prepared.push({ name, sql: s.sql });
        }
        connection.bind({ portal: '', statement: name, values: s.params, valueMapper: toWire });
        connection.describe({ type: 'P', name: '' });
        connection.execute({ portal: '', rows: 0 });
      }
      connection.sync();
    } finally {
      connection.stream.uncork?.();
    }
  }

  handleRowDescription(msg: { fields: Field[] }): void {
    this.fields = msg.fields;
    this.parsers = msg.fields.map(
      (f) => pg.types.getTypeParser(f.dataTypeID, f.format) as (v: string) => unknown,
    );
    this.rows = [];
  }

  handleDataRow(msg: { fields: (string | null)[] }): void {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < this.fields.length; i++) {
      const v = msg.fields[i] ?? null;
      row[this.fields[i]!.name] = v === null ? null : this.parsers[i]!(v);
    }
    this.rows.push(row);
  }

  handleCommandComplete(msg: { text: string }): void {
    const affected = /^(?:INSERT \d+|[A-Z]+) (\d+)$/.exec(msg.text);
    this.results.push({
      rows: this.rows,
      rowCount: affected ? Number(affected[1]) : this.rows.length,
      fields: this.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })),
    });
    this.fields = [];
    this.parsers = [];
    this.rows = [];
  }

  handleEmptyQuery(): void {
    this.results.push({ rows: [], rowCount: 0, fields: [] });
  }

  /** The server refused a statement: it skipped the rest and rolled the transaction back. */
  handleError(err: unknown): void {
    this.failed = true;
    this.settle.fail(err);
  }

  handleReadyForQuery(connection: Connection): void {
    if (this.failed) return;
    for (const p of this.prepared) connection.parsedStatements[p.name] = p.sql;
    this.settle.done(this.results);
  }

  handlePortalSuspended(): void {}

  handleCopyInResponse(): void {}

  handleCopyData(): void {}
}
