import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { authSettingsFromEnv } from '../../local/config';
import type { StackContext } from '../../local/context';
import { attachRealtime, type RealtimeHandle } from '../../local/realtime/server';
import type { RunningStack } from '../../local/stack';
import { startTestStack } from '../helpers/stack';
import { FIXTURE_DIR } from './helpers';
import { RawSocket } from './raw';

/**
 * Realtime alone on its own port with tight limits, over the stack's database: the limits are
 * options of attachRealtime, not of the stack.
 */
let stack: RunningStack;
let server: Server;
let realtime: RealtimeHandle;
let url: string;
const sockets: RawSocket[] = [];

beforeAll(async () => {
  stack = await startTestStack({ supabaseDir: FIXTURE_DIR });
  server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const ctx: StackContext = {
    db: stack.db,
    config: {
      url,
      jwtSecret: stack.jwtSecret,
      anonKey: stack.anonKey,
      serviceRoleKey: stack.serviceRoleKey,
      auth: authSettingsFromEnv({}),
    },
    onSchemaChange: () => undefined,
  };
  realtime = await attachRealtime(server, new Hono(), ctx, {
    maxChannelsPerConnection: 2,
    maxJoinsPerSecond: 4,
    maxFrameBytes: 128 * 1024,
    maxBufferedBytes: 256 * 1024,
    idleTimeoutMs: 1_500,
  });
});
afterAll(async () => {
  await realtime?.stop();
  server?.close();
  await stack?.stop();
});
afterEach(() => {
  for (const s of sockets.splice(0)) s.close();
});

const open = async () => {
  const s = await RawSocket.open(url, stack.anonKey);
  sockets.push(s);
  return s;
};
const reason = (f: unknown[]) => (f[4] as { response: { reason?: string } }).response.reason;

it('refuses channels past the per-socket limit', async () => {
  const s = await open();
  expect(reason(await s.join('realtime:a'))).toBeUndefined();
  expect(reason(await s.join('realtime:b'))).toBeUndefined();
  expect(reason(await s.join('realtime:c'))).toBe('ChannelRateLimitReached: Too many channels');
});

it('closes a socket that joins faster than the per-second limit', async () => {
  const s = await open();
  const refs = ['w', 'x', 'y', 'z', 'zz'].map((t) =>
    s.push(`realtime:${t}`, 'phx_join', { config: {} }, t),
  );
  const last = await s.reply(refs[4]!);
  expect(reason(last)).toBe('ClientJoinRateLimitReached: Too many joins per second');
  expect((await s.closed).code).toBe(1008);
});

it('closes a socket that sends a frame over the size limit', async () => {
  const s = await open();
  s.push('realtime:big', 'broadcast', { blob: 'x'.repeat(200 * 1024) });
  expect((await s.closed).code).toBe(1009);
});

it('closes a socket that stays silent past the idle timeout', async () => {
  const s = await open();
  const started = Date.now();
  await s.closed;
  expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
});

it('drops a client that stops reading instead of buffering for it', async () => {
  const slow = await open();
  const fast = await open();
  await slow.join('realtime:flood');
  await fast.join('realtime:flood');
  // The slow client's TCP socket stops reading; the kernel buffers fill, then the server's.
  (slow.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
  // It keeps writing heartbeats, so only the unread backlog can be why it is dropped.
  const alive = setInterval(() => slow.push('phoenix', 'heartbeat', {}), 200);
  const chunk = { type: 'broadcast', event: 'bulk', payload: { data: 'y'.repeat(60 * 1024) } };
  for (let i = 0; i < 400; i++) fast.push('realtime:flood', 'broadcast', chunk, '1');
  // The sender stays served: its heartbeat is answered after the flood.
  const ref = fast.push('phoenix', 'heartbeat', {});
  // Generous: on a loaded machine the server may take seconds to work through ~24 MB.
  expect((await fast.reply(ref, 20_000))[4]).toEqual({ status: 'ok', response: {} });
  (slow.ws as unknown as { _socket: { resume(): void } })._socket.resume();
  const { code } = await slow.closed.finally(() => clearInterval(alive));
  expect(code).toBe(1006);
});
