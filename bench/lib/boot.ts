import { createScratchDatabase } from '../../supabase/local/db/scratch';
import { startStack, type RunningStack, type StackOptions } from '../../supabase/local/stack';

/**
 * A stack for one bench run on its own database: in-memory PGlite for `memory`, otherwise a fresh
 * database on that PostgreSQL server, dropped by `cleanup`.
 */
export async function bootBenchStack(
  db: string,
  options: Omit<StackOptions, 'db' | 'port'> = {},
): Promise<{ stack: RunningStack; cleanup: () => Promise<void> }> {
  if (db === 'memory') {
    const stack = await startStack({ port: 0, db: 'memory', ...options });
    return { stack, cleanup: () => stack.stop() };
  }
  const scratch = await createScratchDatabase(db, 'lapak_bench');
  try {
    const stack = await startStack({ port: 0, db: scratch.url, ...options });
    return {
      stack,
      cleanup: async () => {
        await stack.stop();
        await scratch.drop();
      },
    };
  } catch (err) {
    await scratch.drop();
    throw err;
  }
}
