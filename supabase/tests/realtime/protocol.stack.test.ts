import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { RunningStack } from '../../local/stack';
import { startTestStack } from '../helpers/stack';
import { closeClients, FIXTURE_DIR, Inbox, newId, rtClient, subscribe, userToken } from './helpers';
import { RawSocket } from './raw';

let stack: RunningStack;
const sockets: RawSocket[] = [];
beforeAll(async () => {
  stack = await startTestStack({ supabaseDir: FIXTURE_DIR });
});
afterAll(() => stack?.stop());
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await closeClients();
});

const open = async (vsn: '1.0.0' | '2.0.0' = '2.0.0') => {
  const s = await RawSocket.open(stack.url, stack.anonKey, vsn);
  sockets.push(s);
  return s;
};

it.each(['2.0.0', '1.0.0'] as const)(
  'answers heartbeats on the phoenix topic (vsn %s)',
  async (vsn) => {
    const s = await open(vsn);
    const ref = s.push('phoenix', 'heartbeat', {});
    expect(await s.reply(ref)).toEqual([
      null,
      ref,
      'phoenix',
      'phx_reply',
      { status: 'ok', response: {} },
    ]);
  },
);

it('refuses pushes to a topic the socket has not joined', async () => {
  const s = await open();
  const ref = s.push('realtime:elsewhere', 'broadcast', {
    type: 'broadcast',
    event: 'x',
    payload: {},
  });
  expect((await s.reply(ref))[4]).toEqual({
    status: 'error',
    response: { reason: 'unmatched topic' },
  });
  const join = await s.join('realtime:');
  expect(join[4]).toEqual({
    status: 'error',
    response: { reason: 'TopicNameRequired: You must provide a topic name' },
  });
});

it('echoes each binding with its id and sends changes as realtime-js reads them', async () => {
  const s = await open();
  const binding = { event: 'INSERT', schema: 'public', table: 'items' };
  const reply = await s.join('realtime:wire', {
    config: { postgres_changes: [binding] },
    access_token: await userToken(stack, { tenant: 't1' }),
  });
  const response = (reply[4] as { response: { postgres_changes: { id: number }[] } }).response;
  expect(response.postgres_changes).toEqual([{ ...binding, id: expect.any(Number) }]);
  const id = response.postgres_changes[0]!.id;
  const system = await s.next((f) => f[3] === 'system');
  expect(system[0]).toBe(reply[0]); // pushed by the channel: it carries the join_ref
  expect(system[4]).toEqual({
    extension: 'postgres_changes',
    status: 'ok',
    message: 'Subscribed to PostgreSQL',
    channel: 'wire',
  });

  const row = newId();
  await stack.db.query(
    `insert into items (id, tenant_id, name, cost) values ($1, 't1', 'teh', 4)`,
    [row],
  );
  const change = await s.next((f) => f[3] === 'postgres_changes');
  expect(change.slice(0, 3)).toEqual([null, null, 'realtime:wire']);
  const data = change[4].data as Record<string, unknown>;
  expect(change[4].ids).toEqual([id]);
  // The authenticated role may not select items.cost, so it is neither listed nor sent.
  expect(data.columns).toEqual([
    { name: 'id', type: 'int8' },
    { name: 'tenant_id', type: 'text' },
    { name: 'name', type: 'text' },
  ]);
  expect(data).toMatchObject({ schema: 'public', table: 'items', type: 'INSERT', errors: null });
  expect(data.record).toEqual({ id: row, tenant_id: 't1', name: 'teh' });
});

it.each([
  ['text that is not JSON', 'not json'],
  ['a JSON object on a vsn 2.0.0 socket', JSON.stringify({ topic: 'phoenix', event: 'heartbeat' })],
  ['an array too short', JSON.stringify([null, '1', 'phoenix'])],
  ['an unknown binary kind', Buffer.from([9, 0, 0, 0])],
  ['a truncated binary broadcast', Buffer.from([3, 5, 5, 5, 5, 0, 1, 65])],
])('closes only the socket that sent %s', async (_name, frame) => {
  const listener = (await rtClient(stack)).channel('survivors');
  const heard = new Inbox<unknown>();
  listener.on('broadcast', { event: '*' }, heard.push);
  expect((await subscribe(listener)).status).toBe('SUBSCRIBED');

  const bad = await open();
  bad.ws.send(frame);
  expect((await bad.closed).code).toBe(1007);

  const good = await open();
  await good.join('realtime:survivors');
  good.push(
    'realtime:survivors',
    'broadcast',
    { type: 'broadcast', event: 'still', payload: { up: true } },
    '1',
  );
  expect(await heard.next()).toMatchObject({ event: 'still', payload: { up: true } });
});

it('replaces an earlier channel when the same topic is joined again', async () => {
  const s = await open();
  const first = await s.join('realtime:twice');
  const ref = s.push('realtime:twice', 'phx_join', { config: {} }, 'second');
  const seen = [await s.frames.next(), await s.frames.next()];
  // The old channel is closed (phx_close with its join_ref) before the new join is answered.
  expect(seen.map((f) => [f[0], f[3]])).toEqual([
    [first[0], 'phx_close'],
    ['second', 'phx_reply'],
  ]);
  expect(seen[1]![1]).toBe(ref);
  expect(seen[1]![4]).toMatchObject({ status: 'ok' });
});
