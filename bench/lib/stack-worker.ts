import { parentPort, workerData } from 'node:worker_threads';
import { createScratchDatabase } from '../../supabase/local/db/scratch';
import { startStack } from '../../supabase/local/stack';

// The local stack in a thread of its own, so a benchmark's client (a till's IndexedDB, its sync
// engine, Chromium's driver) never shares the server's event loop. The parent sends
// `{ id, sql, params }` to query the database as its superuser and `{ id, stop: true }` to end.

interface Boot {
  db: string;
  seed: boolean;
}

const { db, seed } = workerData as Boot;
let dbSpec = 'memory';
let drop = async () => {};
if (db !== 'memory') {
  const scratch = await createScratchDatabase(db, 'lapak_bench');
  dbSpec = scratch.url;
  drop = scratch.drop;
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
