import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRestFixture, type RestFixture } from './setup';

let f: RestFixture;
let before: string;
beforeAll(async () => {
  f = await startRestFixture();
  before = await snapshot();
});
afterAll(() => f?.stop());

const HOSTILE = [
  "'",
  '"',
  "'; drop table public.items; --",
  '"; drop table public.items; --',
  'items"; drop table public.items; --',
  '$$; drop table public.items; $$',
  '$1',
  '$tag$ x $tag$',
  '/* comment */',
  '-- comment',
  ');select pg_sleep(5);--',
  '\\',
  '\\x00',
  '\u0000',
  'a\u0000b',
  '%',
  '*',
  '(',
  ')',
  ',',
  '.',
  '::',
  '->',
  '->>',
  '!inner',
  '{',
  '}',
  '[]',
  'null',
  '-1',
  '99999999999999999999999',
  '1e309',
  'ünïcødé ✓ 🚀',
  '\u202e\u200b',
  'SELECT * FROM pg_authid',
  'pg_catalog.pg_authid',
  'auth.users',
  '../../etc/passwd',
  'a'.repeat(3000),
  ' ',
  '',
];

type Template = (x: string) => { path: string; init?: RequestInit };
const enc = encodeURIComponent;
const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', Prefer: 'tx=rollback', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

const TEMPLATES: [string, Template][] = [
  ['table', (x) => ({ path: `/${enc(x)}` })],
  ['select', (x) => ({ path: `/items?select=${enc(x)}` })],
  ['select cast', (x) => ({ path: `/items?select=id::${enc(x)}` })],
  ['select json path', (x) => ({ path: `/items?select=data->${enc(x)}` })],
  ['embed name', (x) => ({ path: `/items?select=id,${enc(x)}(*)` })],
  ['embed hint', (x) => ({ path: `/sales?select=id,owners!${enc(x)}(name)` })],
  ['embed column', (x) => ({ path: `/items?select=*,owners(${enc(x)})` })],
  ['filter column', (x) => ({ path: `/items?${enc(x)}=eq.1` })],
  ['filter operator', (x) => ({ path: `/items?sku=${enc(x)}` })],
  ['eq value', (x) => ({ path: `/items?sku=eq.${enc(x)}` })],
  ['int value', (x) => ({ path: `/items?id=gt.${enc(x)}` })],
  ['like value', (x) => ({ path: `/items?name=ilike.${enc(x)}` })],
  ['match value', (x) => ({ path: `/items?name=match.${enc(x)}` })],
  ['in value', (x) => ({ path: `/items?sku=in.(${enc(x)},"${enc(x)}")` })],
  ['cs value', (x) => ({ path: `/items?tags=cs.${enc(x)}` })],
  ['jsonb cs value', (x) => ({ path: `/items?data=cs.${enc(x)}` })],
  ['fts value', (x) => ({ path: `/docs?body=fts(${enc(x)}).${enc(x)}` })],
  ['json path filter', (x) => ({ path: `/items?data->>${enc(x)}=eq.${enc(x)}` })],
  ['embed filter', (x) => ({ path: `/items?select=id,sale_items(qty)&sale_items.${enc(x)}=eq.1` })],
  ['or', (x) => ({ path: `/items?or=(${enc(x)})` })],
  ['or value', (x) => ({ path: `/items?or=(sku.eq.${enc(x)},name.eq."${enc(x)}")` })],
  ['order', (x) => ({ path: `/items?order=${enc(x)}` })],
  ['embed order', (x) => ({ path: `/items?select=id,owners(name)&order=owners(${enc(x)})` })],
  ['limit offset', (x) => ({ path: `/items?limit=${enc(x)}&offset=${enc(x)}` })],
  ['insert body key', (x) => ({ path: '/items', init: json({ [x]: x }) })],
  [
    'insert body value',
    (x) => ({ path: '/items', init: json({ sku: x, name: x, data: { [x]: x }, tags: [x] }) }),
  ],
  ['insert raw body', (x) => ({ path: '/items', init: json(x) })],
  ['columns', (x) => ({ path: `/items?columns=${enc(x)}`, init: json([{ sku: 'z', name: 'z' }]) })],
  [
    'on_conflict',
    (x) => ({
      path: `/items?on_conflict=${enc(x)}`,
      init: json(
        { sku: 'A-001', name: 'z' },
        { Prefer: 'tx=rollback, resolution=merge-duplicates' },
      ),
    }),
  ],
  [
    'update',
    (x) => ({ path: `/items?sku=eq.${enc(x)}`, init: { ...json({ name: x }), method: 'PATCH' } }),
  ],
  [
    'delete',
    (x) => ({
      path: `/items?name=like.${enc(x)}`,
      init: { method: 'DELETE', headers: { Prefer: 'tx=rollback' } },
    }),
  ],
  ['rpc name', (x) => ({ path: `/rpc/${enc(x)}`, init: json({}) })],
  ['rpc arg value', (x) => ({ path: '/rpc/greet', init: json({ name: x }) })],
  ['rpc int arg', (x) => ({ path: '/rpc/add_numbers', init: json({ a: x, b: 1 }) })],
  ['rpc arg key', (x) => ({ path: '/rpc/greet', init: json({ [x]: 1 }) })],
  ['rpc get arg', (x) => ({ path: `/rpc/greet?name=${enc(x)}` })],
  ['rpc json arg', (x) => ({ path: '/rpc/echo', init: json({ v: x }) })],
];

