import { Hono } from 'hono';
import type { StackContext } from '../context';

// Temporary until the GoTrue layer lands.
export async function createAuthApp(_ctx: StackContext): Promise<Hono> {
  const app = new Hono();
  app.get('/health', (c) => c.json({ version: 'lapak-local', name: 'GoTrue' }));
  return app;
}
