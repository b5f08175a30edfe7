import { randomUUID } from 'node:crypto';
import { readPolicies, type Extension } from './authorize';
import { bindingId } from './changes/params';
import { Channel } from './channel';
import type { Connection } from './connection';
import type { Inbound } from './serializer';
import type { RealtimeServices } from './services';
import { checkToken } from './token';

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * phx_join on `realtime:<name>`, in hosted Realtime's order (RealtimeChannel.join/3): limits,
 * token, private-channel read permission; then the ok reply echoing each postgres_changes
 * binding with its id, presence_state, and finally the postgres_changes `system` message once
 * the bindings are registered, so a change committed after that message reaches the client.
 */
export async function handleJoin(
  rt: RealtimeServices,
  conn: Connection,
  msg: Inbound,
): Promise<void> {
  const fail = (reason: string) => conn.reply(msg, 'error', { reason });
  if (!msg.topic.startsWith('realtime:')) return fail('unmatched topic');
  const name = msg.topic.slice('realtime:'.length);
  if (name === '') return fail('TopicNameRequired: You must provide a topic name');

  // Joining a topic again replaces the earlier channel, as Phoenix does.
  conn.channels.get(msg.topic)?.closeWithNotice();
  if (!conn.allowJoin()) {
    fail('ClientJoinRateLimitReached: Too many joins per second');
    conn.closeSoon(1008, 'too many joins per second');
    return;
  }
  if (conn.channels.size >= rt.limits.maxChannelsPerConnection)
    return fail('ChannelRateLimitReached: Too many channels');

  const payload = isObject(msg.payload) ? msg.payload : {};
  const config = isObject(payload.config) ? payload.config : {};
  const given = [payload.access_token, payload.user_token].find((t) => typeof t === 'string');
  const token = typeof given === 'string' && !given.startsWith('sb_') ? given : conn.tenantToken;
  const check = await checkToken(token, rt.config.jwtSecret);
  if (!check.ok) return fail(`${check.code}: ${check.message}`);

  const isPrivate = config.private === true;
  const presence = isObject(config.presence) ? config.presence : {};
  const broadcast = isObject(config.broadcast) ? config.broadcast : {};
  const presenceEnabled = presence.enabled === true;
  let read: Record<Extension, boolean> = { broadcast: true, presence: true };
  if (isPrivate) {
    const wanted: Extension[] = presenceEnabled ? ['broadcast', 'presence'] : ['broadcast'];
    read = await readPolicies(rt.db, { topic: name, claims: check.claims }, wanted);
    if (!read.broadcast && !read.presence)
      return fail(
        `Unauthorized: You do not have permissions to read from this Channel topic: ${name}`,
      );
  }
  if (conn.closed) return;

  const rawBindings = Array.isArray(config.postgres_changes)
    ? config.postgres_changes.filter((b): b is unknown => b !== null && b !== undefined)
    : [];
  const bindings = rawBindings.map((raw) => ({ raw, id: bindingId(raw) }));
  const channel = new Channel(rt, conn, {
    topic: msg.topic,
    name,
    joinRef: msg.joinRef,
    isPrivate,
    token,
    claims: check.claims,
    selfBroadcast: broadcast.self === true,
    ack: broadcast.ack === true,
    presenceKey:
      typeof presence.key === 'string' && presence.key !== '' ? presence.key : randomUUID(),
    read,
  });
  conn.channels.set(msg.topic, channel);
  rt.hub.join(channel);
  channel.scheduleTokenCheck();

  conn.reply(msg, 'ok', {
    postgres_changes: bindings.map(({ raw, id }) => (isObject(raw) ? { ...raw, id } : { id })),
  });
  // Change capture is always on here, so a client that asks is told at once.
  if (broadcast.replication_ready === true)
    channel.push('system', {
      extension: 'system',
      status: 'ok',
      message: 'Replication connection established',
      channel: name,
    });
  if (presenceEnabled && channel.canReceive('presence'))
    channel.push('presence_state', rt.hub.presenceState(channel.key));

  if (bindings.length > 0) {
    let result: { ok: boolean; message: string };
    try {
      result = await rt.changes.subscribe(channel, bindings);
    } catch (err) {
      result = { ok: false, message: err instanceof Error ? err.message : String(err) };
    }
    if (!channel.closed)
      channel.push('system', {
        extension: 'postgres_changes',
        status: result.ok ? 'ok' : 'error',
        message: result.message,
        channel: name,
      });
  }
}
