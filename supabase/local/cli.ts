import { parseArgs } from 'node:util';
import { MigrationError } from './migrate';
import { startStack } from './stack';

// `npm run stack -- [--port N] [--db memory|<dir>|<postgres-url>] [--supabase-dir <dir>] [--no-seed]`
// prints exactly one JSON line on stdout when ready; everything else goes to stderr.
const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    db: { type: 'string' },
    'supabase-dir': { type: 'string' },
    'no-seed': { type: 'boolean', default: false },
    host: { type: 'string' },
  },
  strict: true,
});

const port = values.port === undefined ? undefined : Number(values.port);
if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
  console.error(`--port must be an integer between 0 and 65535, got ${values.port}`);
  process.exit(2);
}

try {
  const stack = await startStack({
    ...(port !== undefined && { port }),
    ...(values.db !== undefined && { db: values.db }),
    ...(values['supabase-dir'] !== undefined && { supabaseDir: values['supabase-dir'] }),
    ...(values.host !== undefined && { host: values.host }),
    seed: !values['no-seed'],
  });
  process.stdout.write(
    JSON.stringify({
      url: stack.url,
      anonKey: stack.anonKey,
      serviceRoleKey: stack.serviceRoleKey,
      jwtSecret: stack.jwtSecret,
    }) + '\n',
  );
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`${signal}: stopping the stack`);
    stack.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
} catch (err) {
  if (err instanceof MigrationError) console.error(`Migration failed: ${err.message}`);
  else console.error(err);
  process.exit(1);
}
