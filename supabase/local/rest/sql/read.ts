import type { Embed, PlannedSelect, ReadNode } from '../plan/types';
import { fieldSql, logicSql, orderSql } from './filter';
import { ident, type Params } from './ident';

function selectItemSql(node: ReadNode, s: PlannedSelect, p: Params): string {
  if (!s.column) return `${node.ref}.*`;
  let sql = fieldSql(node.ref, s.field, s.column, p);
  if (s.castSql) sql = `CAST(${sql} AS ${s.castSql})`;
  return s.alias !== undefined ? `${sql} AS ${ident(s.alias)}` : sql;
}

/** Output name of a select item, for spreads that lift it into the parent. */
function itemName(s: PlannedSelect): string {
  return s.alias ?? s.field.name;
}

function embedSelects(e: Embed): string[] {
  const agg = ident(e.aggAlias);
  if (!e.spread) {
    if (e.empty) return [];
    return [
      e.toOne
        ? `row_to_json(${agg}.*)::jsonb AS ${ident(e.outName)}`
        : `COALESCE(${agg}.${agg}, '[]') AS ${ident(e.outName)}`,
    ];
  }
  const names = [
    ...e.node.select.map((s) => (s.column ? ident(itemName(s)) : '*')),
    ...e.node.embeds.flatMap((c) => (c.spread ? [] : [ident(c.outName)])),
  ];
  return names.map((n) => `${agg}.${n}`);
}

function embedJoin(e: Embed, p: Params): string {
  const agg = ident(e.aggAlias);
  const sub = readSql(e.node, p);
  const kind = e.inner ? 'INNER' : 'LEFT';
  if (e.toOne) return ` ${kind} JOIN LATERAL ( ${sub} ) AS ${agg} ON TRUE`;
  const spreadCols = e.spread
    ? e.node.select.map((s) => {
        const name = ident(itemName(s));
        return `, COALESCE(json_agg(${agg}.${name}),'[]')::jsonb AS ${name}`;
      })
    : [];
  const cond = e.inner ? `${agg} IS NOT NULL` : 'TRUE';
  return ` ${kind} JOIN LATERAL ( SELECT json_agg(${agg})::jsonb AS ${agg}${spreadCols.join('')} FROM (${sub} ) AS ${agg} ) AS ${agg} ON ${cond}`;
}

function limitSql(node: ReadNode, p: Params): string {
  const r = node.range;
  if (!r) return '';
  const limit = r.limit === undefined ? 'ALL' : p.add(String(r.limit));
  return ` LIMIT ${limit} OFFSET ${p.add(String(r.offset))}`;
}

/** The SELECT of one read plan node, with its embeds joined laterally (PostgREST readPlanToQuery). */
export function readSql(node: ReadNode, p: Params): string {
  const selects = node.select.map((s) => selectItemSql(node, s, p));
  if (selects.length === 0 && node.embeds.length === 0) selects.push(`${node.ref}.*`);
  for (const e of node.embeds) selects.push(...embedSelects(e));
  const joins = node.embeds.map((e) => embedJoin(e, p)).join('');
  const conds = [...node.where.map((w) => logicSql(node.ref, w, p)), ...node.joinConditions];
  const where = conds.length ? ` WHERE ${conds.join(' AND ')}` : '';
  return `SELECT ${selects.length ? selects.join(', ') : 'NULL'} FROM ${node.from}${joins}${where}${orderSql(node.ref, node.order, p)}${limitSql(node, p)}`;
}

/**
 * Rows the top level would have without limit/offset: its own filters, plus EXISTS for inner
 * joins and embed-null filters, since embeds otherwise never change the row count.
 */
export function countSql(node: ReadNode, p: Params): string {
  const conds = [
    ...node.where.map((w) =>
      logicSql(
        node.ref,
        w,
        p,
        (l) => `${l.negate ? '' : 'NOT '}EXISTS (${countSql(l.embed.node, p)})`,
      ),
    ),
    ...node.joinConditions,
    ...node.embeds.filter((e) => e.inner).map((e) => `EXISTS (${countSql(e.node, p)})`),
  ];
  return `SELECT 1 FROM ${node.from}${conds.length ? ` WHERE ${conds.join(' AND ')}` : ''}`;
}
