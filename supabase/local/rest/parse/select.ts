import { Cursor, field, fieldName, identifier } from './cursor';
import type { SelectEmbed, SelectField, SelectItem } from './types';

/**
 * `select=` grammar (PostgREST pFieldForest): fields with `alias:`, `::cast` and JSON paths,
 * embeds `alias:rel!hint!inner(…)`, spreads `...rel(…)`, and `count()` / `col.sum()` aggregates.
 */
export function parseSelect(src: string): SelectItem[] {
  const c = new Cursor(src);
  return c.run('select parameter', () => forest(c));
}

function forest(c: Cursor): SelectItem[] {
  if (c.done || c.peek() === ')') return [];
  const items = [tree(c)];
  for (;;) {
    const save = c.pos;
    c.spaces();
    if (!c.eat(',')) {
      c.pos = save;
      return items;
    }
    c.spaces();
    items.push(tree(c));
  }
}

function tree(c: Cursor): SelectItem {
  const head = c.attempt(() => spreadHead(c)) ?? c.attempt(() => relationHead(c));
  if (!head) return fieldSelect(c);
  c.lit('(');
  const children = forest(c);
  c.lit(')', '")"');
  return { ...head, children };
}

type EmbedHead = Omit<SelectEmbed, 'children'>;

function embedParams(c: Cursor): { hint?: string; inner: boolean } {
  let hint: string | undefined;
  let inner = false;
  for (let i = 0; i < 2 && c.peek() === '!'; i++) {
    c.pos++;
    if (c.eat('left')) continue;
    if (c.eat('inner')) {
      inner = true;
      continue;
    }
    hint ??= fieldName(c);
  }
  return hint === undefined ? { inner } : { hint, inner };
}

function lookAheadParen(c: Cursor): void {
  if (c.peek() !== '(') c.fail('"("');
}

function aliasPrefix(c: Cursor): string | undefined {
  return c.attempt(() => {
    const alias = fieldName(c);
    if (c.peek() !== ':' || c.peek(1) === ':') c.fail('":"');
    c.pos++;
    return alias;
  });
}

function relationHead(c: Cursor): EmbedHead {
  c.spaces();
  const alias = aliasPrefix(c);
  const name = fieldName(c);
  if (name === 'count') c.fail();
  const params = embedParams(c);
  lookAheadParen(c);
  const head: EmbedHead = { kind: 'embed', name, inner: params.inner, spread: false };
  if (alias !== undefined) head.alias = alias;
  if (params.hint !== undefined) head.hint = params.hint;
  return head;
}

function spreadHead(c: Cursor): EmbedHead {
  c.spaces();
  c.lit('...');
  const name = fieldName(c);
  const params = embedParams(c);
  lookAheadParen(c);
  const head: EmbedHead = { kind: 'embed', name, inner: params.inner, spread: true };
  if (params.hint !== undefined) head.hint = params.hint;
  return head;
}

function itemEnd(c: Cursor): void {
  if (!c.done && c.peek() !== ')' && c.peek() !== ',') c.fail('"," or end of input');
}

function cast(c: Cursor): string | undefined {
  if (!c.eat('::')) return undefined;
  return identifier(c, 'letter or digit');
}

const AGGREGATES = ['sum', 'avg', 'count', 'max', 'min'];

function fieldSelect(c: Cursor): SelectField {
  c.spaces();
  const star = c.attempt(() => {
    c.lit('*');
    itemEnd(c);
    return { kind: 'field', field: { name: '*', path: [] } } satisfies SelectField;
  });
  if (star) return star;

  const count = c.attempt(() => {
    const alias = aliasPrefix(c);
    c.lit('count()');
    const item: SelectField = { kind: 'field', field: { name: '*', path: [] }, aggregate: 'count' };
    const aggCast = cast(c);
    itemEnd(c);
    if (alias !== undefined) item.alias = alias;
    if (aggCast !== undefined) item.cast = aggCast;
    return item;
  });
  if (count) return count;

  const alias = aliasPrefix(c);
  const item: SelectField = { kind: 'field', field: field(c) };
  const colCast = cast(c);
  const aggregate = c.attempt(() => {
    c.lit('.');
    const name = AGGREGATES.find((a) => c.startsWith(`${a}()`));
    if (!name) c.fail('aggregate function');
    c.pos += name.length + 2;
    return name;
  });
  cast(c);
  c.spaces();
  itemEnd(c);
  if (alias !== undefined) item.alias = alias;
  if (colCast !== undefined) item.cast = colCast;
  if (aggregate !== undefined) item.aggregate = aggregate;
  return item;
}
