import { aggregatesNotAllowed, PgrstError, undefinedColumn } from '../errors';
import type { SelectItem } from '../parse/types';
import {
  describeRelationship,
  isToOne,
  matchRelationships,
  relationshipHint,
} from '../schema/relationships';
import { qualified, type Relationship, type SchemaCache, type Table } from '../schema/types';
import { ident, tableRef } from '../sql/ident';
import { closest } from './fuzzy';
import type { Embed, PlannedSelect, ReadNode } from './types';

export interface Location {
  from: string;
  ref: string;
  relName: string;
}

export function rootLocation(table: Table): Location {
  return { from: tableRef(table), ref: tableRef(table), relName: table.name };
}

/** Mutations and RPC calls read their rows back from the `pgrst_source` CTE under the table's name. */
export function sourceLocation(name: string): Location {
  return { from: `"pgrst_source" AS ${ident(name)}`, ref: ident(name), relName: name };
}

function noRelationship(
  cache: SchemaCache,
  schema: string,
  origin: Table,
  target: string,
  hint?: string,
) {
  const rels = cache.relationships.get(qualified(origin.schema, origin.name)) ?? [];
  const suggestion = closest(target, new Set(rels.map((r) => r.foreign.name)));
  return new PgrstError(
    400,
    'PGRST200',
    `Could not find a relationship between '${origin.name}' and '${target}' in the schema cache`,
    `Searched for a foreign key relationship between '${origin.name}' and '${target}'${hint === undefined ? '' : ` using the hint '${hint}'`} in the schema '${schema}', but no matches were found.`,
    suggestion ? `Perhaps you meant '${suggestion}' instead of '${target}'.` : null,
  );
}

function ambiguous(origin: Table, target: string, rels: Relationship[]) {
  return new PgrstError(
    300,
    'PGRST201',
    `Could not embed because more than one relationship was found for '${origin.name}' and '${target}'`,
    rels.map(describeRelationship),
    `Try changing '${target}' to one of the following: ${rels.map(relationshipHint).join(', ')}. Find the desired relationship in the 'details' key.`,
  );
}

export function castSql(cache: SchemaCache, cast: string): string {
  const sql = cache.castTypes.get(cast.toLowerCase().replace(/\s+/g, ' '));
  if (!sql) throw new PgrstError(400, '42704', `type "${cast}" does not exist`);
  return sql;
}

function planField(
  cache: SchemaCache,
  table: Table,
  relName: string,
  item: SelectItem & { kind: 'field' },
): PlannedSelect {
  if (item.aggregate) throw aggregatesNotAllowed();
  const planned: PlannedSelect = { field: item.field };
  if (item.field.name !== '*') {
    const column = table.columns.get(item.field.name);
    if (!column) throw undefinedColumn(relName, item.field.name);
    planned.column = column;
  }
  if (item.cast !== undefined) planned.castSql = castSql(cache, item.cast);
  const last = item.field.path[item.field.path.length - 1];
  if (item.alias !== undefined) planned.alias = item.alias;
  else if (last) {
    // Like PostgREST, `data->a->>b` is named `b`; an index falls back to the last key or column.
    const lastKey = [...item.field.path].reverse().find((op) => !op.index);
    planned.alias = !last.index ? last.key : (lastKey?.key ?? item.field.name);
  }
  return planned;
}

function joinConditions(
  rel: Relationship,
  parentRef: string,
  childRef: string,
  junctionRef: string,
): string[] {
  if (rel.cardinality === 'm2m' && rel.junction) {
    const j = rel.junction;
    return [
      ...j.columns2.map(([fc, jc]) => `${junctionRef}.${ident(jc)} = ${childRef}.${ident(fc)}`),
      ...j.columns1.map(([oc, jc]) => `${junctionRef}.${ident(jc)} = ${parentRef}.${ident(oc)}`),
    ];
  }
  return rel.columns.map(([c, fc]) => `${childRef}.${ident(fc)} = ${parentRef}.${ident(c)}`);
}

function isEmpty(node: ReadNode): boolean {
  return node.select.length === 0 && node.embeds.every((e) => e.empty);
}

/** Builds the tree for `select=`, resolving each embed through the FK relationships. */
export function planNode(
  cache: SchemaCache,
  schema: string,
  table: Table,
  loc: Location,
  items: SelectItem[],
  depth: number,
): ReadNode {
  const node: ReadNode = {
    table,
    relName: loc.relName,
    from: loc.from,
    ref: loc.ref,
    select: [],
    where: [],
    order: [],
    embeds: [],
    joinConditions: [],
  };
  for (const item of items) {
    if (item.kind === 'field') {
      node.select.push(planField(cache, table, loc.relName, item));
      continue;
    }
    const rels = cache.relationships.get(qualified(table.schema, table.name)) ?? [];
    const matches = matchRelationships(rels, item.name, item.hint);
    const rel = matches[0];
    if (!rel) throw noRelationship(cache, schema, table, item.name, item.hint);
    if (matches.length > 1) throw ambiguous(table, item.name, matches);
    const childDepth = depth + 1;
    const alias = `${rel.foreign.name}_${childDepth}`;
    const childRef = ident(alias);
    const junctionRef = rel.junction ? ident(`${rel.junction.table.name}_j${childDepth}`) : '';
    const from =
      `${tableRef(rel.foreign)} AS ${childRef}` +
      (rel.junction ? `, ${tableRef(rel.junction.table)} AS ${junctionRef}` : '');
    const child = planNode(
      cache,
      schema,
      rel.foreign,
      { from, ref: childRef, relName: alias },
      item.children,
      childDepth,
    );
    child.joinConditions = joinConditions(rel, loc.ref, childRef, junctionRef);
    const toOne = isToOne(rel);
    if (item.spread && !toOne) {
      // A to-many spread aggregates each column into an array, so `*` must become columns.
      child.select = child.select.flatMap((s) =>
        s.column
          ? [s]
          : rel.foreign.columnList.map((column) => ({
              field: { name: column.name, path: [] },
              column,
            })),
      );
    }
    const embed: Embed = {
      node: child,
      rel,
      relName: item.name,
      outName: item.alias ?? item.name,
      aggAlias: `${table.name}_${item.alias ?? item.name}_${childDepth}`,
      inner: item.inner,
      spread: item.spread,
      toOne,
      empty: isEmpty(child),
    };
    if (item.alias !== undefined) embed.alias = item.alias;
    node.embeds.push(embed);
  }
  return node;
}
