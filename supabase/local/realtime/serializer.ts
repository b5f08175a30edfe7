/**
 * Phoenix socket framing as realtime-js speaks it. vsn 1.0.0: JSON objects. vsn 2.0.0: JSON arrays
 * `[join_ref, ref, topic, event, payload]`, plus binary user broadcasts: kind 3 from the client
 * (rj/src/lib/serializer.ts `_encodeUserBroadcastPush`) and kind 4 to it (supabase/realtime
 * lib/realtime_web/socket/v2_serializer.ex `fastlane!(%UserBroadcast{})`).
 */
export type Vsn = '1.0.0' | '2.0.0';

/** A frame the client sent, decoded. */
export interface Inbound {
  joinRef: string | null;
  ref: string | null;
  topic: string;
  event: string;
  payload: unknown;
  /** Set for a binary kind-3 broadcast; `payload` is then undefined. */
  userBroadcast?: UserBroadcast;
}

/** A broadcast whose payload travels as bytes (JSON text or opaque binary). */
export interface UserBroadcast {
  event: string;
  encoding: 'json' | 'binary';
  bytes: Buffer;
  /** JSON object text, or '' when the client sent no metadata. */
  meta: string;
}

export interface Outbound {
  joinRef: string | null;
  ref: string | null;
  topic: string;
  event: string;
  payload: unknown;
}

/** A frame this server cannot read: the socket that sent it is closed, nothing else. */
export class MalformedFrame extends Error {
  override name = 'MalformedFrame';
}

const KIND_USER_BROADCAST_PUSH = 3;
const KIND_USER_BROADCAST = 4;

function refOrNull(v: unknown, what: string): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  throw new MalformedFrame(`${what} must be a string`);
}

function checked(topic: unknown, event: unknown): { topic: string; event: string } {
  if (typeof topic !== 'string' || typeof event !== 'string')
    throw new MalformedFrame('topic and event must be strings');
  return { topic, event };
}

export function decodeFrame(vsn: Vsn, data: Buffer, isBinary: boolean): Inbound {
  if (isBinary) {
    if (vsn !== '2.0.0') throw new MalformedFrame('binary frames need vsn 2.0.0');
    return decodeBinary(data);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(data.toString('utf8'));
  } catch {
    throw new MalformedFrame('frame is not JSON');
  }
  if (vsn === '2.0.0') {
    if (!Array.isArray(parsed) || parsed.length < 5) throw new MalformedFrame('expected V2 array');
    const [joinRef, ref, topic, event, payload] = parsed as unknown[];
    return {
      joinRef: refOrNull(joinRef, 'join_ref'),
      ref: refOrNull(ref, 'ref'),
      ...checked(topic, event),
      payload,
    };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new MalformedFrame('expected a message object');
  const m = parsed as Record<string, unknown>;
  return {
    joinRef: refOrNull(m.join_ref, 'join_ref'),
    ref: refOrNull(m.ref, 'ref'),
    ...checked(m.topic, m.event),
    payload: m.payload,
  };
}

function decodeBinary(buf: Buffer): Inbound {
  if (buf.length < 7 || buf[0] !== KIND_USER_BROADCAST_PUSH)
    throw new MalformedFrame('unsupported binary frame');
  const [joinRefLen, refLen, topicLen, eventLen, metaLen, encoding] = [1, 2, 3, 4, 5, 6].map(
    (i) => buf[i]!,
  ) as [number, number, number, number, number, number];
  if (encoding > 1) throw new MalformedFrame('unknown payload encoding');
  let at = 7;
  const take = (len: number): string => {
    if (at + len > buf.length) throw new MalformedFrame('binary frame is truncated');
    const s = buf.toString('utf8', at, at + len);
    at += len;
    return s;
  };
  const joinRef = take(joinRefLen);
  const ref = take(refLen);
  const topic = take(topicLen);
  const event = take(eventLen);
  const meta = take(metaLen);
  const bytes = buf.subarray(at);
  try {
    if (meta) JSON.parse(meta);
    if (encoding === 1) JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new MalformedFrame('broadcast payload or metadata is not JSON');
  }
  return {
    joinRef: joinRef || null,
    ref: ref || null,
    topic,
    event: 'broadcast',
    payload: undefined,
    userBroadcast: { event, encoding: encoding === 1 ? 'json' : 'binary', bytes, meta },
  };
}

export function encodeMessage(vsn: Vsn, m: Outbound): string {
  if (vsn === '2.0.0') return JSON.stringify([m.joinRef, m.ref, m.topic, m.event, m.payload]);
  return JSON.stringify({
    topic: m.topic,
    event: m.event,
    payload: m.payload,
    ref: m.ref,
    join_ref: m.joinRef,
  });
}

/** Kind 4: what a vsn 2.0.0 client decodes to `{type:'broadcast', event, payload, meta?}`. */
export function encodeUserBroadcast(topic: string, b: UserBroadcast): Buffer {
  const topicBuf = Buffer.from(topic, 'utf8');
  const eventBuf = Buffer.from(b.event, 'utf8');
  const metaBuf = Buffer.from(b.meta, 'utf8');
  if (topicBuf.length > 255 || eventBuf.length > 255 || metaBuf.length > 255)
    throw new RangeError('topic, event and metadata must each fit in 255 bytes');
  const header = Buffer.from([
    KIND_USER_BROADCAST,
    topicBuf.length,
    eventBuf.length,
    metaBuf.length,
    b.encoding === 'json' ? 1 : 0,
  ]);
  return Buffer.concat([header, topicBuf, eventBuf, metaBuf, b.bytes]);
}

/** A server push whose payload is JSON text already: built once, spliced into each frame. */
export function encodeRawPayload(vsn: Vsn, topic: string, event: string, payloadJson: string) {
  const t = JSON.stringify(topic);
  const e = JSON.stringify(event);
  if (vsn === '2.0.0') return `[null,null,${t},${e},${payloadJson}]`;
  return `{"topic":${t},"event":${e},"payload":${payloadJson},"ref":null,"join_ref":null}`;
}
