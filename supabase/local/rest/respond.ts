import { PgrstError, singularityError } from './errors';
import { MAX_ROWS } from './plan/attach';
import type { Prepared, ResultRow } from './prepared';

export interface RestResponse {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

/** PostgREST's Content-Range: `lower-upper/total`, `*` for an empty page or unknown total. */
export function contentRange(lower: number, upper: number, total: number | null): string {
  const range = total !== 0 && lower <= upper ? `${lower}-${upper}` : '*';
  return `${range}/${total === null ? '*' : total}`;
}

function rangeStatus(offset: number, pageTotal: number, total: number | null): number {
  if (total === null) return 200;
  if (offset > total) return 416;
  return pageTotal < total ? 206 : 200;
}

function toNumber(v: ResultRow['total_result_set']): number | null {
  return v === null || v === undefined ? null : Number(v);
}

/** `response.headers` / `response.status` set by SQL in the request override ours (PostgREST GucHeader). */
function applyGucs(row: ResultRow, res: RestResponse): RestResponse {
  if (row.response_status !== null) {
    const s = Number(row.response_status);
    if (!Number.isInteger(s) || s < 100 || s > 599) {
      throw new PgrstError(500, 'PGRST112', 'response.status guc must be a valid status code');
    }
    res.status = s;
  }
  if (row.response_headers !== null) {
    let list: unknown;
    try {
      list = JSON.parse(row.response_headers);
    } catch {
      list = null;
    }
    const ok =
      Array.isArray(list) &&
      list.every(
        (h) =>
          h &&
          typeof h === 'object' &&
          Object.values(h).length === 1 &&
          typeof Object.values(h)[0] === 'string',
      );
    if (!ok) {
      throw new PgrstError(
        500,
        'PGRST111',
        'response.headers guc must be a JSON array composed of objects with a single key and a string value',
      );
    }
    // Headers set by SQL win over PostgREST's own (Response.hs addHeadersIfNotIncluded).
    for (const h of list as Record<string, string>[]) {
      for (const [k, v] of Object.entries(h)) {
        for (const own of Object.keys(res.headers))
          if (own.toLowerCase() === k.toLowerCase()) delete res.headers[own];
        res.headers[k] = v;
      }
    }
  }
  return res;
}

/**
 * Builds the HTTP answer from the statement's row (PostgREST Response.hs). Throws for the
 * conditions that must roll the transaction back: not exactly one row for a singular request,
 * or more rows than a strict max-affected allows.
 */
export function respond(prep: Prepared, row: ResultRow, plannedTotal: number | null): RestResponse {
  const pageTotal = row.page_total;
  let total = prep.count === 'planned' ? plannedTotal : toNumber(row.total_result_set);
  if (prep.count === 'estimated' && total !== null && total > MAX_ROWS && plannedTotal !== null) {
    total = Math.max(total, plannedTotal);
  }
  if (prep.media.kind === 'singular' && pageTotal !== 1 && !prep.voidResult)
    throw singularityError(pageTotal);
  if (prep.maxAffected !== undefined && pageTotal > prep.maxAffected) {
    throw new PgrstError(
      400,
      'PGRST124',
      'Query result exceeds max-affected preference constraint',
      `The query affects ${pageTotal} rows`,
    );
  }
  const headers: Record<string, string> = {};
  if (prep.appliedPrefs) headers['Preference-Applied'] = prep.appliedPrefs;
  const withBody = (status: number, body: string | null): RestResponse => {
    if (body !== null) headers['Content-Type'] = prep.media.contentType;
    return applyGucs(row, { status, headers, body });
  };
  const counted = prep.count !== undefined ? pageTotal : null;

  switch (prep.kind) {
    case 'read':
    case 'call': {
      headers['Content-Range'] = contentRange(prep.offset, prep.offset + pageTotal - 1, total);
      if (prep.voidResult) return applyGucs(row, { status: 204, headers, body: null });
      const status = rangeStatus(prep.offset, pageTotal, total);
      if (status === 416) {
        throw new PgrstError(
          416,
          'PGRST103',
          'Requested range not satisfiable',
          `An offset of ${prep.offset} was requested, but there are only ${total ?? 0} rows.`,
        );
      }
      return withBody(status, prep.headOnly ? '' : row.body);
    }
    case 'insert': {
      headers['Content-Range'] = contentRange(1, 0, counted);
      if (prep.headersOnly && pageTotal === 1 && prep.pk.length && row.body) {
        const rec = (JSON.parse(row.body) as Record<string, unknown>[])[0] ?? {};
        const q = prep.pk.map(
          (k) =>
            `${encodeURIComponent(k)}=${rec[k] === null ? 'is.null' : `eq.${encodeURIComponent(String(rec[k]))}`}`,
        );
        headers.Location = `/${prep.resource}?${q.join('&')}`;
      }
      const inserted = row.response_inserted;
      const status =
        prep.upsertMerge && inserted !== null && inserted !== undefined && inserted <= 0
          ? 200
          : 201;
      return prep.representation
        ? withBody(status, row.body)
        : applyGucs(row, { status, headers, body: null });
    }
    case 'update':
    case 'delete': {
      headers['Content-Range'] =
        prep.kind === 'update'
          ? contentRange(0, pageTotal - 1, counted)
          : contentRange(1, 0, counted);
      return prep.representation
        ? withBody(200, row.body)
        : applyGucs(row, { status: 204, headers, body: null });
    }
  }
}
