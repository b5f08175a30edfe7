// `npm run test:pg`: the stack tests again, on real PostgreSQL instead of PGlite. Each stack
// creates and drops its own database on the server DATABASE_URL points at.
import { spawnSync } from 'node:child_process';
import pg from 'pg';

const url = process.env.DATABASE_URL ?? 'postgres://lapak:lapak@127.0.0.1:5432/lapak_test';
const client = new pg.Client({ connectionString: url });
try {
  await client.connect();
  await client.end();
} catch (err) {
  console.error(`Cannot reach PostgreSQL at ${url}: ${(err as Error).message}`);
  console.error('Start it (pg_ctlcluster 15 main start) or set DATABASE_URL; .ci/run does both.');
  process.exit(1);
}
const res = spawnSync('npx', ['vitest', 'run', '--project', 'stack', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, DATABASE_URL: url },
});
process.exit(res.status ?? 1);
