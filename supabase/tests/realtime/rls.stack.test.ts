import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { signJwt } from '../../local/jwt';
import type { RunningStack } from '../../local/stack';
import { startTestStack } from '../helpers/stack';
import { closeClients, FIXTURE_DIR, listen, newId, rtClient, userToken } from './helpers';

let stack: RunningStack;
beforeAll(async () => {
  stack = await startTestStack({ supabaseDir: FIXTURE_DIR });
});
afterAll(() => stack?.stop());
afterEach(closeClients);

const sql = (text: string, params: unknown[] = []) => stack.db.query(text, params);
const member = async (tenant: string, vsn: '1.0.0' | '2.0.0' = '2.0.0') =>
  rtClient(stack, { vsn, token: await userToken(stack, { tenant }) });
const orders = [{ event: '*' as const, table: 'orders' }];

it("never shows a tenant another tenant's inserts and updates", async () => {
  const a = await listen(await member('t1'), orders);
  const b = await listen(await member('t2', '1.0.0'), orders);
  const [idA, idB] = [newId(), newId()];
  await sql(`insert into orders (id, tenant_id) values ($1, 't1')`, [idA]);
  await sql(`insert into orders (id, tenant_id) values ($1, 't2')`, [idB]);
  expect((await a.inbox.next()).new).toMatchObject({ id: idA, tenant_id: 't1' });
  expect((await b.inbox.next()).new).toMatchObject({ id: idB, tenant_id: 't2' });

  await sql(`update orders set status = 'paid' where id = any($1)`, [[idA, idB]]);
  expect((await a.inbox.next()).new).toMatchObject({ id: idA, status: 'paid' });
  expect((await b.inbox.next()).new).toMatchObject({ id: idB, status: 'paid' });
  expect([...(await a.inbox.drain()), ...(await b.inbox.drain(0))]).toEqual([]);
});

it("keeps another tenant's rows hidden even when the filter names that tenant", async () => {
  const spy = await listen(await member('t2'), [
    { event: '*', table: 'orders', filter: 'tenant_id=eq.t1' },
  ]);
  const owner = await listen(await member('t1'), orders);
  const id = newId();
  await sql(`insert into orders (id, tenant_id, note) values ($1, 't1', 'secret')`, [id]);
  expect((await owner.inbox.next()).new).toMatchObject({ id, note: 'secret' });
  expect(await spy.inbox.drain()).toEqual([]);
});

it('shows nothing to the anon role and everything to service_role', async () => {
  const anon = await listen(await rtClient(stack), orders);
  const service = await listen(await rtClient(stack, { key: stack.serviceRoleKey }), orders);
  const [x, y] = [newId(), newId()];
  await sql(`insert into orders (id, tenant_id) values ($1, 't1'), ($2, 't2')`, [x, y]);
  const seen = [await service.inbox.next(), await service.inbox.next()].map((c) => c.new.id);
  expect(seen.sort()).toEqual([x, y].sort());
  expect(await anon.inbox.drain()).toEqual([]);
});

it('delivers deletes unfiltered by RLS, revealing only the primary key', async () => {
  const other = await listen(await member('t2'), orders);
  const id = newId();
  await sql(`insert into orders (id, tenant_id, note) values ($1, 't1', 'private')`, [id]);
  await sql('delete from orders where id = $1', [id]);
  const del = await other.inbox.next();
  expect(del).toMatchObject({ eventType: 'DELETE', old: { id } });
  expect(Object.keys(del.old)).toEqual(['id']);
});

it('sends only the columns the role may select', async () => {
  const mine = await listen(await member('t1'), [{ event: '*', table: 'items' }]);
  const id = newId();
  await sql(`insert into items (id, tenant_id, name, cost) values ($1, 't1', 'kopi', 9.5)`, [id]);
  const ins = await mine.inbox.next();
  expect(ins.new).toEqual({ id, tenant_id: 't1', name: 'kopi' });
  // REPLICA IDENTITY FULL, but with RLS on a DELETE still shows only the key.
  await sql('delete from items where id = $1', [id]);
  expect((await mine.inbox.next()).old).toEqual({ id });
});

it('re-checks rows with the claims of a refreshed token', async () => {
  const client = await member('t1');
  const sub = await listen(client, orders);
  await client.realtime.setAuth(await userToken(stack, { tenant: 't2' }));
  // The access_token push has no reply. A socket's pushes are handled in order, so once a later
  // push is answered the new claims are in force.
  expect(await sub.channel.track({})).toBe('ok');
  const [old, now] = [newId(), newId()];
  await sql(`insert into orders (id, tenant_id) values ($1, 't1')`, [old]);
  await sql(`insert into orders (id, tenant_id) values ($1, 't2')`, [now]);
  expect((await sub.inbox.next()).new).toMatchObject({ id: now, tenant_id: 't2' });
  expect(await sub.inbox.drain()).toEqual([]);
});

it('hides a change only from the subscriber whose policy check fails', async () => {
  const claims = (shop: string) =>
    signJwt(
      {
        sub: crypto.randomUUID(),
        role: 'authenticated',
        exp: Math.floor(Date.now() / 1000) + 600,
        app_metadata: { shop },
      },
      stack.jwtSecret,
    );
  const good = await listen(await rtClient(stack, { token: await claims('7') }), [
    { event: 'INSERT', table: 'shifts' },
  ]);
  const broken = await listen(await rtClient(stack, { token: await claims('seven') }), [
    { event: 'INSERT', table: 'shifts' },
  ]);
  const id = newId();
  await sql('insert into shifts (id, shop) values ($1, 7)', [id]);
  expect((await good.inbox.next()).new).toEqual({ id, shop: 7 });
  expect(await broken.inbox.drain()).toEqual([]);
});
