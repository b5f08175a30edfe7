import { Cursor, field, fieldName, identifier, jsonPath, quoted } from './cursor';
import type {
  EmbedPath,
  Field,
  Filter,
  FtsOp,
  IsValue,
  LogicTree,
  Operation,
  QuantOp,
  SimpleOp,
} from './types';

// Order matters: longer operators that share a prefix come first, as in PostgREST.
const SIMPLE_OPS: SimpleOp[] = ['neq', 'cs', 'cd', 'ov', 'sl', 'sr', 'nxr', 'nxl', 'adj'];
const QUANT_OPS: QuantOp[] = ['eq', 'gte', 'gt', 'lte', 'lt', 'like', 'ilike', 'match', 'imatch'];
const FTS_OPS: FtsOp[] = ['fts', 'plfts', 'phfts', 'wfts'];
const IS_VALUES: IsValue[] = ['null', 'not_null', 'true', 'false', 'unknown'];
const OPERATOR = 'operator (eq, gt, ...)';

type ValueParser = (c: Cursor) => string;

/** The rest of the param, verbatim: a top-level filter's value may contain anything. */
const restOfInput: ValueParser = (c) => {
  const v = c.src.slice(c.pos);
  c.pos = c.src.length;
  return v;
};

/** Inside `or=(…)` a value ends at `,` or `)` unless quoted or a `{…}` array literal. */
const logicValue: ValueParser = (c) => {
  const q = c.attempt(() => {
    const v = quoted(c);
    if (!c.done && c.peek() !== ',' && c.peek() !== ')') c.fail();
    return v;
  });
  if (q !== undefined) return q;
  if (c.peek() === '{') {
    const close = c.src.indexOf('}', c.pos);
    const inner = close < 0 ? '' : c.src.slice(c.pos + 1, close);
    if (close >= 0 && !inner.includes('{')) {
      c.pos = close + 1;
      return `{${inner}}`;
    }
  }
  return untilListEnd(c);
};

function untilListEnd(c: Cursor): string {
  const start = c.pos;
  while (!c.done && c.peek() !== ',' && c.peek() !== ')') c.pos++;
  return c.src.slice(start, c.pos);
}

function listValue(c: Cursor): string[] {
  c.spaces();
  c.lit('(');
  c.spaces();
  const values: string[] = [];
  for (;;) {
    const q = c.attempt(() => {
      const v = quoted(c);
      if (c.peek() !== ',' && c.peek() !== ')') c.fail();
      return v;
    });
    values.push(q ?? untilListEnd(c));
    if (!c.eat(',')) break;
  }
  c.spaces();
  c.lit(')', '")"');
  c.spaces();
  return values;
}

function operation(c: Cursor, value: ValueParser): Operation {
  if (c.eat('in.')) return { kind: 'in', values: listValue(c) };
  if (c.eat('is.')) {
    const rest = c.src.slice(c.pos).toLowerCase();
    const v = IS_VALUES.find((x) => rest.startsWith(x));
    if (!v) c.fail('isVal: (null, not_null, true, false, unknown)');
    c.pos += v.length;
    return { kind: 'is', value: v };
  }
  if (c.eat('isdistinct.')) return { kind: 'isdistinct', value: value(c) };
  const fts = c.attempt(() => {
    const op = [...FTS_OPS].reverse().find((o) => c.startsWith(o)) ?? c.fail(OPERATOR);
    c.pos += op.length;
    let language: string | undefined;
    if (c.eat('(')) {
      language = identifier(c, 'letter or digit');
      c.lit(')');
    }
    c.lit('.', 'delimiter (.)');
    const result: Operation = { kind: 'fts', op, value: value(c) };
    if (language !== undefined) result.language = language;
    return result;
  });
  if (fts) return fts;
  const simple = c.attempt(() => {
    const op = SIMPLE_OPS.find((o) => c.startsWith(`${o}.`)) ?? c.fail(OPERATOR);
    c.pos += op.length + 1;
    return { kind: 'simple', op, value: value(c) } satisfies Operation;
  });
  if (simple) return simple;
  const quant = c.attempt(() => {
    const op =
      QUANT_OPS.find((o) => c.startsWith(`${o}.`) || c.startsWith(`${o}(`)) ?? c.fail(OPERATOR);
    c.pos += op.length;
    let quantifier: 'any' | 'all' | undefined;
    if (c.eat('(any)')) quantifier = 'any';
    else if (c.eat('(all)')) quantifier = 'all';
    c.lit('.', 'delimiter (.)');
    const result: Operation = { kind: 'quant', op, value: value(c) };
    if (quantifier) result.quantifier = quantifier;
    return result;
  });
  if (quant) return quant;
  return c.fail(OPERATOR);
}

function opExpr(c: Cursor, value: ValueParser): { negate: boolean; operation: Operation } {
  const negate = c.eat('not.');
  if (!negate) c.expect('"not"');
  return { negate, operation: operation(c, value) };
}

/** The value side of `col=op.value`. */
export function parseFilterValue(fieldOf: Field, src: string): Filter {
  const c = new Cursor(src);
  return c.run('filter', () => ({ field: fieldOf, ...opExpr(c, restOfInput) }));
}

/** A param key like `items.qty` or `data->a->>b`: embed path, then the field. */
export function parseTreePath(src: string): { path: EmbedPath; field: Field } {
  const c = new Cursor(src);
  return c.run('tree path', () => {
    const names = [fieldName(c)];
    while (c.eat('.')) names.push(fieldName(c));
    const path = jsonPath(c);
    const name = names.pop()!;
    return { path: names, field: { name, path } };
  });
}

function logicTree(c: Cursor): LogicTree {
  const stmt = c.attempt(() => {
    const f = field(c);
    c.lit('.', 'delimiter (.)');
    return { field: f, ...opExpr(c, logicValue) } satisfies Filter;
  });
  if (stmt) return { kind: 'filter', filter: stmt };
  const negate = c.eat('not.');
  if (!negate) c.expect('negation operator (not)');
  let op: 'and' | 'or';
  if (c.eat('and')) op = 'and';
  else if (c.eat('or')) op = 'or';
  else c.fail('logic operator (and, or)');
  c.spaces();
  c.lit('(');
  c.spaces();
  const children = [logicTree(c)];
  for (;;) {
    c.spaces();
    if (!c.eat(',')) break;
    c.spaces();
    children.push(logicTree(c));
  }
  c.spaces();
  c.lit(')', '")"');
  c.spaces();
  return { kind: 'expr', negate, op, children };
}

/**
 * `or=(a.eq.1,b.gt.2)`: PostgREST prefixes the key's operator (`or`, `not.and`) to the value and
 * parses it as one tree, so the root node carries the operator and negation from the key.
 */
export function parseLogic(op: string, value: string): LogicTree {
  const src = op + value;
  const c = new Cursor(src);
  return c.run('logic tree', () => logicTree(c));
}
