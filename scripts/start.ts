// `npm start`: build the PWA when its sources changed, then serve it and the API stack on one port.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { MigrationError } from '../supabase/local/migrate';
import { startStack } from '../supabase/local/stack';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '54321' },
    db: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((f) => newestMtime(join(path, f))));
}

// LAPAK_DIST lets several checkouts or test runs build side by side without sharing one folder.
const dist = process.env.LAPAK_DIST ?? 'dist';
const built = newestMtime(join(dist, 'index.html'));
const sources = Math.max(
  ...['src', 'public', 'index.html', 'vite.config.ts', 'package.json'].map(newestMtime),
);
if (built === 0 || sources > built) {
  console.error('Building the app…');
  const res = spawnSync('npx', ['vite', 'build', '--outDir', dist, '--emptyOutDir'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (res.status !== 0) process.exit(res.status ?? 1);
}

try {
  const stack = await startStack({
    port: Number(values.port),
    host: values.host ?? '127.0.0.1',
    staticDir: dist,
    ...(values.db !== undefined && { db: values.db }),
  });
  console.log(`\nLapak is running at ${stack.url}/`);
  console.log(`  API (Supabase-compatible): ${stack.url}`);
  console.log(`  anon key:         ${stack.anonKey}`);
  console.log(`  service_role key: ${stack.serviceRoleKey} (never give it to a browser)`);
  console.log(`  database:         ${stack.db.kind}`);
  console.log('\nDemo shop (seeded on an empty database):');
  console.log('  manager: manager@lapak.test / lapak-demo-123');
  console.log('  owner:   owner@lapak.test / lapak-demo-123');
  console.log('  staff PINs: 1111 Ibu Sari (owner), 2222 Budi (manager), 3333 Ani (cashier)\n');
  const stop = () =>
    void stack.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (err) {
  console.error(err instanceof MigrationError ? `Migration failed: ${err.message}` : err);
  process.exit(1);
}
