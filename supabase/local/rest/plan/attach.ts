import { notEmbedded, PgrstError, undefinedColumn } from '../errors';
import type { EmbedPath, Filter, LogicTree, OrderTerm, QueryParams } from '../parse/types';
import type { Embed, PlannedLogic, PlannedOrder, ReadNode } from './types';

/** PostgreSQL's db-max-rows as Supabase sets it: no node returns more rows than this. */
export const MAX_ROWS = 1000;

const embedNamed = (node: ReadNode, name: string): Embed | undefined =>
  node.embeds.find((e) => e.relName === name || e.alias === name);

export function nodeAt(root: ReadNode, path: EmbedPath): ReadNode {
  let node = root;
  for (const name of path) {
    const embed = embedNamed(node, name);
    if (!embed) throw notEmbedded(name);
    node = embed.node;
  }
  return node;
}

/**
 * `rel=is.null` / `rel=not.is.null` on an embedded resource keeps the parent rows whose embed is
 * (not) empty (PostgREST addNullEmbedFilters); any other filter names a column.
 */
function planFilter(node: ReadNode, filter: Filter): PlannedLogic {
  const op = filter.operation;
  if (filter.field.path.length === 0 && op.kind === 'is' && op.value === 'null') {
    const embed = node.embeds.find((e) => (e.alias ?? e.relName) === filter.field.name);
    if (embed) return { kind: 'nullEmbed', negate: filter.negate, embed };
  }
  const column = node.table.columns.get(filter.field.name);
  if (!column) throw undefinedColumn(node.relName, filter.field.name);
  return { kind: 'filter', filter, column };
}

function planLogic(node: ReadNode, tree: LogicTree): PlannedLogic {
  if (tree.kind === 'filter') return planFilter(node, tree.filter);
  return {
    kind: 'expr',
    negate: tree.negate,
    op: tree.op,
    children: tree.children.map((t) => planLogic(node, t)),
  };
}

function planOrder(node: ReadNode, term: OrderTerm): PlannedOrder {
  const planned: PlannedOrder = { field: term.field };
  if (term.direction) planned.direction = term.direction;
  if (term.nulls) planned.nulls = term.nulls;
  if (term.relation === undefined) {
    const column = node.table.columns.get(term.field.name);
    if (!column) throw undefinedColumn(node.relName, term.field.name);
    planned.column = column;
    return planned;
  }
  const embed = node.embeds.find((e) => (e.alias ?? e.relName) === term.relation);
  if (!embed) throw notEmbedded(term.relation);
  if (!embed.toOne) {
    throw new PgrstError(
      400,
      'PGRST118',
      `A related order on '${term.relation}' is not possible`,
      `'${node.table.name}' and '${term.relation}' do not form a many-to-one or one-to-one relationship`,
    );
  }
  if (!embed.node.table.columns.has(term.field.name))
    throw undefinedColumn(embed.aggAlias, term.field.name);
  planned.relatedAlias = embed.aggAlias;
  return planned;
}

function eachNode(node: ReadNode, fn: (n: ReadNode) => void): void {
  fn(node);
  for (const e of node.embeds) eachNode(e.node, fn);
}

export interface AttachOptions {
  /** Root filters of a PATCH/DELETE go to the mutation instead of the read-back. */
  skipRootFilters: boolean;
  /** Reads and RPC honour limit/offset and db-max-rows; mutations do not. */
  ranges: boolean;
}

export function attachParams(root: ReadNode, q: QueryParams, opts: AttachOptions): void {
  for (const { path, filter } of q.filters) {
    if (opts.skipRootFilters && path.length === 0) continue;
    const node = nodeAt(root, path);
    node.where.push(planFilter(node, filter));
  }
  for (const { path, tree } of q.logic) {
    if (opts.skipRootFilters && path.length === 0) continue;
    const node = nodeAt(root, path);
    node.where.push(planLogic(node, tree));
  }
  for (const { path, terms } of q.order) {
    const node = nodeAt(root, path);
    node.order = terms.map((t) => planOrder(node, t));
  }
  if (!opts.ranges) return;
  for (const [key, range] of q.ranges) nodeAt(root, key === '' ? [] : key.split('.')).range = range;
  eachNode(root, (n) => {
    const r = n.range ?? { offset: 0 };
    n.range = { offset: r.offset, limit: Math.min(r.limit ?? MAX_ROWS, MAX_ROWS) };
  });
}

/** Filters and logic for the mutated table itself (the WHERE of an UPDATE or DELETE). */
export function rootConditions(root: ReadNode, q: QueryParams): PlannedLogic[] {
  const out: PlannedLogic[] = [];
  for (const { path, filter } of q.filters)
    if (path.length === 0) out.push(planFilter(root, filter));
  for (const { path, tree } of q.logic) if (path.length === 0) out.push(planLogic(root, tree));
  return out;
}
