import { Worker } from 'node:worker_threads';

/** A stack running in its own thread (bench/lib/stack-worker.ts) and how to reach it. */
export interface StackThread {
  url: string;
  anonKey: string;
  jwtSecret: string;
  kind: 'pglite' | 'postgres';
  /** A query as the database superuser, for setting up and checking a benchmark. */
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  stop(): Promise<void>;
}

/**
 * Boots the stack with the real migrations on a database of its own: in-memory PGlite for
 * `memory`, else a fresh database on that PostgreSQL server, dropped at stop.
 */
export function startStackThread(db: string, options: { seed: boolean }): Promise<StackThread> {
  // A worker does not inherit tsx's loader: it registers it, then loads the TypeScript entry.
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./stack-worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: { db, seed: options.seed } });
  let next = 0;
  const waiting = new Map<number, { done: (rows: unknown) => void; fail: (e: Error) => void }>();
  const call = (msg: object) =>
    new Promise<unknown>((done, fail) => {
      const id = ++next;
      waiting.set(id, { done, fail });
      worker.postMessage({ id, ...msg });
    });

  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (msg: { id?: number; rows?: unknown; error?: string; ready?: never }) => {
      if (msg.ready) {
        const ready = msg.ready as Omit<StackThread, 'query' | 'stop'>;
        worker.off('error', reject);
        worker.on('error', (err) => {
          for (const w of waiting.values()) w.fail(err);
          waiting.clear();
        });
        resolve({
          ...ready,
          query: <R>(sql: string, params: unknown[] = []) => call({ sql, params }) as Promise<R[]>,
          async stop() {
            await call({ stop: true });
            await worker.terminate();
          },
        });
        return;
      }
      const w = waiting.get(msg.id!);
      if (!w) return;
      waiting.delete(msg.id!);
      if (msg.error !== undefined) w.fail(new Error(msg.error));
      else w.done(msg.rows);
    });
  });
}
