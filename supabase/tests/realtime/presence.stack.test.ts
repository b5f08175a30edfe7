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

interface PresenceEvent {
  event: 'join' | 'leave';
  key: string;
  newPresences?: Record<string, unknown>[];
  leftPresences?: Record<string, unknown>[];
}

async function present(client: SupabaseClient, name: string, key: string, isPrivate = false) {
  const channel = client.channel(name, { config: { presence: { key }, private: isPrivate } });
  const events = new Inbox<PresenceEvent>();
  channel.on('presence', { event: 'join' }, (p) => events.push({ ...p, event: 'join' }));
  channel.on('presence', { event: 'leave' }, (p) => events.push({ ...p, event: 'leave' }));
  const s = await subscribe(channel);
  expect(s.status).toBe('SUBSCRIBED');
  return { channel, events };
}

/** The next join or leave for `key`, skipping the client's own. */
async function nextFor(events: Inbox<PresenceEvent>, key: string): Promise<PresenceEvent> {
  for (;;) {
    const e = await events.next();
    if (e.key === key) return e;
  }
}

const keys = (ch: RealtimeChannel) => Object.keys(ch.presenceState()).sort();

it.each<Vsn>(['2.0.0', '1.0.0'])(
  'tracks joins and leaves across two clients (vsn %s)',
  async (vsn) => {
    const name = `till-${vsn}`;
    const a = await present(await rtClient(stack, { vsn }), name, 'kasir-a');
    expect(await a.channel.track({ till: 1 })).toBe('ok');
    expect(await nextFor(a.events, 'kasir-a')).toMatchObject({ event: 'join' });

    const bClient = await rtClient(stack, { vsn });
    const b = await present(bClient, name, 'kasir-b');
    // The joiner receives presence_state with everyone already there.
    await expect.poll(() => keys(b.channel)).toEqual(['kasir-a']);
    expect(await b.channel.track({ till: 2 })).toBe('ok');

    const joined = await nextFor(a.events, 'kasir-b');
    expect(joined.event).toBe('join');
    expect(joined.newPresences?.[0]).toMatchObject({ till: 2 });
    expect(joined.newPresences?.[0]?.presence_ref).toEqual(expect.any(String));
    await expect.poll(() => keys(a.channel)).toEqual(['kasir-a', 'kasir-b']);

    // Dropping the socket leaves presence, as a closed tab does.
    bClient.realtime.disconnect();
    expect(await nextFor(a.events, 'kasir-b')).toMatchObject({ event: 'leave' });
    await expect.poll(() => keys(a.channel)).toEqual(['kasir-a']);
  },
);

it('reports an update as one diff: a leave of the old meta and a join of the new one', async () => {
  const a = await present(await rtClient(stack), 'update-room', 'a');
  const b = await present(await rtClient(stack), 'update-room', 'b');
  await a.channel.track({ status: 'idle' });
  expect((await nextFor(b.events, 'a')).newPresences?.[0]).toMatchObject({ status: 'idle' });
  await a.channel.track({ status: 'busy' });
  const events = [await nextFor(b.events, 'a'), await nextFor(b.events, 'a')];
  const joined = events.find((e) => e.event === 'join');
  const left = events.find((e) => e.event === 'leave');
  expect(joined?.newPresences).toEqual([expect.objectContaining({ status: 'busy' })]);
  expect(left?.leftPresences).toEqual([expect.objectContaining({ status: 'idle' })]);
  // presenceState() after such a diff is not asserted: realtime-js 2.109 strips phx_ref from its
  // live state while building these events, so the old meta lingers on the client
  // (supabase/supabase-js#2565), whatever the server sends.

  await a.channel.untrack();
  expect(await nextFor(b.events, 'a')).toMatchObject({
    event: 'leave',
    leftPresences: [expect.objectContaining({ status: 'busy' })],
  });
});

it('shares private presence only with members allowed to read the channel', async () => {
  const t1 = await userToken(stack, { tenant: 't1' });
  const a = await present(await rtClient(stack, { token: t1 }), 'tenant:t1', 'a', true);
  const b = await present(await rtClient(stack, { token: t1 }), 'tenant:t1', 'b', true);
  expect(await a.channel.track({ on: true })).toBe('ok');
  expect(await nextFor(b.events, 'a')).toMatchObject({ event: 'join' });
});
