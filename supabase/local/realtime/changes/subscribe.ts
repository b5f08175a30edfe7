import type { Queryable } from '../../db/types';
import type { Catalog } from './catalog';
import { describeParams, parseChangeParams } from './params';
import type { Binding, ChangeSubscriber, Registry } from './registry';

export type SubscribeResult = { ok: boolean; message: string };

const UNABLE = 'Unable to subscribe to changes with given parameters.';

function pgError(err: unknown): string {
  const e = err as { code?: string; message?: string };
  return `ERROR ${e.code ?? 'XX000'} ${e.message ?? String(err)}`;
}

/**
 * Validates a channel's postgres_changes bindings against the publication and the subscriber's
 * column privileges, then registers them all or none (hosted Realtime inserts them into
 * realtime.subscription in one transaction). The outcome becomes the `system` message.
 */
export async function subscribeBindings(
  db: Queryable,
  catalog: Catalog,
  registry: Registry,
  subscriber: ChangeSubscriber,
  bindings: { raw: unknown; id: number }[],
): Promise<SubscribeResult> {
  const planned: { relid: number; b: Binding }[] = [];
  for (const { raw, id } of bindings) {
    const parsed = parseChangeParams(raw);
    if (!parsed.ok) return { ok: false, message: parsed.message };
    const p = parsed.params;
    const tables = await catalog.published(p.schema, p.table);
    if (tables.length === 0)
      return {
        ok: false,
        message: `${UNABLE} Please check Realtime is enabled for the given connect parameters: [${describeParams(p)}]`,
      };
    for (const t of tables) {
      try {
        await db.query(
          'select realtime.local_check_subscription($1::oid::regclass, $2, $3::jsonb, $4::text[])',
          [t.relid, subscriber.role, JSON.stringify(p.filters), p.select],
        );
      } catch (err) {
        return {
          ok: false,
          message: `${UNABLE} An exception happened so please check your connect parameters: [${describeParams(p)}]. Exception: ${pgError(err)}`,
        };
      }
      const filtersKey = JSON.stringify(p.filters);
      planned.push({
        relid: t.relid,
        b: { id, subscriber, event: p.event, filters: p.filters, filtersKey, select: p.select },
      });
    }
  }
  // The channel may have closed while the checks ran; registering it then would leak.
  if (!subscriber.closed) for (const { relid, b } of planned) registry.add(relid, b);
  return { ok: true, message: 'Subscribed to PostgreSQL' };
}
