import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { RunningStack } from '../../local/stack';
import { startTestStack } from '../helpers/stack';
import { closeClients, FIXTURE_DIR, Inbox, rtClient, subscribe, userToken } from './helpers';

let stack: RunningStack;
beforeAll(async () => {
  stack = await startTestStack({ supabaseDir: FIXTURE_DIR });
});
afterAll(() => stack?.stop());
afterEach(closeClients);

const member = async (tenant: string) =>
  rtClient(stack, { token: await userToken(stack, { tenant }) });

it('lets members join their tenant channel and refuses other tenants', async () => {
  const client = await member('t1');
  expect((await subscribe(client.channel('tenant:t1', { config: { private: true } }))).status).toBe(
    'SUBSCRIBED',
  );
  const refused = await subscribe(client.channel('tenant:t2', { config: { private: true } }));
  expect(refused.status).toBe('CHANNEL_ERROR');
  expect(refused.error?.message).toBe(
    'Unauthorized: You do not have permissions to read from this Channel topic: tenant:t2',
  );
});

it('refuses the anon key on a private channel and lets service_role in', async () => {
  const anon = await subscribe(
    (await rtClient(stack)).channel('tenant:t1', { config: { private: true } }),
  );
  expect(anon.status).toBe('CHANNEL_ERROR');
  const service = await rtClient(stack, { key: stack.serviceRoleKey });
  expect(
    (await subscribe(service.channel('tenant:t1', { config: { private: true } }))).status,
  ).toBe('SUBSCRIBED');
});

it('drops broadcasts the insert policies refuse, so an ack never comes', async () => {
  const listener = (await member('t1')).channel('announce:t1', { config: { private: true } });
  const heard = new Inbox<unknown>();
  listener.on('broadcast', { event: '*' }, heard.push);
  expect((await subscribe(listener)).status).toBe('SUBSCRIBED');

  const speaker = (await member('t1')).channel('announce:t1', {
    config: { private: true, broadcast: { ack: true } },
  });
  expect((await subscribe(speaker)).status).toBe('SUBSCRIBED');
  expect(await speaker.send({ type: 'broadcast', event: 'x', payload: {} }, { timeout: 400 })).toBe(
    'timed out',
  );
  expect(await heard.drain(200)).toEqual([]);

  // The back office may speak there: service_role bypasses RLS.
  const office = (await rtClient(stack, { key: stack.serviceRoleKey })).channel('announce:t1', {
    config: { private: true, broadcast: { ack: true } },
  });
  expect((await subscribe(office)).status).toBe('SUBSCRIBED');
  expect(await office.send({ type: 'broadcast', event: 'closing', payload: { at: '21:00' } })).toBe(
    'ok',
  );
  expect(await heard.next()).toMatchObject({ event: 'closing', payload: { at: '21:00' } });
});
