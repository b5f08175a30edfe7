import { Hono } from 'hono';
import type { StackContext } from '../context';
import { Authenticator } from './auth';
import { forgetStatements } from './execute';
import { handleRest, type RestState } from './handler';
import { loadSchemaCache } from './schema/load';

/** Where stack.ts mounts this app; request paths are relative to it, as PostgREST sees them. */
const BASE = '/rest/v1';

/**
 * PostgREST's behaviour for everything supabase-js sends to `/rest/v1`. The schema cache is
 * read at boot, after migrations, and on `NOTIFY pgrst, 'reload schema'` as PostgREST does.
 */
export async function createRestApp(ctx: StackContext): Promise<Hono> {
  const state: RestState = { cache: await loadSchemaCache(ctx.db), prepared: new Map() };
  const auth = new Authenticator(ctx.config.jwtSecret);
  const reload = async () => {
    state.cache = await loadSchemaCache(ctx.db);
    state.prepared.clear();
    auth.clear();
    forgetStatements();
  };
  ctx.onSchemaChange(reload);
  await ctx.db.listen('pgrst', (payload) => {
    if (payload === '' || payload === 'reload schema') {
      reload().catch((err) => console.error('[rest] schema cache reload failed', err));
    }
  });
  const app = new Hono();
  app.all('*', (c) => {
    const url = c.req.url;
    const q = url.indexOf('?');
    const start = url.indexOf('/', url.indexOf('//') + 2);
    const fullPath = url.slice(start, q < 0 ? undefined : q);
    const path = fullPath.startsWith(BASE) ? fullPath.slice(BASE.length) || '/' : fullPath;
    return handleRest(state, ctx.db, auth, c.req.raw, path, q < 0 ? '' : url.slice(q + 1));
  });
  return app;
}
