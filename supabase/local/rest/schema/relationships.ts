import { qualified, type Relationship, type Table } from './types';

export interface ForeignKey {
  name: string;
  table: Table;
  foreign: Table;
  /** (column of table, referenced column of foreign), in constraint order. */
  columns: [string, string][];
  /** The FK columns are exactly a primary key or unique constraint of `table`. */
  oneToOne: boolean;
}

/**
 * Every embeddable relationship, keyed by origin table: each FK gives a many-to-one (or
 * one-to-one) and its inverse, and a junction whose PK covers FKs to two tables gives a
 * many-to-many both ways (PostgREST SchemaCache.hs addInverseRels/addM2MRels).
 */
export function buildRelationships(fks: ForeignKey[]): Map<string, Relationship[]> {
  const rels: Relationship[] = [];
  for (const fk of fks) {
    const isSelf = fk.table === fk.foreign;
    rels.push({
      table: fk.table,
      foreign: fk.foreign,
      cardinality: fk.oneToOne ? 'o2o' : 'm2o',
      constraint: fk.name,
      columns: fk.columns,
      isSelf,
    });
    rels.push({
      table: fk.foreign,
      foreign: fk.table,
      cardinality: fk.oneToOne ? 'o2o' : 'o2m',
      constraint: fk.name,
      columns: fk.columns.map(([a, b]) => [b, a]),
      isSelf,
    });
  }
  const byTable = new Map<Table, ForeignKey[]>();
  for (const fk of fks) byTable.set(fk.table, [...(byTable.get(fk.table) ?? []), fk]);
  for (const [junction, own] of byTable) {
    const pk = new Set(junction.pk);
    for (const fk1 of own) {
      for (const fk2 of own) {
        if (fk1 === fk2) continue;
        const cols = [...fk1.columns, ...fk2.columns].map(([c]) => c);
        if (!cols.every((c) => pk.has(c))) continue;
        rels.push({
          table: fk1.foreign,
          foreign: fk2.foreign,
          cardinality: 'm2m',
          constraint: fk1.name,
          columns: [],
          junction: {
            table: junction,
            constraint1: fk1.name,
            columns1: fk1.columns.map(([j, o]) => [o, j]),
            constraint2: fk2.name,
            columns2: fk2.columns.map(([j, o]) => [o, j]),
          },
          isSelf: fk1.foreign === fk2.foreign,
        });
      }
    }
  }
  const map = new Map<string, Relationship[]>();
  for (const r of rels) {
    const key = qualified(r.table.schema, r.table.name);
    const list = map.get(key);
    if (list) list.push(r);
    else map.set(key, [r]);
  }
  return map;
}

const singleCol = (r: Relationship): [string, string] | undefined =>
  r.cardinality !== 'm2m' && r.columns.length === 1 ? r.columns[0] : undefined;

/**
 * The relationships `target` (optionally `!hint`) may name from `origin`, with PostgREST's rules
 * (Plan.hs findRel): a table name, an FK constraint name or an FK column name; a hint narrows by
 * constraint, column, referenced column or junction table. Self references have their own rules
 * so `parent(*)` and `children:t(*)` both resolve.
 */
export function matchRelationships(
  all: Relationship[],
  target: string,
  hint: string | undefined,
): Relationship[] {
  return all.filter((r) => {
    const col = singleCol(r);
    if (r.isSelf && r.cardinality !== 'm2m') {
      if (hint === undefined) {
        return (
          (target === r.foreign.name && r.cardinality === 'o2m') ||
          (col?.[0] === target && r.cardinality === 'm2o')
        );
      }
      return target === r.foreign.name && r.cardinality === 'o2m' && col?.[1] === hint;
    }
    if (hint === undefined) {
      return (
        target === r.foreign.name ||
        (!r.foreign.isView &&
          r.cardinality !== 'm2m' &&
          (target === r.constraint || col?.[0] === target))
      );
    }
    if (target !== r.foreign.name) return false;
    if (r.cardinality === 'm2m') return r.junction?.table.name === hint;
    return hint === r.constraint || col?.[0] === hint || col?.[1] === hint;
  });
}

export function isToOne(r: Relationship): boolean {
  return r.cardinality === 'm2o' || r.cardinality === 'o2o';
}

/** PostgREST's PGRST201 `details` entry for one candidate. */
export function describeRelationship(r: Relationship): Record<string, string> {
  const list = (cols: string[]) => `(${cols.join(', ')})`;
  const embedding = `${r.table.name} with ${r.foreign.name}`;
  if (r.cardinality === 'm2m' && r.junction) {
    const j = r.junction;
    return {
      cardinality: 'many-to-many',
      embedding,
      relationship: `${j.table.name} using ${j.constraint1}${list(j.columns1.map(([, c]) => c))} and ${j.constraint2}${list(j.columns2.map(([, c]) => c))}`,
    };
  }
  const names = { m2o: 'many-to-one', o2m: 'one-to-many', o2o: 'one-to-one', m2m: 'many-to-many' };
  return {
    cardinality: names[r.cardinality],
    embedding,
    relationship: `${r.constraint} using ${r.table.name}${list(r.columns.map(([a]) => a))} and ${r.foreign.name}${list(r.columns.map(([, b]) => b))}`,
  };
}

/** PostgREST's PGRST201 hint: `'owners!items_owner_id_fkey'`, one per candidate. */
export function relationshipHint(r: Relationship): string {
  return `'${r.foreign.name}!${r.cardinality === 'm2m' ? r.junction?.table.name : r.constraint}'`;
}
