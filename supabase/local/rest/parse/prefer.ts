/**
 * The `Prefer` header (PostgREST ApiRequest/Preferences.hs). supabase-js appends each preference,
 * so they arrive comma-joined; for every kind the first recognised value wins.
 */
export interface Preferences {
  resolution?: 'merge-duplicates' | 'ignore-duplicates';
  return?: 'representation' | 'minimal' | 'headers-only';
  count?: 'exact' | 'planned' | 'estimated';
  tx?: 'commit' | 'rollback';
  missing?: 'default' | 'null';
  handling?: 'strict' | 'lenient';
  maxAffected?: number;
  /** Unrecognised entries: an error only with handling=strict. */
  invalid: string[];
}

const KINDS: Record<string, readonly string[]> = {
  resolution: ['merge-duplicates', 'ignore-duplicates'],
  return: ['representation', 'minimal', 'headers-only'],
  count: ['exact', 'planned', 'estimated'],
  tx: ['commit', 'rollback'],
  missing: ['default', 'null'],
  handling: ['strict', 'lenient'],
};

export function parsePrefer(header: string | null | undefined): Preferences {
  const prefs: Preferences = { invalid: [] };
  if (!header) return prefs;
  const out = prefs as unknown as Record<string, unknown>;
  for (const raw of header.split(',')) {
    const item = raw.trim();
    if (item === '') continue;
    const eq = item.indexOf('=');
    const kind = eq < 0 ? item : item.slice(0, eq);
    const value = eq < 0 ? '' : item.slice(eq + 1);
    if (kind === 'max-affected' && /^-?\d+$/.test(value)) {
      prefs.maxAffected ??= Number(value);
      continue;
    }
    if (kind === 'timezone') continue;
    if (KINDS[kind]?.includes(value)) {
      out[kind] ??= value;
      continue;
    }
    prefs.invalid.push(item);
  }
  return prefs;
}

/** `Preference-Applied`, in PostgREST's order. */
export function appliedPreferences(p: Preferences, allowed: (keyof Preferences)[]): string | null {
  const parts: string[] = [];
  const has = (k: keyof Preferences) => allowed.includes(k) && p[k] !== undefined;
  if (has('resolution')) parts.push(`resolution=${p.resolution}`);
  if (has('missing')) parts.push(`missing=${p.missing}`);
  if (has('return')) parts.push(`return=${p.return}`);
  if (has('count')) parts.push(`count=${p.count}`);
  if (has('tx')) parts.push(`tx=${p.tx}`);
  if (has('handling')) parts.push(`handling=${p.handling}`);
  if (has('maxAffected') && p.handling === 'strict') parts.push(`max-affected=${p.maxAffected}`);
  return parts.length ? parts.join(', ') : null;
}
