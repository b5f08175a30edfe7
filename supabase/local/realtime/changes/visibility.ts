import type { Queryable } from '../../db/types';
import type { Filter } from './params';
import type { Binding } from './registry';

/** Bindings whose subscribers share one set of claims (and so one RLS answer). */
export interface ClaimsGroup {
  role: string;
  claims: string;
  members: Binding[];
}

interface Wire {
  role: string;
  claims: string;
  sets: number[];
}

/**
 * Asks realtime.local_visibility which bindings may see a change: each distinct filter set is
 * evaluated once, each group's RLS check runs once. If a policy raises, the whole call fails;
 * the groups are then asked one by one so that only the failing one sees nothing.
 */
export async function visibleBindings(
  db: Queryable,
  relid: number,
  kind: string,
  rec: Record<string, unknown>,
  groups: ClaimsGroup[],
): Promise<Binding[]> {
  const sets: Filter[][] = [];
  const setIndex = new Map<string, number>();
  const wire: Wire[] = groups.map((g) => {
    const mine: number[] = [];
    for (const b of g.members) {
      let i = setIndex.get(b.filtersKey);
      if (i === undefined) {
        setIndex.set(b.filtersKey, (i = sets.length));
        sets.push(b.filters);
      }
      if (!mine.includes(i)) mine.push(i);
    }
    return { role: g.role, claims: g.claims, sets: mine };
  });

  const ask = async (list: Wire[]): Promise<boolean[][]> => {
    const res = await db.query<{ v: boolean[][] | string }>(
      'select realtime.local_visibility($1::oid::regclass, $2, $3::jsonb, $4::jsonb, $5::jsonb) as v',
      [relid, kind, JSON.stringify(rec), JSON.stringify(sets), JSON.stringify(list)],
    );
    const v = res.rows[0]?.v ?? [];
    return typeof v === 'string' ? (JSON.parse(v) as boolean[][]) : v;
  };

  let answers: boolean[][];
  try {
    answers = await ask(wire);
  } catch {
    answers = await Promise.all(
      wire.map((w) =>
        ask([w]).then(
          (a) => a[0] ?? [],
          () => [],
        ),
      ),
    );
  }

  const visible: Binding[] = [];
  groups.forEach((g, gi) => {
    const w = wire[gi]!;
    for (const b of g.members) {
      const pos = w.sets.indexOf(setIndex.get(b.filtersKey)!);
      if (answers[gi]?.[pos]) visible.push(b);
    }
  });
  return visible;
}
