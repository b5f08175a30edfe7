import type { MiddlewareHandler } from 'hono';

const ALLOW_METHODS = 'GET,HEAD,POST,PUT,PATCH,DELETE,OPTIONS';
const EXPOSE_HEADERS = [
  'Content-Encoding',
  'Content-Location',
  'Content-Range',
  'Content-Type',
  'Date',
  'Location',
  'Server',
  'Transfer-Encoding',
  'Range-Unit',
  'X-Total-Count',
  'X-Supabase-Api-Version',
  'x-sb-error-code',
  'Link',
  'Proxy-Status',
].join(',');

/**
 * CORS as Supabase's gateway answers it: any origin, the caller's requested headers, and the
 * response headers supabase-js must read from a browser (counts, auth API version, pagination).
 *
 * The headers are added to the handler's own response afterwards. Touching `c.res` before the
 * handler runs (as hono/cors does) makes Hono copy every response into a new one to merge the
 * headers in, which costs the REST hot path more than the request's own work.
 */
export const supabaseCors: MiddlewareHandler = async (c, next) => {
  const origin = c.req.header('origin') || '*';
  if (c.req.method === 'OPTIONS') {
    const headers: Record<string, string> = {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Credentials': 'true',
      'Access-Control-Expose-Headers': EXPOSE_HEADERS,
      'Access-Control-Allow-Methods': ALLOW_METHODS,
      'Access-Control-Max-Age': '86400',
      Vary: 'Origin',
    };
    const requested = c.req.header('access-control-request-headers');
    if (requested) {
      headers['Access-Control-Allow-Headers'] = requested
        .split(',')
        .map((h) => h.trim())
        .join(',');
      headers.Vary = 'Origin, Access-Control-Request-Headers';
    }
    return new Response(null, { status: 204, headers });
  }
  await next();
  let headers = c.res.headers;
  try {
    headers.set('Access-Control-Allow-Origin', origin);
  } catch {
    // A response whose headers are immutable (one passed through from fetch) is copied once.
    c.res = new Response(c.res.body, c.res);
    headers = c.res.headers;
    headers.set('Access-Control-Allow-Origin', origin);
  }
  headers.set('Access-Control-Allow-Credentials', 'true');
  headers.set('Access-Control-Expose-Headers', EXPOSE_HEADERS);
  headers.append('Vary', 'Origin');
};