const HEADERS = [
  'Prefer',
  'Accept',
  'Accept-Profile',
  'Authorization',
  'apikey',
  'Range',
  'Cookie',
  'X-Client-Info',
];
const headerSafe = (x: string) => /^[\x20-\x7e]*$/.test(x);

/** Every answer must be a clean 2xx/3xx/4xx; errors in PostgREST's JSON shape. */
async function expectClean(label: string, res: Response): Promise<void> {
  const text = await res.text();
  const where = `${label} → ${res.status} ${text.slice(0, 200)}`;
  expect(res.status, where).toBeLessThan(500);
  if (res.status >= 400 && res.status !== 431) {
    expect(res.headers.get('content-type'), where).toContain('application/json');
    const body = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(body).sort(), where).toEqual(['code', 'details', 'hint', 'message']);
    expect(res.headers.get('proxy-status'), where).toBe(`PostgREST; error=${body.code}`);
  } else if (text !== '' && res.headers.get('content-type')?.includes('json')) {
    expect(() => JSON.parse(text), where).not.toThrow();
  }
}

/** Everything a hostile request could damage: catalog objects and every fixture row. */
async function snapshot(): Promise<string> {
  const { rows } = await f.stack.db.query<{ s: string }>(`
    select md5(string_agg(x, '|' order by x)) as s from (
      select 'rel:' || c.relname || ':' || c.relkind::text as x from pg_class c where c.relnamespace = 'public'::regnamespace
      union all select 'fn:' || p.oid::regprocedure::text from pg_proc p where p.pronamespace = 'public'::regnamespace
      union all select 'role:' || rolname || rolsuper::text from pg_roles
      union all select 'owners:' || (select coalesce(json_agg(t order by id), '[]')::text from public.owners t)
      union all select 'items:' || (select coalesce(json_agg(t order by id), '[]')::text from public.items t)
      union all select 'sales:' || (select coalesce(json_agg(t order by id), '[]')::text from public.sales t)
      union all select 'lines:' || (select coalesce(json_agg(t order by sale_id, item_id), '[]')::text from public.sale_items t)
      union all select 'notes:' || (select coalesce(json_agg(t order by id), '[]')::text from public.notes t)
      union all select 'cats:' || (select coalesce(json_agg(t order by id), '[]')::text from public.categories t)
    ) parts`);
  return rows[0]!.s;
}

async function send(
  label: string,
  t: { path: string; init?: RequestInit },
  token: string,
): Promise<void> {
  const headers = new Headers(t.init?.headers);
  headers.set('Authorization', `Bearer ${token}`);
  await expectClean(label, await f.rest(t.path, { ...t.init, headers }));
}

// Writes carry `Prefer: tx=rollback`, so whatever a hostile request manages to do, the last
// test can demand the database be exactly as seeded.
// Hundreds of requests per test: on in-memory PGlite on a busy machine they need more than the
// stack project's 30 s default.
describe('hostile input', { timeout: 120_000 }, () => {
  const tokens = () => [f.tokenA, f.stack.serviceRoleKey];

  it.each(TEMPLATES)('in %s', async (name, template) => {
    await Promise.all(
      HOSTILE.map((x, i) =>
        send(`${name} ${JSON.stringify(x.slice(0, 40))}`, template(x), tokens()[i % 2]!),
      ),
    );
  });

  it.each(HEADERS)('in the %s header', async (header) => {
    for (const x of HOSTILE.filter(headerSafe)) {
      const res = await f.rest('/items?select=id', {
        headers: { Authorization: `Bearer ${f.tokenA}`, [header]: x },
      });
      await expectClean(`header ${header} ${JSON.stringify(x.slice(0, 40))}`, res);
    }
  });

  it('random strings in random positions', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...TEMPLATES),
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'grapheme' }),
          fc.string({ unit: 'binary-ascii', maxLength: 60 }),
        ),
        async ([name, template], x) => {
          await send(`${name} ${JSON.stringify(x)}`, template(x), f.tokenA);
        },
      ),
      { numRuns: 200, seed: 20240611 },
    );
  });

  it('huge bodies, lists and nesting', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => ({
      sku: `H-${i}`,
      name: "x'; drop table items; --".repeat(5),
    }));
    await send('huge body', { path: '/items', init: json(rows) }, f.tokenA);
    await send(
      'huge in-list',
      { path: `/items?id=in.(${Array.from({ length: 1500 }, (_, i) => i).join(',')})` },
      f.tokenA,
    );
    await send(
      'deep or',
      { path: `/items?or=(${'and('.repeat(40)}id.eq.1${')'.repeat(40)})` },
      f.tokenA,
    );
    await send(
      'deep embed',
      { path: `/items?select=${'owners('.repeat(30)}*${')'.repeat(30)}` },
      f.tokenA,
    );
  });

  it('left the database exactly as it was', async () => {
    expect(await snapshot()).toBe(before);
  });
});
