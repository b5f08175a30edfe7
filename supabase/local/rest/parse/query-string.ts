/**
 * Splits a raw query string the way PostgREST's parseQueryReplacePlus does: `+` is a space,
 * `a=` has the value '' while a bare `a` has none (PostgREST ignores such params), and a broken
 * percent escape is kept literally instead of failing the request.
 */
export function splitQuery(raw: string): [string, string | null][] {
  const out: [string, string | null][] = [];
  if (raw.startsWith('?')) raw = raw.slice(1);
  if (raw === '') return out;
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq < 0) out.push([decode(part), null]);
    else out.push([decode(part.slice(0, eq)), decode(part.slice(eq + 1))]);
  }
  return out;
}

function decode(s: string): string {
  const spaced = s.includes('+') ? s.replace(/\+/g, ' ') : s;
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}
