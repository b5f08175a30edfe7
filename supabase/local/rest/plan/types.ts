import type { Field, Filter, Range } from '../parse/types';
import type { Column, Relationship, Table } from '../schema/types';

/** A select item checked against the schema cache: every name in it exists. */
export interface PlannedSelect {
  field: Field;
  /** Undefined for `*`. */
  column?: Column;
  alias?: string;
  /** SQL text of a validated cast target. */
  castSql?: string;
}

export type PlannedLogic =
  | { kind: 'filter'; filter: Filter; column: Column }
  | { kind: 'nullEmbed'; negate: boolean; embed: Embed }
  | { kind: 'expr'; negate: boolean; op: 'and' | 'or'; children: PlannedLogic[] };

export interface PlannedOrder {
  field: Field;
  /** Set for a column of this node; unset for a to-one embed's column (`rel(col)`). */
  column?: Column;
  /** The lateral alias a related order term reads from. */
  relatedAlias?: string;
  direction?: 'asc' | 'desc';
  nulls?: 'first' | 'last';
}

/**
 * One SELECT of the read plan tree (PostgREST ReadPlan): the root table, or an embedded
 * resource joined laterally to its parent.
 */
export interface ReadNode {
  table: Table;
  /** How PostgreSQL would name this relation in an error, e.g. `items` or `owners_1`. */
  relName: string;
  /** FROM item, e.g. `"public"."items"` or `"public"."owners" AS "owners_1"`. */
  from: string;
  /** Column qualifier, e.g. `"public"."items"` or `"owners_1"`. */
  ref: string;
  select: PlannedSelect[];
  where: PlannedLogic[];
  order: PlannedOrder[];
  range?: Range;
  embeds: Embed[];
  /** Conditions tying an embedded node to its parent row. */
  joinConditions: string[];
}

export interface Embed {
  node: ReadNode;
  rel: Relationship;
  /** Name in the request (`owners`), alias (`owner`) and the key it gets in the JSON output. */
  relName: string;
  alias?: string;
  outName: string;
  /** Alias of the lateral subquery, `<parent table>_<alias or name>_<depth>`. */
  aggAlias: string;
  inner: boolean;
  spread: boolean;
  toOne: boolean;
  /** `rel()` selects nothing: only there to filter (usually with !inner). */
  empty: boolean;
}
