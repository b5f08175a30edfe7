import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startStack, type RunningStack, type StackOptions } from '../../local/stack';

/**
 * Boots a stack for one test file: in-memory PGlite by default, or, when DATABASE_URL is set,
 * a fresh PostgreSQL database created for this stack and dropped when it stops, so files never
 * see each other's rows.
 */
export async function startTestStack(options: StackOptions = {}): Promise<RunningStack> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) return startStack({ port: 0, db: 'memory', ...options });

  const name = `lapak_t_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    const stack = await startStack({ port: 0, db: url.toString(), ...options });
    return {
      ...stack,
      async stop() {
        await stack.stop();
        await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
      },
    };
  } catch (err) {
    await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
    throw err;
  }
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
