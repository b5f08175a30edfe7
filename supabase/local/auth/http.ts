import { isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { z } from 'zod';
import { AuthCode, badRequest } from './errors';

/** GoTrue caps request bodies at 1 MB (internal/api/api.go limitRequestBody). */
const MAX_BODY_BYTES = 1 << 20;

/**
 * Reads and validates a JSON body. GoTrue answers both unparsable JSON and a field of the wrong
 * type (json.Unmarshal fails on either) with 400 bad_json; rule violations come later as
 * validation_failed. `allowEmpty` is for the one endpoint whose body is optional (admin DELETE).
 */
export async function readBody<S extends z.ZodType>(
  c: Context,
  schema: S,
  { allowEmpty = false }: { allowEmpty?: boolean } = {},
): Promise<z.output<S>> {
  const text = await c.req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
    throw badRequest(
      AuthCode.validationFailed,
      `Request body too large (max ${MAX_BODY_BYTES} bytes)`,
    );
  }
  let raw: unknown = {};
  if (text.trim() !== '' || !allowEmpty) {
    try {
      raw = JSON.parse(text);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw badRequest(AuthCode.badJson, `Could not parse request body as JSON: ${why}`);
    }
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    throw badRequest(
      AuthCode.badJson,
      `Could not parse request body as JSON: ${where}${issue?.message ?? 'invalid body'}`,
    );
  }
  return parsed.data;
}

/**
 * The peer address of the TCP connection. X-Forwarded-For is deliberately ignored: the local
 * stack is reached directly (no proxy in front), so any client could forge that header to dodge
 * the per-IP sign-in limit.
 */
export function clientIp(c: Context): string | null {
  try {
    const address = getConnInfo(c).remote.address;
    return address && isIP(address) ? address : null;
  } catch {
    // Requests dispatched without a Node socket (app.request in unit tests) have no peer.
    return null;
  }
}
