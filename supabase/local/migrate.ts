import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database, Queryable } from './db/types';
import { splitSql } from './sql-split';

const BOOTSTRAP_DIR = fileURLToPath(new URL('./bootstrap/', import.meta.url));

export class MigrationError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly pgMessage: string,
    readonly sqlState: string | undefined,
  ) {
    super(`${file}:${line}: ${pgMessage}${sqlState ? ` (SQLSTATE ${sqlState})` : ''}`);
    this.name = 'MigrationError';
  }
}

async function sqlFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

/** Runs a script statement by statement so a failure names its file and line. */
async function runScript(tx: Queryable, file: string, script: string): Promise<void> {
  for (const stmt of splitSql(script)) {
    try {
      await tx.exec(stmt.sql);
    } catch (err) {
      const e = err as { message?: string; code?: string; position?: string | number };
      let line = stmt.line;
      const pos = Number(e.position);
      if (Number.isInteger(pos) && pos > 0) {
        line += (stmt.sql.slice(0, pos - 1).match(/\n/g) ?? []).length;
      }
      throw new MigrationError(file, line, e.message ?? String(err), e.code);
    }
  }
}

/** The platform: roles, grants, auth/storage schemas, publication. Idempotent; runs on every boot. */
export async function bootstrapPlatform(db: Database): Promise<void> {
  for (const file of await sqlFiles(BOOTSTRAP_DIR)) {
    const script = await readFile(join(BOOTSTRAP_DIR, file), 'utf8');
    await db.transaction((tx) => runScript(tx, `supabase/local/bootstrap/${file}`, script));
  }
}

export interface MigrationReport {
  applied: string[];
  seeded: boolean;
}

/**
 * Applies `<supabaseDir>/migrations/*.sql` not yet recorded, in filename order, all in ONE
 * transaction: a failure leaves the database exactly as it was before the boot. The seed runs
 * once, on a database that had neither migrations nor a seed recorded (an empty project).
 */
export async function applyMigrations(
  db: Database,
  supabaseDir: string,
  { seed = true }: { seed?: boolean } = {},
): Promise<MigrationReport> {
  const dir = join(supabaseDir, 'migrations');
  const files = await sqlFiles(dir);
  return db.transaction(async (tx) => {
    const done = await tx.query<{ version: string }>(
      'select version from supabase_migrations.schema_migrations',
    );
    const seededBefore = await tx.query('select 1 from supabase_migrations.local_seed limit 1');
    const fresh = done.rows.length === 0 && seededBefore.rows.length === 0;
    const known = new Set(done.rows.map((r) => r.version));
    const applied: string[] = [];
    for (const file of files) {
      const version = file.split('_')[0] ?? file;
      if (known.has(version)) continue;
      const script = await readFile(join(dir, file), 'utf8');
      await runScript(tx, `migrations/${file}`, script);
      await tx.query(
        'insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)',
        [version, file.replace(/^[^_]*_?/, '').replace(/\.sql$/, ''), [script]],
      );
      applied.push(file);
    }
    let seeded = false;
    if (seed && fresh) {
      const seedPath = join(supabaseDir, 'seed.sql');
      const script = await readFile(seedPath, 'utf8').catch(() => null);
      if (script !== null) {
        await runScript(tx, 'seed.sql', script);
        await tx.query('insert into supabase_migrations.local_seed default values');
        seeded = true;
      }
    }
    return { applied, seeded };
  });
}
