import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// `npm run bench -- <name> [--db memory|<postgres-url>] [--smoke]` runs bench/<name>.ts in its own
// process (so one benchmark's heap never colours another's); the script's last stdout line is
// one flat JSON object `{"bench":"<name>",…}`.
const [name, ...rest] = process.argv.slice(2);
if (!name || !/^[a-z0-9-]+$/.test(name)) {
  console.error('usage: npm run bench -- <name> [--db memory|<postgres-url>] [--smoke]');
  process.exit(2);
}
const script = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
if (!existsSync(script)) {
  console.error(`no benchmark named ${name} (expected bench/${name}.ts)`);
  process.exit(2);
}
const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
const child = spawn(tsx, [script, ...rest], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
