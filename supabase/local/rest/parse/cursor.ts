import type { Field, JsonOp } from './types';

/** A query param PostgREST cannot parse: answered as 400 PGRST100 with these two strings. */
export class QueryParamError extends Error {
  constructor(
    message: string,
    readonly details: string,
  ) {
    super(message);
    this.name = 'QueryParamError';
  }
}

const FAIL = Symbol('parse failure');

interface PendingError {
  pos: number;
  /** Where the error counts as "no input consumed": its own position, or where a rewind put it. */
  anchor: number;
  expected: string[];
}

/**
 * A backtracking cursor in the style of the Parsec grammar PostgREST uses
 * (ApiRequest/QueryParams.hs): parsers throw on failure and `attempt` rewinds. Errors follow
 * Parsec's rule so positions match PostgREST's messages: a rewound alternative's error is kept
 * only until a later alternative consumes input, and errors at the same place are merged.
 */
export class Cursor {
  pos = 0;
  private err: PendingError | null = null;

  constructor(readonly src: string) {}

  get done(): boolean {
    return this.pos >= this.src.length;
  }

  peek(offset = 0): string | undefined {
    return this.src[this.pos + offset];
  }

  startsWith(s: string): boolean {
    return this.src.startsWith(s, this.pos);
  }

  /** Consumes `s` or fails expecting it. */
  lit(s: string, expected = JSON.stringify(s)): void {
    if (!this.startsWith(s)) this.fail(expected);
    this.pos += s.length;
  }

  /** Consumes `s` if present. */
  eat(s: string): boolean {
    if (!this.startsWith(s)) return false;
    this.pos += s.length;
    return true;
  }

  /** Notes what would have been accepted here, for the error message, without failing. */
  expect(expected?: string): void {
    const p = this.pos;
    const e = this.err;
    if (!e || p > e.anchor || p < e.anchor) {
      this.err = { pos: p, anchor: p, expected: expected ? [expected] : [] };
    } else if (e.pos === p && expected && !e.expected.includes(expected)) {
      e.expected.push(expected);
    }
  }

  fail(expected?: string): never {
    this.expect(expected);
    throw FAIL;
  }

  /** Runs `p`; on failure rewinds and returns undefined. */
  attempt<T>(p: () => T): T | undefined {
    const start = this.pos;
    try {
      return p();
    } catch (err) {
      if (err !== FAIL) throw err;
      this.pos = start;
      if (this.err) this.err.anchor = start;
      return undefined;
    }
  }

  spaces(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.pos++;
  }

  /** Parses the whole input with `p` or throws QueryParamError named like PostgREST's. */
  run<T>(what: string, p: () => T): T {
    try {
      const result = p();
      if (!this.done) this.fail('end of input');
      return result;
    } catch (err) {
      if (err !== FAIL) throw err;
      const at = this.err?.pos ?? 0;
      const ch = this.src[at];
      const unexpected =
        ch === undefined ? 'unexpected end of input' : `unexpected ${JSON.stringify(ch)}`;
      const expected = this.err?.expected ?? [];
      const expecting = expected.length ? ` expecting ${orList(expected)}` : '';
      throw new QueryParamError(
        `"failed to parse ${what} (${this.src})" (line 1, column ${at + 1})`,
        unexpected + expecting,
      );
    }
  }
}

function orList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

const LETTER = /\p{L}/u;
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isIdentChar = (c: string | undefined): boolean =>
  c !== undefined && (isDigit(c) || c === '_' || c === ' ' || c === '$' || LETTER.test(c));

export const FIELD_NAME = 'field name (* or [a..z0..9_$])';

/** `"…"` with backslash escapes. */
export function quoted(c: Cursor): string {
  c.lit('"');
  let out = '';
  for (;;) {
    const ch = c.peek();
    if (ch === undefined) c.fail('"\\""');
    c.pos++;
    if (ch === '"') return out;
    if (ch === '\\') {
      const next = c.peek();
      if (next === undefined) c.fail('any character');
      out += next;
      c.pos++;
    } else out += ch;
  }
}

/** Letters, digits, `_`, `$` and spaces, trimmed: PostgREST's pIdentifier. */
export function identifier(c: Cursor, expected = FIELD_NAME): string {
  const start = c.pos;
  while (isIdentChar(c.peek())) c.pos++;
  if (c.pos === start) c.fail(expected);
  return c.src.slice(start, c.pos).trim();
}

/** Pieces joined by dashes that do not start an arrow (`a-b` but not `a->b`). */
function sepByDash(c: Cursor, piece: (c: Cursor) => string): string {
  const parts = [piece(c)];
  while (c.peek() === '-' && c.peek(1) !== '>') {
    c.pos++;
    parts.push(piece(c));
  }
  return parts.join('-');
}

export function fieldName(c: Cursor): string {
  if (c.peek() === '"') return quoted(c);
  return sepByDash(c, (cc) => identifier(cc));
}

const JSON_KEY_STOP = '(-:.,>)';
function jsonKeyPiece(c: Cursor): string {
  const start = c.pos;
  while (!c.done && !JSON_KEY_STOP.includes(c.peek()!)) c.pos++;
  if (c.pos === start) c.fail('any non reserved character different from: .,>()');
  return c.src.slice(start, c.pos).trim();
}

function jsonIndex(c: Cursor): string {
  const negative = c.eat('-');
  const start = c.pos;
  while (isDigit(c.peek())) c.pos++;
  if (c.pos === start) c.fail('digit');
  const digits = c.src.slice(start, c.pos);
  const atEnd =
    c.done || c.startsWith('->') || c.startsWith('::') || c.peek() === '.' || c.peek() === ',';
  if (!atEnd) c.fail('digit');
  return (negative ? '-' : '+') + digits;
}

export function jsonPath(c: Cursor): JsonOp[] {
  const ops: JsonOp[] = [];
  while (c.startsWith('->')) {
    const arrow = c.startsWith('->>') ? '->>' : '->';
    c.pos += arrow.length;
    const index = c.attempt(() => jsonIndex(c));
    if (index !== undefined) {
      ops.push({ arrow, key: index, index: true });
      continue;
    }
    const key = c.peek() === '"' ? quoted(c) : sepByDash(c, jsonKeyPiece);
    ops.push({ arrow, key, index: false });
  }
  return ops;
}

/** A column with an optional JSON path, blanks around it allowed. */
export function field(c: Cursor): Field {
  c.spaces();
  const name = fieldName(c);
  const path = jsonPath(c);
  c.spaces();
  return { name, path };
}

export function isDigitChar(ch: string | undefined): boolean {
  return isDigit(ch);
}
