import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningStack } from '../../local/stack';
import { startTestStack } from '../helpers/stack';
import {
  closeClients,
  FIXTURE_DIR,
  listen,
  newId,
  rtClient,
  type Change,
  type Vsn,
} from './helpers';

let stack: RunningStack;
beforeAll(async () => {
  stack = await startTestStack({ supabaseDir: FIXTURE_DIR });
});
afterAll(() => stack?.stop());
afterEach(closeClients);

const sql = (text: string, params: unknown[] = []) => stack.db.query(text, params);

describe.each<Vsn>(['2.0.0', '1.0.0'])('postgres_changes over vsn %s', (vsn) => {
  it('delivers INSERT, UPDATE and DELETE with typed records and hosted payload fields', async () => {
    const client = await rtClient(stack, { vsn, key: stack.serviceRoleKey });
    const { inbox, system } = await listen(client, [{ event: '*', table: 'notices' }]);
    expect(system).toMatchObject({
      extension: 'postgres_changes',
      status: 'ok',
      message: 'Subscribed to PostgreSQL',
    });

    const id = newId();
    await sql('insert into notices (id, level, body) values ($1, 3, $2)', [id, 'hello']);
    const ins = await inbox.next();
    expect(ins).toMatchObject({
      schema: 'public',
      table: 'notices',
      eventType: 'INSERT',
      errors: null,
    });
    expect(ins.new).toEqual({ id, level: 3, body: 'hello' });
    expect(ins.old).toEqual({});
    expect(ins.commit_timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    await sql('update notices set body = $2 where id = $1', [id, 'changed']);
    const upd = await inbox.next();
    expect(upd.eventType).toBe('UPDATE');
    expect(upd.new).toEqual({ id, level: 3, body: 'changed' });
    // notices has REPLICA IDENTITY FULL and no RLS: the whole old row.
    expect(upd.old).toEqual({ id, level: 3, body: 'hello' });

    await sql('delete from notices where id = $1', [id]);
    const del = await inbox.next();
    expect(del.eventType).toBe('DELETE');
    expect(del.new).toEqual({});
    expect(del.old).toEqual({ id, level: 3, body: 'changed' });
  });
});

it('keeps only the primary key in old_record under the default replica identity', async () => {
  const client = await rtClient(stack, { key: stack.serviceRoleKey });
  const { inbox } = await listen(client, [{ event: '*', table: 'orders' }]);
  const id = newId();
  await sql(`insert into orders (id, tenant_id, total) values ($1, 't1', 12.5)`, [id]);
  expect((await inbox.next()).new).toMatchObject({
    id,
    tenant_id: 't1',
    total: 12.5,
    status: 'open',
  });
  await sql(`update orders set status = 'paid' where id = $1`, [id]);
  const upd = await inbox.next();
  expect(upd.new).toMatchObject({ status: 'paid' });
  expect(upd.old).toEqual({ id });
  await sql('delete from orders where id = $1', [id]);
  expect((await inbox.next()).old).toEqual({ id });
});

it('applies every filter operator, negation and comma-joined filters', async () => {
  const cases: [string, number[]][] = [
    ['level=eq.5', [5]],
    ['level=neq.5', [1, 3, 7, 9]],
    ['level=lt.5', [1, 3]],
    ['level=lte.5', [1, 3, 5]],
    ['level=gt.5', [7, 9]],
    ['level=gte.5', [5, 7, 9]],
    ['level=in.(1,5,9)', [1, 5, 9]],
    ['level=not.eq.5', [1, 3, 7, 9]],
    ['level=not.in.(1,5,9)', [3, 7]],
    ['level=not.lt.7', [7, 9]],
    ['level=gt.1,level=lt.9', [3, 5, 7]],
    ['body=eq."a,b"', [3]],
    ['body=in.("a,b",plain)', [3, 7]],
  ];
  const client = await rtClient(stack, { key: stack.serviceRoleKey });
  const { inboxes } = await listen(
    client,
    cases.map(([filter]) => ({ event: 'INSERT', table: 'notices', filter })),
  );
  const bodies: Record<number, string> = { 3: 'a,b', 7: 'plain' };
  for (const level of [1, 3, 5, 7, 9])
    await sql('insert into notices (id, level, body) values ($1, $2, $3)', [
      newId(),
      level,
      bodies[level] ?? 'x',
    ]);
  // Each binding gets exactly its rows, in commit order, and nothing after them.
  const got = await Promise.all(
    inboxes.map(async (inbox, i) => {
      const rows: Change[] = [];
      for (const _ of cases[i]![1]) rows.push(await inbox.next());
      return [...rows, ...(await inbox.drain(300))];
    }),
  );
  cases.forEach(([filter, levels], i) => {
    expect({ filter, levels: got[i]!.map((c) => c.new.level) }).toEqual({ filter, levels });
  });
});

it('delivers only the event types a binding asked for', async () => {
  const client = await rtClient(stack, { key: stack.serviceRoleKey });
  const { inboxes } = await listen(client, [
    { event: 'INSERT', table: 'notices' },
    { event: 'UPDATE', table: 'notices' },
    { event: 'DELETE', table: 'notices' },
  ]);
  const id = newId();
  await sql(`insert into notices (id, level, body) values ($1, 1, 'x')`, [id]);
  await sql(`update notices set level = 2 where id = $1`, [id]);
  await sql('delete from notices where id = $1', [id]);
  const [ins, upd, del] = inboxes.map((i) => i.next());
  expect((await ins!).eventType).toBe('INSERT');
  expect((await upd!).eventType).toBe('UPDATE');
  expect((await del!).eventType).toBe('DELETE');
  const rest = await Promise.all(inboxes.map((i) => i.drain(300)));
  expect(rest.flat()).toEqual([]);
});

it('filters a DELETE on the old row, so only replica identity columns can match', async () => {
  const client = await rtClient(stack, { key: stack.serviceRoleKey });
  const { inboxes } = await listen(client, [
    { event: 'DELETE', table: 'notices', filter: 'level=eq.4' },
    { event: 'DELETE', table: 'orders', filter: 'tenant_id=eq.t1' },
  ]);
  const [n, o] = [newId(), newId()];
  await sql(`insert into notices (id, level, body) values ($1, 4, 'x')`, [n]);
  await sql(`insert into orders (id, tenant_id) values ($1, 't1')`, [o]);
  await sql('delete from notices where id = $1', [n]);
  await sql('delete from orders where id = $1', [o]);
  expect((await inboxes[0]!.next()).old).toMatchObject({ id: n, level: 4 });
  // orders keeps only its key for a DELETE, so a filter on tenant_id cannot match (as hosted).
  expect(await inboxes[1]!.drain(400)).toEqual([]);
});

it('limits the record to the selected columns plus the primary key', async () => {
  const client = await rtClient(stack, { key: stack.serviceRoleKey });
  const { inbox } = await listen(client, [{ event: 'INSERT', table: 'notices', select: ['body'] }]);
  const id = newId();
  await sql(`insert into notices (id, level, body) values ($1, 8, 'only body')`, [id]);
  expect((await inbox.next()).new).toEqual({ id, body: 'only body' });
});

it('subscribes to every published table of a schema when no table is named', async () => {
  const client = await rtClient(stack, { key: stack.serviceRoleKey });
  const channel = client.channel(`schema-wide-${newId()}`);
  const seen: Change[] = [];
  const system: Record<string, unknown>[] = [];
  channel.on(
    'postgres_changes',
    { event: 'INSERT', schema: 'public' },
    (p) => void seen.push(p as unknown as Change),
  );
  channel.on('system', {}, (p) => void system.push(p));
  await new Promise<void>((res) => channel.subscribe((s) => s === 'SUBSCRIBED' && res()));
  await expect.poll(() => system.length).toBe(1);
  await sql(`insert into notices (id, level, body) values ($1, 1, 'x')`, [newId()]);
  await sql(`insert into orders (id, tenant_id) values ($1, 't9')`, [newId()]);
  await sql(`insert into ledger (id, amount) values ($1, 1)`, [newId()]);
  await expect.poll(() => seen.map((c) => c.table).sort()).toEqual(['notices', 'orders']);
});

describe('a binding the server cannot serve', () => {
  const cases: [string, { table: string; filter?: string }, RegExp][] = [
    [
      'an unpublished table',
      { table: 'ledger' },
      /Please check Realtime is enabled for the given connect parameters: \[event: \*, schema: public, table: ledger/,
    ],
    [
      'an unknown operator',
      { table: 'notices', filter: 'level=foo.3' },
      /^Error parsing `filter` params: \["foo", "3"\]$/,
    ],
    [
      'an unknown column',
      { table: 'notices', filter: 'nope=eq.3' },
      /invalid column for filter nope/,
    ],
    [
      'a value of the wrong type',
      { table: 'notices', filter: 'level=eq.abc' },
      /invalid input syntax for type integer/,
    ],
    [
      'an `in` without parentheses',
      { table: 'notices', filter: 'level=in.1,2' },
      /`in` filter value must be wrapped by parentheses/,
    ],
  ];
  it.each(cases)('is refused with a system error for %s', async (_name, binding, message) => {
    const client = await rtClient(stack, { key: stack.serviceRoleKey });
    const { system } = await listen(client, [{ event: '*', ...binding }]);
    expect(system).toMatchObject({ extension: 'postgres_changes', status: 'error' });
    expect(system.message).toMatch(message);
  });
});
