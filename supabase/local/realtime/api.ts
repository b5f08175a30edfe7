import { Hono, type Context } from 'hono';
import { bearerToken } from '../jwt';
import { writePolicy } from './authorize';
import { fanoutBroadcast, fanoutUserBroadcast, type Fanout } from './fanout';
import { roomKey } from './hub';
import type { RealtimeServices } from './services';
import { checkToken, tenantToken, type RealtimeClaims } from './token';

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

interface Message {
  topic: string;
  event: string;
  payload: unknown;
  private: boolean;
  id?: string;
}

/**
 * Hosted Realtime's REST broadcast (RealtimeWeb.BroadcastController and BatchBroadcast): public
 * messages go out at once; private ones only for topics whose realtime.messages insert policies
 * let the caller send, and refused ones are dropped silently. Either way the answer is 202.
 */
export function broadcastApi(rt: RealtimeServices): Hono {
  const api = new Hono();

  const authorize = async (c: Context): Promise<RealtimeClaims | Response> => {
    const raw = bearerToken(c.req.raw.headers);
    if (!raw) return c.json({ message: 'Missing authorization' }, 401);
    const check = await checkToken(await tenantToken(raw, rt.config), rt.config.jwtSecret);
    return check.ok ? check.claims : c.json({ message: check.message }, 401);
  };

  const send = async (claims: RealtimeClaims, topic: string, isPrivate: boolean, f: Fanout) => {
    if (isPrivate && !(await writePolicy(rt.db, { topic, claims }, 'broadcast'))) return;
    rt.hub.broadcast(roomKey(topic, isPrivate), f, null, true);
  };

  api.post('/broadcast', async (c) => {
    const claims = await authorize(c);
    if (claims instanceof Response) return claims;
    const body: unknown = await c.req.json().catch(() => null);
    const list = isObject(body) ? body.messages : undefined;
    if (!Array.isArray(list) || list.length === 0)
      return c.json({ errors: { messages: ["can't be blank"] } }, 422);
    const messages: Message[] = [];
    for (const m of list) {
      if (
        !isObject(m) ||
        typeof m.topic !== 'string' ||
        typeof m.event !== 'string' ||
        !isObject(m.payload)
      )
        return c.json(
          {
            errors: {
              messages: [
                {
                  topic: ["can't be blank"],
                  event: ["can't be blank"],
                  payload: ["can't be blank"],
                },
              ],
            },
          },
          422,
        );
      messages.push({
        topic: m.topic,
        event: m.event,
        payload: m.payload,
        private: m.private === true,
        ...(typeof m.id === 'string' && { id: m.id }),
      });
    }
    // A topic's permission is asked once per request, however many messages it has.
    const allowed = new Map<string, Promise<boolean>>();
    for (const m of messages) {
      if (m.private && !allowed.has(m.topic))
        allowed.set(m.topic, writePolicy(rt.db, { topic: m.topic, claims }, 'broadcast'));
    }
    for (const m of messages) {
      if (m.private && !(await allowed.get(m.topic))) continue;
      const payload: Record<string, unknown> = {
        type: 'broadcast',
        event: m.event,
        payload: m.payload,
      };
      if (m.id) payload.meta = { id: m.id };
      rt.hub.broadcast(
        roomKey(m.topic, m.private),
        fanoutBroadcast(`realtime:${m.topic}`, payload),
        null,
        true,
      );
    }
    return c.body(null, 202);
  });

  // httpSend(): the body is the payload itself, JSON or raw bytes.
  api.post('/broadcast/:topic/events/:event', async (c) => {
    const claims = await authorize(c);
    if (claims instanceof Response) return claims;
    const topic = c.req.param('topic');
    const event = c.req.param('event');
    const isPrivate = c.req.query('private') === 'true';
    const wire = `realtime:${topic}`;
    const type = c.req.header('content-type') ?? '';
    let f: Fanout;
    if (type.startsWith('application/octet-stream')) {
      const bytes = Buffer.from(await c.req.arrayBuffer());
      f = fanoutUserBroadcast(wire, { event, encoding: 'binary', bytes, meta: '' });
    } else {
      const payload: unknown = await c.req.json().catch(() => undefined);
      if (payload === undefined) return c.json({ message: 'Invalid JSON body' }, 422);
      f = fanoutBroadcast(wire, { type: 'broadcast', event, payload });
    }
    await send(claims, topic, isPrivate, f);
    return c.body(null, 202);
  });

  return api;
}
