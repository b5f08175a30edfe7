import type { ParsedBody } from '../body';
import { PgrstError } from '../errors';
import { closest } from '../plan/fuzzy';
import type { Routine, RoutineParam, SchemaCache } from '../schema/types';
import { ident, type Params } from './ident';
import { arrayLiteral } from './filter';
import { payloadFrom } from './write';

function matchesParams(r: Routine, keys: Set<string>): boolean {
  if (r.params.length === 0) return keys.size === 0;
  const required = r.params.filter((p) => p.required).map((p) => p.name);
  const optional = new Set(r.params.filter((p) => !p.required).map((p) => p.name));
  const rest = [...keys].filter((k) => !optional.has(k));
  return rest.length === required.length && required.every((n) => keys.has(n));
}

const singleJsonParam = (r: Routine) =>
  r.params.length === 1 &&
  r.params[0]!.name === '' &&
  ['json', 'jsonb'].includes(r.params[0]!.type);

/**
 * Overload resolution by argument names (PostgREST Plan.hs findProc): the keys must cover the
 * required parameters and otherwise name optional ones; a POST may instead go to a function
 * whose single unnamed json/jsonb parameter takes the whole body.
 */
export function findRoutine(
  cache: SchemaCache,
  schema: string,
  name: string,
  overloads: Routine[],
  keyList: string[],
  isPost: boolean,
): Routine {
  const keys = new Set(keyList);
  const matches = overloads.filter((r) => matchesParams(r, keys));
  const fallback = isPost
    ? overloads.filter((r) => !matchesParams(r, keys) && singleJsonParam(r))
    : [];
  const pick = matches.length ? matches : fallback;
  if (pick.length === 1) return pick[0]!;
  if (pick.length > 1) {
    const sig = (r: Routine) =>
      `${r.schema}.${r.name}(${r.params.map((p) => `${p.name} => ${p.type}`).join(', ')})`;
    throw new PgrstError(
      300,
      'PGRST203',
      `Could not choose the best candidate function between: ${pick.map(sig).join(', ')}`,
      null,
      'Try renaming the parameters or the function itself in the database so function overloading can be resolved',
    );
  }
  const sorted = [...keys].sort();
  const list = sorted.join(', ');
  const withParams =
    sorted.length === 0
      ? ' without parameters'
      : ` with parameter${sorted.length > 1 ? 's' : ''} ${list}`;
  const others = [...cache.routines.keys()]
    .filter((k) => k.startsWith(`${schema}.`))
    .map((k) => k.slice(schema.length + 1));
  const suggestion = overloads.length ? undefined : closest(name, others);
  throw new PgrstError(
    404,
    'PGRST202',
    `Could not find the function ${schema}.${name}${sorted.length === 0 ? ' without parameters' : `(${list})`} in the schema cache`,
    `Searched for the function ${schema}.${name}${withParams}${isPost ? ' or with a single unnamed json/jsonb parameter' : ''}, but no matches were found in the schema cache.`,
    suggestion ? `Perhaps you meant to call the function ${schema}.${suggestion}` : null,
  );
}

/** Types that would truncate a JSON value to their declared length are widened (ppTypeMaxLength). */
function recordType(type: string): string {
  return type
    .replace(/^character(?= |\[|$)/, 'character varying')
    .replace(/^bit(?= |\[|$)/, 'bit varying');
}

/**
 * The FROM item that calls the function, as `pgrst_call` (PostgREST callPlanToQuery). Arguments
 * are passed by name, each a bound parameter or a column of the JSON body's record.
 */
export function callSql(
  r: Routine,
  keys: string[],
  getArgs: Map<string, string[]> | null,
  body: ParsedBody | null,
  p: Params,
): string {
  const fn = `${ident(r.schema)}.${ident(r.name)}`;
  const scalar = r.returns !== 'composite';
  const callIt = (args: string) =>
    scalar ? `(SELECT ${fn}(${args}) pgrst_scalar) pgrst_call` : `${fn}(${args}) pgrst_call`;
  const select = `SELECT ${scalar ? 'pgrst_call.pgrst_scalar' : 'pgrst_call.*'} `;
  const given = new Set(keys);
  const specified: RoutineParam[] = r.params.filter((prm) => given.has(prm.name));
  const named = (prm: RoutineParam, value: string) =>
    `${prm.variadic ? 'VARIADIC ' : ''}${ident(prm.name)} := ${value}`;

  if (singleJsonParam(r) && body) {
    return `${select}FROM ${callIt(`${p.addBody(body.raw)}::${r.params[0]!.type}`)}`;
  }
  if (specified.length === 0) return `${select}FROM ${callIt('')}`;
  if (getArgs) {
    const args = specified.map((prm) => {
      const values = getArgs.get(prm.name) ?? [];
      const value =
        prm.variadic && values.length > 1
          ? arrayLiteral(values)
          : (values[values.length - 1] ?? '');
      return named(prm, `${p.add(value)}::${recordType(prm.type)}`);
    });
    return `${select}FROM ${callIt(args.join(', '))}`;
  }
  const columns = specified.map((prm) => ({
    name: prm.name,
    type: recordType(prm.type),
    baseType: prm.type,
    nullable: true,
    defaultExpr: null,
  }));
  const from = payloadFrom(
    { raw: body!.raw, isObject: body!.isObject, columns, applyDefaults: false },
    p,
    true,
  );
  const args = specified.map((prm) => named(prm, `pgrst_body.${ident(prm.name)}`));
  return `${select}${from.trimStart()}, LATERAL ${callIt(args.join(', '))}`;
}
