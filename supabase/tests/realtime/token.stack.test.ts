import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { signJwt } from '../../local/jwt';
import type { RunningStack } from '../../local/stack';
import { startTestStack } from '../helpers/stack';
import { closeClients, FIXTURE_DIR, Inbox, rtClient, subscribe, userToken } from './helpers';

let stack: RunningStack;
beforeAll(async () => {
  stack = await startTestStack({ supabaseDir: FIXTURE_DIR });
});
afterAll(() => stack?.stop());
afterEach(closeClients);

const now = () => Math.floor(Date.now() / 1000);

it.each([
  [
    'no exp claim',
    { role: 'authenticated' },
    'InvalidJWTToken: Fields `role` and `exp` are required in JWT',
  ],
  [
    'no role claim',
    { exp: now() + 60 },
    'InvalidJWTToken: Fields `role` and `exp` are required in JWT',
  ],
  [
    'an expired token',
    { role: 'authenticated', exp: now() - 30 },
    /^InvalidJWTToken: Token has expired \d+ seconds ago$/,
  ],
])('refuses a join with %s', async (_name, claims, reason) => {
  const token = await signJwt(claims, stack.jwtSecret);
  const result = await subscribe((await rtClient(stack, { token })).channel('room'));
  expect(result.status).toBe('CHANNEL_ERROR');
  expect(result.error?.message).toMatch(reason);
});

it('refuses a join with a token signed by another secret', async () => {
  const token = await signJwt({ role: 'authenticated', exp: now() + 60 }, 'x'.repeat(40));
  const result = await subscribe((await rtClient(stack, { token })).channel('room'));
  expect(result.error?.message).toBe('JwtSignatureError: Failed to validate JWT signature');
});

it('closes the channel with a system error when its token expires', async () => {
  const client = await rtClient(stack, { token: await userToken(stack, { expiresIn: 2 }) });
  const channel = client.channel('short-lived');
  const system = new Inbox<Record<string, unknown>>();
  channel.on('system', {}, system.push);
  const statuses = new Inbox<string>();
  channel.subscribe((s) => statuses.push(s));
  expect(await statuses.next()).toBe('SUBSCRIBED');
  const msg = await system.next(5_000);
  expect(msg).toMatchObject({ extension: 'system', status: 'error', channel: 'short-lived' });
  expect(msg.message).toMatch(/^Token has expired \d+ seconds ago$/);
  expect(await statuses.next()).toBe('CLOSED');
});

it('closes the channel when the client refreshes to an expired token', async () => {
  const client = await rtClient(stack, { token: await userToken(stack) });
  const channel = client.channel('refresh');
  const system = new Inbox<Record<string, unknown>>();
  channel.on('system', {}, system.push);
  expect((await subscribe(channel)).status).toBe('SUBSCRIBED');
  await client.realtime.setAuth(await userToken(stack, { expiresIn: -10 }));
  expect((await system.next()).message).toMatch(/^Token has expired \d+ seconds ago$/);
  await expect.poll(() => channel.state).toBe('closed');
});

it('refuses a socket without a usable apikey with 401', async () => {
  const status = (query: string) =>
    new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(`${stack.url.replace('http', 'ws')}/realtime/v1/websocket${query}`);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => reject(new Error('the socket opened')));
      ws.on('error', () => undefined);
    });
  expect(await status('?vsn=2.0.0')).toBe(401);
  expect(await status('?vsn=2.0.0&apikey=not-a-jwt')).toBe(401);
});
