import type { Database } from '../db/types';
import type { Authenticator } from './auth';
import { parseJsonBody, type ParsedBody } from './body';
import { fromDbError, invalidBody, PgrstError, queryParamError, type DbError } from './errors';
import { execute } from './execute';
import { negotiate, type Media } from './parse/accept';
import { QueryParamError } from './parse/cursor';
import { parsePrefer } from './parse/prefer';
import { columnsParam, NegativeLimitError } from './parse/query-params';
import { prepareRead, type RestRequest } from './prepare-read';
import { prepareRpc } from './prepare-rpc';
import { prepareWrite } from './prepare-write';
import type { Prepared } from './prepared';
import {
  cookiesJson,
  headersJson,
  isJsonContent,
  resourceOf,
  schemaOf,
  type Resource,
} from './request';
import type { RestResponse } from './respond';
import type { SchemaCache } from './schema/types';

export interface RestState {
  cache: SchemaCache;
  /** Prepared statements by request shape; cleared whenever the schema cache is reloaded. */
  prepared: Map<string, Prepared>;
}

const PREPARED_LIMIT = 2000;
const TABLE_METHODS = new Set(['GET', 'HEAD', 'POST', 'PATCH', 'DELETE']);
const RPC_METHODS = new Set(['GET', 'HEAD', 'POST']);

function toPgrstError(err: unknown, authed: boolean): PgrstError {
  if (err instanceof PgrstError) return err;
  if (err instanceof QueryParamError) return queryParamError(err.message, err.details);
  if (err instanceof NegativeLimitError) {
    return new PgrstError(416, 'PGRST103', 'Requested range not satisfiable', err.message);
  }
  const e = err as DbError;
  if (e && typeof e.code === 'string' && typeof e.message === 'string')
    return fromDbError(e, authed);
  console.error('[rest] unexpected error', err);
  return new PgrstError(500, 'PGRSTX00', err instanceof Error ? err.message : String(err));
}

export function errorResponse(err: PgrstError): Response {
  return new Response(err.body(), {
    status: err.status,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Proxy-Status': `PostgREST; error=${err.code}`,
      ...err.headers,
    },
  });
}

function toResponse(res: RestResponse, method: string, schema: string): Response {
  res.headers['Content-Profile'] = schema;
  return new Response(method === 'HEAD' ? null : res.body, {
    status: res.status,
    headers: res.headers,
  });
}

function methodError(resource: Resource, method: string): PgrstError {
  return resource.kind === 'rpc'
    ? new PgrstError(405, 'PGRST101', `Cannot use the ${method} method on RPC`)
    : new PgrstError(405, 'PGRST117', `Unsupported HTTP method: ${method}`);
}

interface Shape {
  method: string;
  resource: Resource & { name: string };
  schema: string;
  path: string;
  query: string;
  headers: Headers;
  media: Media;
  body: ParsedBody | null;
}

/** The prepared statement for this request shape, planned on first sight and then reused. */
function preparedFor(state: RestState, s: Shape): Prepared {
  const accept = s.headers.get('accept');
  const prefer = s.headers.get('prefer');
  const range = s.method === 'GET' ? s.headers.get('range') : null;
  const bodyKey = s.body ? `${s.body.isObject ? 'o' : 'a'}${s.body.keys.join('\u0002')}` : '';
  const key = [
    s.method,
    s.resource.kind,
    s.schema,
    s.path,
    s.query,
    accept,
    prefer,
    range,
    bodyKey,
  ].join('\u0001');
  let prep = state.prepared.get(key);
  if (prep) return prep;
  const rr: RestRequest = {
    method: s.method,
    name: s.resource.name,
    schema: s.schema,
    query: s.query,
    prefs: parsePrefer(prefer),
    media: s.media,
    range,
  };
  if (s.resource.kind === 'rpc') prep = prepareRpc(state.cache, rr, s.body);
  else if (s.method === 'GET' || s.method === 'HEAD') prep = prepareRead(state.cache, rr);
  else prep = prepareWrite(state.cache, rr, s.body);
  if (state.prepared.size >= PREPARED_LIMIT)
    state.prepared.delete(state.prepared.keys().next().value!);
  state.prepared.set(key, prep);
  return prep;
}

async function readBody(req: Request, query: string, isRpc: boolean): Promise<ParsedBody> {
  const contentType = req.headers.get('content-type');
  if (!isJsonContent(contentType)) throw invalidBody(`Content-Type not acceptable: ${contentType}`);
  return parseJsonBody(await req.text(), columnsParam(query), isRpc);
}

/**
 * One PostgREST request: authenticate, turn the URL/headers/body into a prepared statement
 * (cached by request shape), run it in a transaction as the request's role, answer.
 */
export async function handleRest(
  state: RestState,
  db: Database,
  auth: Authenticator,
  req: Request,
  path: string,
  query: string,
): Promise<Response> {
  const method = req.method;
  const headers = req.headers;
  let authed = false;
  try {
    const who = await auth.authenticate(headers, state.cache.roles);
    authed = who.authed;
    const resource = resourceOf(path);
    if (resource.kind === 'root') return rootResponse(state.cache);
    if (method === 'OPTIONS') return optionsResponse(resource);
    if (!(resource.kind === 'rpc' ? RPC_METHODS : TABLE_METHODS).has(method)) {
      throw methodError(resource, method);
    }
    const schema = schemaOf(method, headers);
    const { media, offered } = negotiate(headers.get('accept'));
    if (!media) {
      throw new PgrstError(
        406,
        'PGRST107',
        `None of these media types are available: ${offered.join(', ')}`,
      );
    }
    const body =
      method === 'POST' || method === 'PATCH'
        ? await readBody(req, query, resource.kind === 'rpc')
        : null;
    const prep = preparedFor(state, {
      method,
      resource,
      schema,
      path,
      query,
      headers,
      media,
      body,
    });
    const gucs = {
      schema,
      method,
      path,
      headersJson: headersJson(headers),
      cookiesJson: cookiesJson(headers.get('cookie')),
    };
    const timeout = state.cache.roles.settings.get(who.role)?.[0]?.[1];
    const res = await execute(db, prep, who, gucs, timeout, body?.raw ?? null);
    return toResponse(res, method, schema);
  } catch (err) {
    return errorResponse(toPgrstError(err, authed));
  }
}

function optionsResponse(resource: Resource): Response {
  const allow =
    resource.kind === 'rpc' ? 'OPTIONS,GET,HEAD,POST' : 'OPTIONS,GET,HEAD,POST,PATCH,DELETE';
  return new Response(null, { status: 200, headers: { Allow: allow } });
}

/** A minimal description of the schema at `/`, where PostgREST serves its OpenAPI document. */
function rootResponse(cache: SchemaCache): Response {
  const paths: Record<string, object> = { '/': {} };
  for (const t of cache.tables.values()) if (t.schema === 'public') paths[`/${t.name}`] = {};
  for (const [key] of cache.routines)
    if (key.startsWith('public.')) paths[`/rpc/${key.slice(7)}`] = {};
  const doc = { swagger: '2.0', info: { title: 'Lapak local REST', version: 'local' }, paths };
  return new Response(JSON.stringify(doc), {
    status: 200,
    headers: { 'Content-Type': 'application/openapi+json; charset=utf-8' },
  });
}
