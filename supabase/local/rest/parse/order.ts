import { Cursor, field, fieldName } from './cursor';
import type { OrderTerm } from './types';

/** `order=a.desc.nullslast,rel(col).asc` (PostgREST pOrder). */
export function parseOrder(src: string): OrderTerm[] {
  const c = new Cursor(src);
  return c.run('order', () => {
    const terms = [term(c)];
    while (c.eat(',')) terms.push(term(c));
    return terms;
  });
}

function term(c: Cursor): OrderTerm {
  c.spaces();
  const related = c.attempt(() => {
    const relation = fieldName(c);
    c.lit('(');
    const f = field(c);
    c.lit(')');
    return { relation, field: f };
  });
  const t: OrderTerm = related ?? { field: field(c) };
  if (c.eat('.asc')) t.direction = 'asc';
  else if (c.eat('.desc')) t.direction = 'desc';
  if (c.eat('.nullsfirst')) t.nulls = 'first';
  else if (c.eat('.nullslast')) t.nulls = 'last';
  c.spaces();
  if (!c.done && c.peek() !== ',') {
    if (c.peek() === '.') {
      c.pos++;
      c.fail(
        t.direction || t.nulls
          ? '"nullsfirst" or "nullslast"'
          : '"asc", "desc", "nullsfirst" or "nullslast"',
      );
    }
    c.fail('"," or end of input');
  }
  return t;
}
