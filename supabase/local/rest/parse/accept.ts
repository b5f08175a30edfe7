/** The response forms this layer produces, after content negotiation on `Accept`. */
export type MediaKind = 'json' | 'singular' | 'csv';

export interface Media {
  kind: MediaKind;
  stripNulls: boolean;
  contentType: string;
}

interface Offered {
  mime: string;
  media: Media | null;
  q: number;
}

const JSON_MEDIA: Media = {
  kind: 'json',
  stripNulls: false,
  contentType: 'application/json; charset=utf-8',
};

function decode(raw: string): Offered {
  const [typePart = '', ...paramParts] = raw.split(';');
  const mime = typePart.trim().toLowerCase();
  const params = new Map<string, string>();
  for (const p of paramParts) {
    const eq = p.indexOf('=');
    if (eq > 0) params.set(p.slice(0, eq).trim().toLowerCase(), p.slice(eq + 1).trim());
  }
  const q = params.has('q') ? Number(params.get('q')) : 1;
  const stripped = params.get('nulls') === 'stripped';
  let media: Media | null = null;
  switch (mime) {
    case 'application/json':
    case '*/*':
      media = JSON_MEDIA;
      break;
    case 'application/vnd.pgrst.object+json':
    case 'application/vnd.pgrst.object':
      media = {
        kind: 'singular',
        stripNulls: stripped,
        contentType: `application/vnd.pgrst.object+json;${stripped ? ' nulls=stripped;' : ''} charset=utf-8`,
      };
      break;
    case 'application/vnd.pgrst.array+json':
    case 'application/vnd.pgrst.array':
      media = stripped
        ? {
            kind: 'json',
            stripNulls: true,
            contentType: 'application/vnd.pgrst.array+json; nulls=stripped; charset=utf-8',
          }
        : JSON_MEDIA;
      break;
    case 'text/csv':
      media = { kind: 'csv', stripNulls: false, contentType: 'text/csv; charset=utf-8' };
      break;
  }
  return { mime: raw.trim(), media, q: Number.isFinite(q) ? q : 0 };
}

/**
 * Picks the first producible type in the client's preference order; null means 406 PGRST107,
 * with `offered` listing what was asked for.
 */
export function negotiate(accept: string | null | undefined): {
  media: Media | null;
  offered: string[];
} {
  if (!accept || accept === 'application/json' || accept === '*/*')
    return { media: JSON_MEDIA, offered: [] };
  const offered = accept
    .split(',')
    .filter((s) => s.trim() !== '')
    .map(decode)
    .filter((o) => o.q > 0);
  // A stable sort keeps the client's order among equal q values, as parseHttpAccept does.
  offered.sort((a, b) => b.q - a.q);
  const pick = offered.find((o) => o.media !== null);
  return {
    media: pick?.media ?? (offered.length ? null : JSON_MEDIA),
    offered: offered.map((o) => o.mime),
  };
}
