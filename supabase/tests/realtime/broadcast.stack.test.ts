import type { RealtimeChannel, SupabaseClient } from '@supabase/supabase-js';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { RunningStack } from '../../local/stack';
import { startTestStack } from '../helpers/stack';
import {
  closeClients,
  FIXTURE_DIR,
  Inbox,
  rtClient,
  subscribe,
  userToken,
  type Vsn,
} from './helpers';

let stack: RunningStack;
beforeAll(async () => {
  stack = await startTestStack({ supabaseDir: FIXTURE_DIR });
});
afterAll(() => stack?.stop());
afterEach(closeClients);

type Msg = { type: string; event: string; payload: unknown; meta?: unknown };

async function room(
  client: SupabaseClient,
  name: string,
  config: { self?: boolean; ack?: boolean; private?: boolean } = {},
): Promise<{ channel: RealtimeChannel; inbox: Inbox<Msg> }> {
  const channel = client.channel(name, {
    config: {
      broadcast: { self: config.self ?? false, ack: config.ack ?? false },
      private: config.private ?? false,
    },
  });
  const inbox = new Inbox<Msg>();
  channel.on('broadcast', { event: '*' }, inbox.push as (p: unknown) => void);
  const s = await subscribe(channel);
  expect(s.status).toBe('SUBSCRIBED');
  return { channel, inbox };
}

it.each<[Vsn, Vsn]>([
  ['2.0.0', '2.0.0'],
  ['2.0.0', '1.0.0'],
  ['1.0.0', '2.0.0'],
])(
  'carries a broadcast from a vsn %s sender to a vsn %s listener, not back to the sender',
  async (from, to) => {
    const name = `cart-${from}-${to}`;
    const sender = await room(await rtClient(stack, { vsn: from }), name);
    const listener = await room(await rtClient(stack, { vsn: to }), name);
    expect(
      await sender.channel.send({
        type: 'broadcast',
        event: 'scan',
        payload: { sku: 'A1', qty: 2 },
      }),
    ).toBe('ok');
    expect(await listener.inbox.next()).toEqual({
      type: 'broadcast',
      event: 'scan',
      payload: { sku: 'A1', qty: 2 },
    });
    expect(await sender.inbox.drain()).toEqual([]);
  },
);

it('echoes to the sender with self and acknowledges with ack', async () => {
  const me = await room(await rtClient(stack), 'self-ack', { self: true, ack: true });
  expect(await me.channel.send({ type: 'broadcast', event: 'ping', payload: { n: 1 } })).toBe('ok');
  expect(await me.inbox.next()).toMatchObject({ event: 'ping', payload: { n: 1 } });
});

it('passes binary payloads through to vsn 2.0.0 listeners', async () => {
  const sender = await room(await rtClient(stack), 'bytes');
  const listener = await room(await rtClient(stack), 'bytes');
  await sender.channel.send({
    type: 'broadcast',
    event: 'blob',
    payload: new Uint8Array([1, 2, 3]).buffer,
  });
  const got = await listener.inbox.next();
  expect(got.event).toBe('blob');
  expect([...new Uint8Array(got.payload as ArrayBuffer)]).toEqual([1, 2, 3]);
});

it('keeps public and private channels of the same name apart', async () => {
  const token = await userToken(stack, { tenant: 't1' });
  const pub = await room(await rtClient(stack, { token }), 'tenant:t1');
  const priv = await room(await rtClient(stack, { token }), 'tenant:t1', { private: true });
  const sender = await room(await rtClient(stack, { token }), 'tenant:t1', {
    private: true,
    ack: true,
  });
  expect(
    await sender.channel.send({ type: 'broadcast', event: 'till', payload: { open: true } }),
  ).toBe('ok');
  expect((await priv.inbox.next()).payload).toEqual({ open: true });
  expect(await pub.inbox.drain()).toEqual([]);
});

const post = (path: string, body: unknown, headers: Record<string, string>) =>
  fetch(`${stack.url}/realtime/v1/api${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

it('accepts REST broadcasts with 202 and delivers them', async () => {
  const listener = await room(await rtClient(stack, { vsn: '1.0.0' }), 'rest-room');
  const res = await post(
    '/broadcast',
    { messages: [{ topic: 'rest-room', event: 'price', payload: { sku: 'B2', price: 5000 } }] },
    { apikey: stack.anonKey },
  );
  expect(res.status).toBe(202);
  expect(await listener.inbox.next()).toEqual({
    type: 'broadcast',
    event: 'price',
    payload: { sku: 'B2', price: 5000 },
  });
});

it('refuses REST broadcasts without a valid token or with a malformed body', async () => {
  expect((await post('/broadcast', { messages: [] }, { apikey: 'nope' })).status).toBe(401);
  expect(
    (await post('/broadcast', { messages: [{ topic: 'x' }] }, { apikey: stack.anonKey })).status,
  ).toBe(422);
});

it('sends private REST broadcasts only where the caller may send', async () => {
  const t1 = await userToken(stack, { tenant: 't1' });
  const t2 = await userToken(stack, { tenant: 't2' });
  const mine = await room(await rtClient(stack, { token: t1 }), 'tenant:t1', { private: true });
  const theirs = await room(await rtClient(stack, { token: t2 }), 'tenant:t2', { private: true });
  const messages = ['tenant:t1', 'tenant:t2'].map((topic) => ({
    topic,
    event: 'note',
    payload: { topic },
    private: true,
  }));
  const res = await post(
    '/broadcast',
    { messages },
    { apikey: stack.anonKey, Authorization: `Bearer ${t1}` },
  );
  expect(res.status).toBe(202);
  expect((await mine.inbox.next()).payload).toEqual({ topic: 'tenant:t1' });
  expect(await theirs.inbox.drain()).toEqual([]);
});

it('delivers httpSend() through the single-message endpoint', async () => {
  const client = await rtClient(stack);
  const listener = await room(client, 'http-send');
  const sender = (await rtClient(stack)).channel('http-send');
  expect(await sender.httpSend('hello', { from: 'rest' })).toEqual({ success: true });
  expect(await listener.inbox.next()).toMatchObject({ event: 'hello', payload: { from: 'rest' } });
});
