import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScratchDatabase } from '../../local/db/scratch';
import { startStack, type RunningStack, type StackOptions } from '../../local/stack';

export interface TestDatabase {
  /** A `db` option for startStack that survives a stop and a new start. */
  spec: string;
  drop(): Promise<void>;
}

/**
 * A database of its own for one test: a temporary PGlite directory, or, when DATABASE_URL is
 * set, a fresh PostgreSQL database on that server, so files never see each other's rows.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const dir = await mkdtemp(join(tmpdir(), 'lapak-pglite-'));
    return { spec: dir, drop: () => rm(dir, { recursive: true, force: true }) };
  }
  const scratch = await createScratchDatabase(adminUrl, 'lapak_t');
  return { spec: scratch.url, drop: scratch.drop };
}

/**
 * Boots a stack for one test file: in-memory PGlite by default, or a fresh PostgreSQL database
 * (dropped when the stack stops) when DATABASE_URL is set.
 */
export async function startTestStack(options: StackOptions = {}): Promise<RunningStack> {
  if (!process.env.DATABASE_URL) return startStack({ port: 0, db: 'memory', ...options });
  const db = await createTestDatabase();
  try {
    const stack = await startStack({ port: 0, db: db.spec, ...options });
    return {
      ...stack,
      async stop() {
        await stack.stop();
        await db.drop();
      },
    };
  } catch (err) {
    await db.drop();
    throw err;
  }
}
