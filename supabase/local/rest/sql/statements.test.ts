import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { negotiate } from '../parse/accept';
import { parsePrefer } from '../parse/prefer';
import { prepareRead, type RestRequest } from '../prepare-read';
import { prepareWrite } from '../prepare-write';
import { buildRelationships } from '../schema/relationships';
import type { Column, SchemaCache, Table } from '../schema/types';

const col = (name: string, type: string, baseType = type): Column => ({
  name,
  type,
  baseType,
  nullable: true,
  defaultExpr: null,
});

function table(name: string, columns: Column[], pk: string[]): Table {
  return {
    schema: 'public',
    name,
    isView: false,
    columns: new Map(columns.map((c) => [c.name, c])),
    columnList: columns,
    pk,
  };
}

const owners = table('owners', [col('id', 'uuid'), col('name', 'text')], ['id']);
const items = table(
  'items',
  [
    col('id', 'bigint', 'int8'),
    col('owner_id', 'uuid'),
    col('sku', 'text'),
    col('data', 'jsonb'),
    col('tags', 'text[]', '_text'),
  ],
  ['id'],
);
const cache: SchemaCache = {
  tables: new Map([
    ['public.owners', owners],
    ['public.items', items],
  ]),
  relationships: buildRelationships([
    {
      name: 'items_owner_id_fkey',
      table: items,
      foreign: owners,
      columns: [['owner_id', 'id']],
      oneToOne: false,
    },
  ]),
  routines: new Map(),
  roles: { allowed: new Set(['anon']), existing: new Set(['anon']), settings: new Map() },
  castTypes: new Map([['text', '"pg_catalog"."text"']]),
};

const request = (method: string, name: string, query: string, prefer?: string): RestRequest => ({
  method,
  name,
  schema: 'public',
  query,
  prefs: parsePrefer(prefer),
  media: negotiate(null).media!,
});

describe('read SQL', () => {
  it('builds PostgREST’s statement shape with every value bound', () => {
    const prep = prepareRead(
      cache,
      request('GET', 'items', 'select=id,owners(name)&sku=eq.A-1&order=id.desc&limit=5'),
    );
    expect(prep.sql).toBe(
      'WITH pgrst_source AS ( SELECT "public"."items"."id", row_to_json("items_owners_1".*)::jsonb AS "owners" ' +
        'FROM "public"."items" LEFT JOIN LATERAL ( SELECT "owners_1"."name" FROM "public"."owners" AS "owners_1" ' +
        'WHERE "owners_1"."id" = "public"."items"."owner_id" LIMIT $1 OFFSET $2 ) AS "items_owners_1" ON TRUE ' +
        'WHERE "public"."items"."sku" = $3 ORDER BY "public"."items"."id" DESC LIMIT $4 OFFSET $5 ) ' +
        'SELECT null::bigint AS total_result_set, pg_catalog.count(_postgrest_t)::int AS page_total, ' +
        "coalesce(json_agg(_postgrest_t), '[]')::text AS body, " +
        "nullif(current_setting('response.headers', true), '') AS response_headers, " +
        "nullif(current_setting('response.status', true), '') AS response_status " +
        'FROM ( SELECT * FROM pgrst_source ) _postgrest_t',
    );
    expect(prep.params).toEqual(['1000', '0', 'A-1', '5', '0']);
  });

  it('never puts a filter value, JSON key or list item into the SQL text', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (raw) => {
        const v = `zq${raw}`;
        const e = encodeURIComponent(v);
        const filters = prepareRead(
          cache,
          request('GET', 'items', `sku=like.${e}&tags=cs.${e}&data->>k=eq.${e}`),
        );
        expect(filters.sql).not.toContain('zq');
        expect(filters.params).toContain(v.split('\u0000').join(''));
        // In a list, logic tree or path, characters like `,` `)` `.` are syntax: such strings are
        // refused (PGRST100) rather than spliced anywhere.
        try {
          const rest = prepareRead(
            cache,
            request(
              'GET',
              'items',
              `or=(sku.eq."${e}",id.in.("${e}"))&order=data->${e}&data->>${e}=eq.1`,
            ),
          );
          expect(rest.sql).not.toContain('zq');
        } catch (err) {
          expect((err as Error).name).toBe('QueryParamError');
        }
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('quotes aliases so no alias can close its identifier', () => {
    const prep = prepareRead(
      cache,
      request('GET', 'items', `select=${encodeURIComponent('"a\\"; drop table x; --":id')}`),
    );
    expect(prep.sql).toContain('AS "a""; drop table x; --"');
  });
});

describe('write SQL', () => {
  it('binds the body as one json parameter and types it from the catalog', () => {
    const body = { raw: '{"sku":"x","data":{"a":1}}', isObject: true, keys: ['sku', 'data'] };
    const prep = prepareWrite(cache, request('POST', 'items', ''), body);
    expect(prep.sql).toContain(
      'json_to_record(pgrst_payload.json_data) AS _("sku" text, "data" jsonb)',
    );
    expect(prep.sql).toContain('RETURNING 1');
    expect(prep.params[prep.bodyParam!]).toBe(body.raw);
  });

  it('refuses unfiltered updates and deletes before reaching the database', () => {
    const body = { raw: '{"sku":"x"}', isObject: true, keys: ['sku'] };
    expect(() => prepareWrite(cache, request('PATCH', 'items', ''), body)).toThrow(
      'UPDATE requires a WHERE clause',
    );
    expect(() => prepareWrite(cache, request('DELETE', 'items', ''), null)).toThrow(
      'DELETE requires a WHERE clause',
    );
  });

  it('answers unknown names with PostgREST errors instead of SQL', () => {
    expect(() => prepareRead(cache, request('GET', 'nope', ''))).toThrow(
      "Could not find the table 'public.nope'",
    );
    expect(() => prepareRead(cache, request('GET', 'items', 'select=nope'))).toThrow(
      'column items.nope does not exist',
    );
    expect(() => prepareRead(cache, request('GET', 'items', 'select=id::nosuch'))).toThrow(
      'type "nosuch" does not exist',
    );
    expect(() =>
      prepareWrite(cache, request('POST', 'items', ''), {
        raw: '{"x":1}',
        isObject: true,
        keys: ['x'],
      }),
    ).toThrow("Could not find the 'x' column of 'items'");
  });
});
