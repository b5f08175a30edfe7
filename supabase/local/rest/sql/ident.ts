import type { Table } from '../schema/types';

/**
 * Identifiers are only ever names found in the schema cache, quoted here; every value from a
 * request goes through `Params` as a bound `$n`.
 */
export function ident(name: string): string {
  // Aliases are the client's own names: NUL would end the protocol message early (PostgREST
  // strips it too), and quotes are doubled so no name can close the identifier.
  const clean = name.includes('\u0000') ? name.split('\u0000').join('') : name;
  return `"${clean.replace(/"/g, '""')}"`;
}

export function tableRef(t: Table): string {
  return `${ident(t.schema)}.${ident(t.name)}`;
}

/** Collects bound parameters; PostgreSQL infers each one's type from where it is used. */
export class Params {
  readonly values: unknown[] = [];
  /** Where the request body went, so a cached statement can take the next request's body. */
  bodyIndex: number | undefined;

  addBody(raw: string): string {
    this.values.push(raw);
    this.bodyIndex = this.values.length - 1;
    return `$${this.values.length}`;
  }

  add(value: string | null): string {
    // PostgreSQL text cannot hold NUL; PostgREST strips it from literals too.
    this.values.push(
      value !== null && value.includes('\u0000') ? value.split('\u0000').join('') : value,
    );
    return `$${this.values.length}`;
  }
}
