import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MigrationError } from '../../local/migrate';
import { startStack } from '../../local/stack';
import { createTestDatabase, type TestDatabase } from '../helpers/stack';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

async function project(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'lapak-project-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

async function database(): Promise<TestDatabase> {
  const db = await createTestDatabase();
  cleanup.push(() => db.drop());
  return db;
}

const GOOD = 'create table public.notes (id int primary key, body text not null);\n';
const SEED = "insert into public.notes values (1, 'seeded');\n";

describe('stack boot', () => {
  it('applies migrations once, seeds an empty database once, and keeps data across restarts', async () => {
    const db = await database();
    const dir = await project({ 'migrations/0001_notes.sql': GOOD, 'seed.sql': SEED });

    const first = await startStack({ port: 0, db: db.spec, supabaseDir: dir });
    expect(first.migrations).toEqual({ applied: ['0001_notes.sql'], seeded: true });
    await first.db.query("insert into public.notes values (2, 'written')");
    await first.stop();

    const second = await startStack({ port: 0, db: db.spec, supabaseDir: dir });
    expect(second.migrations).toEqual({ applied: [], seeded: false });
    const rows = await second.db.query<{ id: number }>('select id from public.notes order by id');
    expect(rows.rows.map((r) => r.id)).toEqual([1, 2]);
    await second.stop();
  });

  it('stops on a failing migration with its file and line, and leaves the database as it was', async () => {
    const db = await database();
    const dir = await project({ 'migrations/0001_notes.sql': GOOD, 'seed.sql': SEED });
    const ok = await startStack({ port: 0, db: db.spec, supabaseDir: dir });
    await ok.stop();

    await writeFile(
      join(dir, 'migrations/0002_more.sql'),
      '-- adds a column\nalter table public.notes add column pinned boolean;\n\nselect * from public.missing_table;\n',
    );
    const failure = await startStack({ port: 0, db: db.spec, supabaseDir: dir }).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(MigrationError);
    expect((failure as MigrationError).file).toBe('migrations/0002_more.sql');
    expect((failure as MigrationError).line).toBe(4);
    expect((failure as MigrationError).message).toMatch(/missing_table/);

    await writeFile(join(dir, 'migrations/0002_more.sql'), 'select 1;\n');
    const after = await startStack({ port: 0, db: db.spec, supabaseDir: dir });
    // The failed boot's ALTER was rolled back with the rest of its transaction.
    const cols = await after.db.query(
      "select 1 from information_schema.columns where table_name = 'notes' and column_name = 'pinned'",
    );
    expect(cols.rows).toHaveLength(0);
    expect(after.migrations.applied).toEqual(['0002_more.sql']);
    await after.stop();
  });

  it('answers CORS preflights as Supabase does and exposes the headers supabase-js reads', async () => {
    const dir = await project({});
    const stack = await startStack({ port: 0, db: (await database()).spec, supabaseDir: dir });
    cleanup.push(() => stack.stop());
    const res = await fetch(`${stack.url}/rest/v1/notes`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://tablet.local',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers':
          'apikey, authorization, content-type, prefer, x-client-info',
      },
    });
    expect(res.status).toBeLessThan(300);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://tablet.local');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('prefer');
    const get = await fetch(`${stack.url}/auth/v1/health`, {
      headers: { Origin: 'http://tablet.local' },
    });
    const exposed = get.headers.get('access-control-expose-headers') ?? '';
    for (const h of ['Content-Range', 'X-Total-Count', 'X-Supabase-Api-Version']) {
      expect(exposed).toContain(h);
    }
  });
});
