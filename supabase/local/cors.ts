import { cors } from 'hono/cors';

/**
 * CORS as Supabase's gateway answers it: any origin, the caller's requested headers, and the
 * response headers supabase-js must read from a browser (counts, auth API version, pagination).
 */
export const supabaseCors = cors({
  origin: (origin) => origin || '*',
  allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
  exposeHeaders: [
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
  ],
  credentials: true,
  maxAge: 86400,
});
