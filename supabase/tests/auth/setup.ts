import { fileURLToPath } from 'node:url';
import type { AuthSettings } from '../../local/config';
import type { RunningStack } from '../../local/stack';

/** A project whose migration references auth.users and whose seed inserts a login, as apps do. */
export const FIXTURE_DIR = fileURLToPath(new URL('./fixture', import.meta.url));

/** bcrypt's minimum cost keeps the suites fast; production uses 10. */
export const FAST: Partial<AuthSettings> = { bcryptCost: 4 };

export const SEED_USER = { email: 'seed@lapak.test', password: 'seed-password' };

export interface RawOptions {
  method?: string;
  body?: unknown;
  bearer?: string | null;
  /** The auth-js header; null sends none (a legacy client). */
  apiVersion?: string | null;
  headers?: Record<string, string>;
}

/** A request below supabase-js, for what the client hides: status lines, headers, raw bodies. */
export async function rawAuth(stack: RunningStack, path: string, opts: RawOptions = {}) {
  const headers: Record<string, string> = { apikey: stack.anonKey, ...opts.headers };
  if (opts.apiVersion !== null) headers['X-Supabase-Api-Version'] = opts.apiVersion ?? '2024-01-01';
  if (opts.bearer) headers.Authorization = `Bearer ${opts.bearer}`;
  if (opts.bearer === null) delete headers.apikey;
  let body: string | undefined;
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
  }
  const res = await fetch(`${stack.url}/auth/v1${path}`, {
    method: opts.method ?? 'GET',
    headers,
    ...(body !== undefined && { body }),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    json: text ? (JSON.parse(text) as Record<string, unknown>) : null,
  };
}
