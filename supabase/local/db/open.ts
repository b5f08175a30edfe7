import { resolve } from 'node:path';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';
import type { Database } from './types';

/** `memory`, a postgres:// URL, or a directory for file-backed PGlite. */
export function openDatabase(spec: string): Promise<Database> {
  if (spec === 'memory') return openPglite(undefined);
  if (/^postgres(ql)?:\/\//.test(spec)) return openPostgres(spec);
  return openPglite(resolve(spec));
}
