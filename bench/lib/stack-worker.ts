import { randomBytes } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import { startStack } from '../../supabase/local/stack';

// The local stack in a thread of its own, so a benchmark's client (a till's IndexedDB, its sync
// engine, Chromium's driver) never shares the server's event loop. The parent sends
// `{ id, sql, params }` to query the database as its superuser and `{ id, stop: true }` to end.

interface Boot {
  db: string;
  seed: boolean;
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const { db, seed } = workerData as Boot;
let dbSpec = 'memory';
let drop = async () => {};
if (db !== 'memory') {
  const name = `lapak_bench_${randomBytes(5).toString('hex')}`;
  await adminQuery(db, `create database ${name}`);
  const url = new URL(db);
  url.pathname = `/${name}`;
  dbSpec = url.toString();
  drop = () => adminQuery(db, `drop database if exists ${name} with (force)`);
}

try {
  const stack = await startStack({ port: 0, db: dbSpec, seed });
  parentPort!.on(
    'message',
    (msg: { id: number; sql?: string; params?: unknown[]; stop?: boolean }) => {
      const answer = async () => {
        if (msg.stop) {
          await stack.stop();
          await drop();
          return null;
        }
        return (await stack.db.query(msg.sql!, msg.params ?? [])).rows;
      };
      answer().then(
        (rows) => parentPort!.postMessage({ id: msg.id, rows }),
        (err: unknown) =>
          parentPort!.postMessage({
            id: msg.id,
            error: err instanceof Error ? err.message : String(err),
          }),
      );
    },
  );
  parentPort!.postMessage({
    ready: {
      url: stack.url,
      anonKey: stack.anonKey,
      jwtSecret: stack.jwtSecret,
      kind: stack.db.kind,
    },
  });
} catch (err) {
  await drop();
  throw err;
}
