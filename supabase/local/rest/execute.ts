import type { Database, Queryable } from '../db/types';
import type { AuthResult } from './auth';
import type { Prepared, ResultRow } from './prepared';
import { respond, type RestResponse } from './respond';

/** What PostgREST tells SQL about the request (PreQuery.hs), besides the role and claims. */
export interface RequestGucs {
  /** The exposed schema the request targets; it leads the search_path. */
  schema: string;
  method: string;
  path: string;
  headersJson: string;
  cookiesJson: string;
}

// PostgREST puts the request's schema first, then db-extra-search-path (Supabase: public, extensions).
const searchPath = (schema: string) =>
  schema === 'public' ? '"public", "extensions"' : `"${schema}", "public", "extensions"`;

// One round trip sets everything the request's SQL and RLS policies may read, local to the
// transaction: the role (never the connection's superuser), the verified claims, the request.
const SETTINGS_SQL =
  "select set_config('search_path', $1, true), set_config('role', $2, true), " +
  "set_config('request.jwt.claims', $3, true), set_config('request.method', $4, true), " +
  "set_config('request.path', $5, true), set_config('request.headers', $6, true), " +
  "set_config('request.cookies', $7, true)";

/** The settings statement plus extra local GUCs (names are constants, values bound). */
const settingsSqlCache = new Map<string, string>();
function settingsSql(extra: string[]): string {
  const key = extra.join(',');
  let sql = settingsSqlCache.get(key);
  if (sql === undefined) {
    sql =
      SETTINGS_SQL + extra.map((name, i) => `, set_config('${name}', $${8 + i}, true)`).join('');
    settingsSqlCache.set(key, sql);
  }
  return sql;
}

/**
 * On PostgreSQL every statement is a named prepared one, and planning an RLS query costs more
 * than running it (an `select … limit 20` plans in ~3× its execution time). PostgreSQL's
 * default would re-plan each time because a bound LIMIT makes the generic plan look costlier,
 * so the generic plan is asked for: built once per connection and statement, results unchanged.
 */
const GENERIC_PLANS: [string, string] = ['plan_cache_mode', 'force_generic_plan'];

// Named statements spare PostgreSQL a parse (and often a plan) per request. A name always maps to
// one SQL text; past the limit, rarer request shapes simply run unnamed.
const statementNames = new Map<string, string>();
const NAMED_LIMIT = 1000;
let generation = 0;

/**
 * After a schema change the same SQL text may need other parameter types, so statements
 * prepared before it are never reused: new names start a new generation.
 */
export function forgetStatements(): void {
  statementNames.clear();
  generation++;
}

function named(sql: string): { name?: string } {
  let name = statementNames.get(sql);
  if (name === undefined && statementNames.size < NAMED_LIMIT) {
    name = `pgrst_${generation}_${statementNames.size + 1}`;
    statementNames.set(sql, name);
  }
  return name === undefined ? {} : { name };
}

/**
 * Whether the request can commit in the same round trip as it runs: respond() may refuse a result
 * only for singular media, a strict max-affected, a range past the end, or response GUCs set by
 * SQL; a write with any of those must be able to roll back after its row was seen.
 */
function oneRoundTrip(prep: Prepared): boolean {
  if (prep.explain || prep.prefs.tx === 'rollback') return false;
  if (prep.readOnly) return true;
  return prep.media.kind !== 'singular' && prep.maxAffected === undefined && prep.offset === 0;
}

// Runs after a write in the same pipeline: a write that set response GUCs fails here (and so
// rolls back) with an error nothing else raises, so it can be run again on the careful path.
const GUARD_TOKEN = 'lapak.response_gucs_set';
const GUARD = {
  sql:
    "select case when coalesce(current_setting('response.headers', true), '') = '' " +
    "and coalesce(current_setting('response.status', true), '') = '' then 0 " +
    // Not a constant, or the planner would fold the failing cast before any row is seen.
    `else (coalesce(current_setting('response.status', true), '') || ' ${GUARD_TOKEN}')::int end`,
  params: [],
  name: 'lapak_response_guard',
};
const isGuardError = (err: unknown) =>
  (err as { code?: string }).code === '22P02' &&
  String((err as { message?: string }).message).includes(GUARD_TOKEN);

class Rollback {
  constructor(readonly response: RestResponse) {}
}

async function plannedRows(
  tx: Queryable,
  explain: NonNullable<Prepared['explain']>,
): Promise<number | null> {
  const { rows } = await tx.query<Record<string, unknown>>(explain.sql, explain.params);
  const first = rows[0] ? Object.values(rows[0])[0] : undefined;
  const plan = typeof first === 'string' ? JSON.parse(first) : first;
  const n = (plan as { Plan?: { 'Plan Rows'?: number } }[] | undefined)?.[0]?.Plan?.['Plan Rows'];
  return typeof n === 'number' ? n : null;
}

/**
 * Runs a prepared request in one transaction, read-only for reads and stable calls. Errors and
 * singular/max-affected violations roll back; `Prefer: tx=rollback` rolls back a success too.
 */
export async function execute(
  db: Database,
  prep: Prepared,
  auth: AuthResult,
  gucs: RequestGucs,
  timeout: string | undefined,
  body: string | null,
): Promise<RestResponse> {
  let params = prep.params;
  if (prep.bodyParam !== undefined) {
    params = prep.params.slice();
    params[prep.bodyParam] = body;
  }
  const settings = [
    searchPath(gucs.schema),
    auth.role,
    auth.claimsJson,
    gucs.method,
    gucs.path,
    gucs.headersJson,
    gucs.cookiesJson,
  ];
  const extra: string[] = [];
  if (timeout !== undefined) {
    extra.push('statement_timeout');
    settings.push(timeout);
  }
  if (db.kind === 'postgres') {
    extra.push(GENERIC_PLANS[0]);
    settings.push(GENERIC_PLANS[1]);
  }
  const setSql = settingsSql(extra);
  if (oneRoundTrip(prep)) {
    // The common case: settings and statement in one round trip that also commits, so a call
    // that locks hot rows (stock levels in sync_push) releases them as soon as it is done.
    const statements = [
      { sql: setSql, params: settings, ...named(setSql) },
      { sql: prep.sql, params, ...named(prep.sql) },
    ];
    if (!prep.readOnly) statements.push(GUARD);
    try {
      const [, main] = await db.pipeline(statements, { readOnly: prep.readOnly });
      return respond(prep, main!.rows[0] as unknown as ResultRow, null);
    } catch (err) {
      // The write set response GUCs, which respond() may refuse only after the fact: it has been
      // rolled back, and runs again below where a refusal can still roll it back.
      if (!isGuardError(err)) throw err;
    }
  }
  try {
    return await db.transaction(
      async (tx) => {
        await tx.query(setSql, settings, named(setSql));
        const { rows } = await tx.query<ResultRow>(prep.sql, params, named(prep.sql));
        const planned = prep.explain ? await plannedRows(tx, prep.explain) : null;
        const res = respond(prep, rows[0]!, planned);
        if (prep.prefs.tx === 'rollback') {
          await tx.query('SET CONSTRAINTS ALL IMMEDIATE');
          throw new Rollback(res);
        }
        return res;
      },
      { readOnly: prep.readOnly },
    );
  } catch (err) {
    if (err instanceof Rollback) return err.response;
    throw err;
  }
}
