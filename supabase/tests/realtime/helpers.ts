import { fileURLToPath } from 'node:url';
import {
  createClient,
  type RealtimeChannel,
  type RealtimeChannelOptions,
  type SupabaseClient,
} from '@supabase/supabase-js';
import WebSocket from 'ws';
import { signJwt } from '../../local/jwt';
import type { RunningStack } from '../../local/stack';

/** Tenant-scoped orders/items/notices with RLS on auth.jwt(), published for realtime. */
export const FIXTURE_DIR = fileURLToPath(new URL('./fixture', import.meta.url));

export type Vsn = '1.0.0' | '2.0.0';

export interface UserOptions {
  tenant?: string;
  sub?: string;
  role?: string;
  /** Seconds until expiry; default one hour. */
  expiresIn?: number;
}

/** A user access token as GoTrue would mint it: sub, role, exp and the tenant in app_metadata. */
export function userToken(stack: RunningStack, o: UserOptions = {}): Promise<string> {
  return signJwt(
    {
      sub: o.sub ?? crypto.randomUUID(),
      role: o.role ?? 'authenticated',
      exp: Math.floor(Date.now() / 1000) + (o.expiresIn ?? 3600),
      app_metadata: { tenant_id: o.tenant ?? 't1' },
    },
    stack.jwtSecret,
  );
}

const clients: SupabaseClient[] = [];

/**
 * The unmodified supabase-js client. Node 20 has no global WebSocket, so `ws` is the transport;
 * `vsn` picks the serializer (realtime-js reads it from the realtime options, not from params).
 */
export async function rtClient(
  stack: RunningStack,
  opts: { vsn?: Vsn; token?: string; key?: string } = {},
): Promise<SupabaseClient> {
  const client = createClient(stack.url, opts.key ?? stack.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: {
      transport: WebSocket as unknown as typeof globalThis.WebSocket,
      vsn: opts.vsn ?? '2.0.0',
      heartbeatIntervalMs: 5_000,
    },
  });
  if (opts.token) await client.realtime.setAuth(opts.token);
  clients.push(client);
  return client;
}

export async function closeClients(): Promise<void> {
  await Promise.all(
    clients.splice(0).map(async (c) => {
      await c.removeAllChannels();
      c.realtime.disconnect();
    }),
  );
}

/** Events in arrival order; `next` waits for the next unread one. */
export class Inbox<T> {
  private readonly items: T[] = [];
  private readonly waiters: ((v: T) => void)[] = [];

  readonly push = (v: T): void => {
    const w = this.waiters.shift();
    if (w) w(v);
    else this.items.push(v);
  };

  next(timeoutMs = 4_000): Promise<T> {
    const ready = this.items.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(done), 1);
        reject(new Error(`nothing arrived within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = (v: T) => {
        clearTimeout(timer);
        resolve(v);
      };
      this.waiters.push(done);
    });
  }

  /** Asserts silence: resolves with whatever arrived during the wait (expected: nothing). */
  async drain(waitMs = 300): Promise<T[]> {
    await new Promise((r) => setTimeout(r, waitMs));
    return this.items.splice(0);
  }
}

export interface Subscribed {
  status: string;
  error?: Error;
}

/** Subscribes and resolves with the first terminal status (SUBSCRIBED, CHANNEL_ERROR, …). */
export function subscribe(channel: RealtimeChannel, timeoutMs = 5_000): Promise<Subscribed> {
  return new Promise((resolve) => {
    channel.subscribe(
      (status, error) => resolve(error ? { status, error } : { status }),
      timeoutMs,
    );
  });
}

export type Change = Record<string, unknown> & {
  eventType: string;
  new: Record<string, unknown>;
  old: Record<string, unknown>;
};

export interface ChangeBinding {
  event: '*' | 'INSERT' | 'UPDATE' | 'DELETE';
  table: string;
  filter?: string;
  select?: string[];
}

/**
 * A channel listening to postgres_changes, ready once the server's "Subscribed to PostgreSQL"
 * system message arrives (hosted clients wait for the same signal).
 */
export async function listen(
  client: SupabaseClient,
  bindings: ChangeBinding[],
  name = `changes-${crypto.randomUUID()}`,
  config: RealtimeChannelOptions['config'] = {},
) {
  const channel = client.channel(name, { config });
  const inboxes = bindings.map(() => new Inbox<Change>());
  const system = new Inbox<Record<string, unknown>>();
  bindings.forEach((b, i) => {
    channel.on(
      'postgres_changes',
      { schema: 'public', ...b },
      inboxes[i]!.push as unknown as (p: unknown) => void,
    );
  });
  channel.on('system', {}, system.push);
  const status = await subscribe(channel);
  if (status.status !== 'SUBSCRIBED') throw new Error(`${status.status}: ${status.error?.message}`);
  const first = await system.next();
  return { channel, inboxes, inbox: inboxes[0]!, system: first, systemInbox: system };
}

let nextId = 1000;
/** Row ids unique within a test file. */
export const newId = () => nextId++;
