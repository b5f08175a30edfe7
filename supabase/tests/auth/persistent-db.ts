import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A database that outlives one stack, for tests that stop and start the stack on the same data:
 * a temporary PGlite directory, or with DATABASE_URL a PostgreSQL database made for the test.
 * (startTestStack drops its database on stop, so it cannot be used across a restart.)
 */
export async function persistentDb(): Promise<{ spec: string; drop(): Promise<void> }> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const dir = await mkdtemp(join(tmpdir(), 'lapak-auth-'));
    return { spec: dir, drop: () => rm(dir, { recursive: true, force: true }) };
  }
  const name = `lapak_t_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    spec: url.toString(),
    drop: () => adminQuery(adminUrl, `drop database if exists ${name} with (force)`),
  };
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
