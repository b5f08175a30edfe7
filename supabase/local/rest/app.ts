import { Hono } from 'hono';
import type { StackContext } from '../context';

// Temporary until the PostgREST layer lands.
export async function createRestApp(_ctx: StackContext): Promise<Hono> {
  return new Hono();
}
