import type { Queryable } from '../../db/types';
import type { Catalog, TableMeta } from './catalog';
import type { Binding, ChangeSubscriber, Registry } from './registry';
import { visibleBindings, type ClaimsGroup } from './visibility';

export type Row = Record<string, unknown>;

/** One captured change, as drained from realtime.changes. */
export interface ChangeRow {
  relid: number;
  kind: 'INSERT' | 'UPDATE' | 'DELETE';
  record: Row | null;
  old_record: Row | null;
  /** commit_timestamp, already formatted as hosted Realtime does. */
  ts: string;
}

export interface Delivery {
  subscriber: ChangeSubscriber;
  payloadJson: string;
}

function pick(row: Row | null, names: Iterable<string>): Row {
  const out: Row = {};
  if (!row) return out;
  for (const n of names) if (n in row) out[n] = row[n];
  return out;
}

/**
 * Decides who sees one change and what each sees (hosted: realtime.apply_rls). Filters and, for
 * INSERT/UPDATE on an RLS table, the row's visibility under each distinct set of claims are
 * checked in one database call; the payload is cut per role to the columns it may select.
 */
export async function planChange(
  db: Queryable,
  catalog: Catalog,
  registry: Registry,
  row: ChangeRow,
): Promise<Delivery[]> {
  const bindings = registry.matching(row.relid, row.kind);
  if (bindings.length === 0) return [];
  const meta = await catalog.table(row.relid);
  if (!meta) return [];

  const old = row.old_record ? pick(row.old_record, meta.identity) : null;
  const roles = [...new Set(bindings.map((b) => b.subscriber.role))];
  const selectable = new Map(
    await Promise.all(roles.map(async (r) => [r, await catalog.columnsFor(row.relid, r)] as const)),
  );
  const errorFor = (role: string): string | null => {
    if (row.kind === 'DELETE') return null;
    if (meta.pk.length === 0) return 'Error 400: Bad Request, no primary key';
    const cols = selectable.get(role)!;
    return meta.pk.every((k) => cols.has(k)) ? null : 'Error 401: Unauthorized';
  };

  const rlsApplies = meta.rls && row.kind !== 'DELETE';
  const visible: Binding[] = [];
  const groups = new Map<string, ClaimsGroup>();
  for (const b of bindings) {
    const { role, claimsJson } = b.subscriber;
    if (errorFor(role) !== null || (b.filters.length === 0 && !rlsApplies)) {
      visible.push(b);
      continue;
    }
    let g = groups.get(claimsJson);
    if (!g) groups.set(claimsJson, (g = { role, claims: claimsJson, members: [] }));
    g.members.push(b);
  }
  if (groups.size > 0) {
    const rec = row.kind === 'DELETE' ? (old ?? {}) : (row.record ?? {});
    visible.push(...(await visibleBindings(db, row.relid, row.kind, rec, [...groups.values()])));
  }

  // One message per subscriber and distinct payload, listing the ids of its bindings it serves.
  const payloads = new Map<string, string>();
  const out = new Map<ChangeSubscriber, Map<string, { ids: number[]; data: string }>>();
  for (const b of visible) {
    const role = b.subscriber.role;
    const dataKey = `${role}\u0000${b.select?.join(',') ?? '*'}`;
    let data = payloads.get(dataKey);
    if (data === undefined) {
      data = JSON.stringify(
        buildData(meta, row, old, selectable.get(role)!, b.select, errorFor(role)),
      );
      payloads.set(dataKey, data);
    }
    let mine = out.get(b.subscriber);
    if (!mine) out.set(b.subscriber, (mine = new Map()));
    let entry = mine.get(dataKey);
    if (!entry) mine.set(dataKey, (entry = { ids: [], data }));
    if (!entry.ids.includes(b.id)) entry.ids.push(b.id);
  }
  const deliveries: Delivery[] = [];
  for (const [subscriber, mine] of out)
    for (const e of mine.values())
      deliveries.push({
        subscriber,
        payloadJson: `{"ids":${JSON.stringify(e.ids)},"data":${e.data}}`,
      });
  return deliveries;
}

function buildData(
  meta: TableMeta,
  row: ChangeRow,
  old: Row | null,
  selectable: Set<string>,
  select: string[] | null,
  error: string | null,
): Row {
  const base: Row = {
    schema: meta.schema,
    table: meta.table,
    commit_timestamp: row.ts,
    type: row.kind,
  };
  if (error) return { ...base, columns: [], errors: [error] };
  const kept = meta.columns.filter(
    (c) => selectable.has(c.name) && (select === null || select.includes(c.name) || c.pk),
  );
  const names = kept.map((c) => c.name);
  const data: Row = {
    ...base,
    columns: kept.map(({ name, type }) => ({ name, type })),
    errors: null,
  };
  if (row.kind !== 'DELETE') data.record = pick(row.record, names);
  if (row.kind === 'UPDATE') data.old_record = pick(old, names);
  // With RLS on, a DELETE cannot be checked against policies, so it reveals only the key.
  if (row.kind === 'DELETE')
    data.old_record = pick(old, meta.rls ? names.filter((n) => meta.pk.includes(n)) : names);
  return data;
}
