import { PgrstError } from './errors';
import { EXPOSED_SCHEMAS } from './schema/load';

export type Resource =
  { kind: 'root' } | { kind: 'table'; name: string } | { kind: 'rpc'; name: string };

/** `/items` → table, `/rpc/fn` → function, `/` → the root; anything else is PGRST125. */
export function resourceOf(path: string): Resource {
  const segments = path.split('/').filter((s, i) => i > 0 || s !== '');
  if (segments.length && segments[segments.length - 1] === '') segments.pop();
  let names: string[];
  try {
    names = segments.map((s) => decodeURIComponent(s));
  } catch {
    throw invalidPath();
  }
  if (names.length === 0) return { kind: 'root' };
  if (names.length === 1) return { kind: 'table', name: names[0]! };
  if (names.length === 2 && names[0] === 'rpc') return { kind: 'rpc', name: names[1]! };
  throw invalidPath();
}

function invalidPath(): PgrstError {
  return new PgrstError(404, 'PGRST125', 'Invalid path specified in request URL');
}

/**
 * The schema a request targets: `Accept-Profile` for reads, `Content-Profile` for writes,
 * `public` by default (PostgREST ApiRequest.getSchema).
 */
export function schemaOf(method: string, headers: Headers): string {
  const profile =
    method === 'GET' || method === 'HEAD'
      ? headers.get('accept-profile')
      : headers.get('content-profile');
  if (profile === null) return EXPOSED_SCHEMAS[0]!;
  if (!EXPOSED_SCHEMAS.includes(profile)) {
    throw new PgrstError(
      406,
      'PGRST106',
      `Invalid schema: ${profile}`,
      null,
      `Only the following schemas are exposed: ${EXPOSED_SCHEMAS.join(', ')}`,
    );
  }
  return profile;
}

/** `request.headers`: lower-cased names, the cookie left out (it has its own GUC). */
export function headersJson(headers: Headers): string {
  const out: Record<string, string> = {};
  headers.forEach((value, key) => {
    if (key !== 'cookie') out[key] = value;
  });
  return JSON.stringify(out);
}

export function cookiesJson(header: string | null): string {
  if (!header) return '{}';
  const out: Record<string, string> = {};
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return JSON.stringify(out);
}

/** Content types accepted for bodies; PostgREST's JSON path covers these. */
export function isJsonContent(contentType: string | null): boolean {
  if (!contentType) return true;
  const mime = contentType.split(';')[0]!.trim().toLowerCase();
  return mime === 'application/json' || mime === '' || mime === '*/*';
}
