/**
 * Errors as PostgREST answers them (Error.hs): `{code, message, details, hint}` with nulls for
 * missing parts, `Proxy-Status: PostgREST; error=<code>`, and SQLSTATE → HTTP status.
 */
export class PgrstError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
    readonly hint: unknown = null,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'PgrstError';
  }

  body(): string {
    return JSON.stringify({
      code: this.code,
      details: this.details,
      hint: this.hint,
      message: this.message,
    });
  }
}

export const queryParamError = (message: string, details: string) =>
  new PgrstError(400, 'PGRST100', message, details);

export const invalidBody = (message: string) => new PgrstError(400, 'PGRST102', message);

export const tableNotFound = (schema: string, name: string, suggestion?: string) =>
  new PgrstError(
    404,
    'PGRST205',
    `Could not find the table '${schema}.${name}' in the schema cache`,
    null,
    suggestion ? `Perhaps you meant the table '${schema}.${suggestion}'` : null,
  );

export const columnNotFound = (table: string, column: string) =>
  new PgrstError(
    400,
    'PGRST204',
    `Could not find the '${column}' column of '${table}' in the schema cache`,
  );

/** What PostgreSQL says for an unknown column in a query; PostgREST passes it through. */
export const undefinedColumn = (relation: string, column: string) =>
  new PgrstError(400, '42703', `column ${relation}.${column} does not exist`);

export const singularityError = (rows: number) =>
  new PgrstError(
    406,
    'PGRST116',
    'Cannot coerce the result to a single JSON object',
    `The result contains ${rows} rows`,
  );

export const notEmbedded = (name: string) =>
  new PgrstError(
    400,
    'PGRST108',
    `'${name}' is not an embedded resource in this request`,
    null,
    `Verify that '${name}' is included in the 'select' query parameter.`,
  );

export const aggregatesNotAllowed = () =>
  new PgrstError(400, 'PGRST123', 'Use of aggregate functions is not allowed');

export interface DbError {
  code?: string;
  message?: string;
  detail?: string;
  hint?: string;
}

function sqlStateStatus(code: string, message: string, authed: boolean): number {
  const p2 = code.slice(0, 2);
  switch (code) {
    case '23503':
    case '23505':
      return 409;
    case '25006':
      return 405;
    case '21000':
      return message.endsWith('requires a WHERE clause') ? 400 : 500;
    case '22023':
      return message.startsWith('role') && message.endsWith('does not exist') ? 401 : 400;
    case '53400':
      return 500;
    case '57P01':
      return 503;
    case 'P0001':
      return 400;
    case '42883':
      return message.startsWith('function xmlagg(') ? 406 : 404;
    case '42P01':
      return 404;
    case '42P17':
      return 500;
    case '42501':
      return authed ? 403 : 401;
  }
  if (p2 === '08' || p2 === '53') return 503;
  if (p2 === '0L' || p2 === '0P' || p2 === '28') return 403;
  if (
    [
      '09',
      '25',
      '2D',
      '38',
      '39',
      '3B',
      '40',
      '54',
      '55',
      '57',
      '58',
      'F0',
      'HV',
      'P0',
      'XX',
    ].includes(p2)
  )
    return 500;
  if (p2 === 'PT') {
    const n = Number(code.slice(2));
    return Number.isInteger(n) && n >= 100 && n <= 599 ? n : 500;
  }
  return 400;
}

function raisedPgrst(e: DbError): PgrstError {
  const parseFailure = (details: string, hint: string) =>
    new PgrstError(
      500,
      'PGRST121',
      `Could not parse JSON in the "RAISE SQLSTATE 'PGRST'" error`,
      details,
      hint,
    );
  const msgHint =
    "MESSAGE must be a JSON object with obligatory keys: 'code', 'message' and optional keys: 'details', 'hint'.";
  const detHint =
    "DETAIL must be a JSON object with obligatory keys: 'status', 'headers' and optional key: 'status_text'.";
  let msg: { code?: unknown; message?: unknown; details?: unknown; hint?: unknown };
  try {
    msg = JSON.parse(e.message ?? '');
    if (
      typeof msg !== 'object' ||
      msg === null ||
      typeof msg.code !== 'string' ||
      typeof msg.message !== 'string'
    ) {
      throw new Error('shape');
    }
  } catch {
    return parseFailure(`Invalid JSON value for MESSAGE: '${e.message ?? ''}'`, msgHint);
  }
  if (e.detail === undefined || e.detail === null)
    return parseFailure('DETAIL is missing in the RAISE statement', detHint);
  let det: { status?: unknown; headers?: unknown };
  try {
    det = JSON.parse(e.detail);
    if (
      typeof det !== 'object' ||
      det === null ||
      typeof det.status !== 'number' ||
      typeof det.headers !== 'object'
    ) {
      throw new Error('shape');
    }
  } catch {
    return parseFailure(`Invalid JSON value for DETAIL: '${e.detail}'`, detHint);
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries((det.headers ?? {}) as Record<string, unknown>))
    headers[k] = String(v);
  return new PgrstError(
    det.status as number,
    msg.code as string,
    msg.message as string,
    msg.details ?? null,
    msg.hint ?? null,
    headers,
  );
}

/** A database error as PostgREST reports it; `authed` is "the role is not anon". */
export function fromDbError(e: DbError, authed: boolean): PgrstError {
  const code = e.code ?? 'XX000';
  if (code === 'PGRST') return raisedPgrst(e);
  const message = e.message ?? 'unknown database error';
  const status = sqlStateStatus(code, message, authed);
  const headers: Record<string, string> = status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {};
  return new PgrstError(status, code, message, e.detail ?? null, e.hint ?? null, headers);
}
