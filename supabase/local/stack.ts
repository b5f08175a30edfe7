import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { createAuthApp } from './auth/app';
import {
  authSettingsFromEnv,
  DEFAULT_JWT_SECRET,
  type AuthSettings,
  type StackConfig,
} from './config';
import type { StackContext } from './context';
import { supabaseCors } from './cors';
import { openDatabase } from './db/open';
import type { Database } from './db/types';
import { apiKey } from './jwt';
import { applyMigrations, bootstrapPlatform, type MigrationReport } from './migrate';
import { attachRealtime } from './realtime/server';
import { createRestApp } from './rest/app';
import { mountStatic } from './static';

export interface StackOptions {
  /** 0 picks a free port. Default 54321. */
  port?: number;
  host?: string;
  /** 'memory', a directory for file-backed PGlite, or a postgres:// URL. Default `.data/`. */
  db?: string;
  supabaseDir?: string;
  seed?: boolean;
  jwtSecret?: string;
  auth?: Partial<AuthSettings>;
  /** A built PWA to serve at `/` (npm start). */
  staticDir?: string;
  env?: NodeJS.ProcessEnv;
}

export interface RunningStack {
  url: string;
  anonKey: string;
  serviceRoleKey: string;
  jwtSecret: string;
  db: Database;
  migrations: MigrationReport;
  stop(): Promise<void>;
}

export async function startStack(options: StackOptions = {}): Promise<RunningStack> {
  const env = options.env ?? process.env;
  const host = options.host ?? '127.0.0.1';
  const jwtSecret = options.jwtSecret ?? env.LAPAK_JWT_SECRET ?? DEFAULT_JWT_SECRET;
  if (jwtSecret.length < 32) throw new Error('The JWT secret must be at least 32 characters long');
  const supabaseDir = resolve(options.supabaseDir ?? 'supabase');

  const db = await openDatabase(options.db ?? env.DATABASE_URL ?? env.LAPAK_DATA_DIR ?? '.data');
  let server: Server | undefined;
  try {
    await bootstrapPlatform(db);
    const migrations = await applyMigrations(db, supabaseDir, { seed: options.seed ?? true });

    // Listen before building the config so port 0 resolves to the real URL the tokens name.
    server = await listen(options.port ?? 54321, host);
    const port = (server.address() as AddressInfo).port;
    const url = `http://${host}:${port}`;
    const config: StackConfig = {
      url,
      jwtSecret,
      anonKey: env.LAPAK_ANON_KEY ?? (await apiKey('anon', jwtSecret)),
      serviceRoleKey: env.LAPAK_SERVICE_ROLE_KEY ?? (await apiKey('service_role', jwtSecret)),
      auth: authSettingsFromEnv(env, options.auth),
    };

    const schemaListeners: (() => Promise<void> | void)[] = [];
    const ctx: StackContext = { db, config, onSchemaChange: (l) => void schemaListeners.push(l) };
    const app = new Hono();
    app.use('*', supabaseCors);
    app.route('/rest/v1', await createRestApp(ctx));
    app.route('/auth/v1', await createAuthApp(ctx));
    const realtime = await attachRealtime(server, app, ctx);
    // Where a till served from this origin finds the API: the anon key is public by design,
    // and the PWA cannot know it at build time (it derives from the JWT secret).
    app.get('/lapak-config.json', (c) =>
      c.json({ url: config.url, anonKey: config.anonKey }, 200, { 'Cache-Control': 'no-store' }),
    );
    if (options.staticDir) mountStatic(app, resolve(options.staticDir));
    app.notFound((c) => c.json({ message: 'no Route matched with those values' }, 404));

    server.on('request', getRequestListener(app.fetch));
    const running = server;
    return {
      url,
      anonKey: config.anonKey,
      serviceRoleKey: config.serviceRoleKey,
      jwtSecret,
      db,
      migrations,
      async stop() {
        await realtime.stop();
        await new Promise<void>((done) => {
          running.close(() => done());
          running.closeAllConnections();
        });
        await db.close();
      },
    };
  } catch (err) {
    server?.close();
    await db.close().catch(() => undefined);
    throw err;
  }
}

function listen(port: number, host: string): Promise<Server> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      done(server);
    });
  });
}
