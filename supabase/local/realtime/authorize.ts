import type { Database, Queryable } from '../db/types';
import type { RealtimeClaims } from './token';

export type Extension = 'broadcast' | 'presence';

/** Who asks, about which channel (its name without `realtime:`). */
export interface AuthRequest {
  topic: string;
  claims: RealtimeClaims;
}

class RolledBack<T> extends Error {
  constructor(readonly value: T) {
    super('rolled back');
  }
}

/** Runs `fn` in a transaction that is always rolled back: the checks write probe rows. */
async function probe<T>(db: Database, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  try {
    await db.transaction(async (tx) => {
      throw new RolledBack(await fn(tx));
    });
  } catch (err) {
    if (err instanceof RolledBack) return err.value as T;
    throw err;
  }
  throw new Error('unreachable');
}

/**
 * The settings a realtime.messages policy can read (supabase/realtime
 * Realtime.Tenants.Authorization.set_conn_config): the role, realtime.topic() and the claims.
 */
function assume(tx: Queryable, req: AuthRequest) {
  const { claims } = req;
  return tx.query(
    `select set_config('role', $1, true), set_config('realtime.topic', $2, true),
            set_config('request.jwt.claims', $3, true), set_config('request.jwt.claim.sub', $4, true),
            set_config('request.jwt.claim.role', $1, true)`,
    [
      claims.role,
      req.topic,
      JSON.stringify(claims),
      typeof claims.sub === 'string' ? claims.sub : '',
    ],
  );
}

/**
 * Receive permission for a private channel, as hosted Realtime decides it: probe rows for the
 * topic are written with full rights, then read back as the user; a row the select policies let
 * through grants that extension. Any error (an unknown role, a policy that raises) denies.
 */
export async function readPolicies(
  db: Database,
  req: AuthRequest,
  extensions: Extension[],
): Promise<Record<Extension, boolean>> {
  const out: Record<Extension, boolean> = { broadcast: false, presence: false };
  try {
    const seen = await probe(db, async (tx) => {
      const ins = await tx.query<{ id: string; extension: Extension }>(
        `insert into realtime.messages (topic, extension)
         select $1, e from unnest($2::text[]) as e returning id::text, extension`,
        [req.topic, extensions],
      );
      await assume(tx, req);
      const ids = ins.rows.map((r) => r.id);
      const res = await tx.query<{ extension: Extension }>(
        'select extension from realtime.messages where id = any($1::uuid[])',
        [ids],
      );
      return res.rows.map((r) => r.extension);
    });
    for (const e of seen) out[e] = true;
  } catch {
    // Denied: hosted answers a failing policy with the same "no permission" reason.
  }
  return out;
}

/**
 * Send permission: insert a probe row as the user, the way hosted Realtime does (insert
 * policies). A row-level-security refusal (42501), or any other error, means no.
 */
export async function writePolicy(db: Database, req: AuthRequest, extension: Extension) {
  try {
    return await probe(db, async (tx) => {
      await assume(tx, req);
      await tx.query('insert into realtime.messages (topic, extension) values ($1, $2)', [
        req.topic,
        extension,
      ]);
      return true;
    });
  } catch {
    return false;
  }
}
