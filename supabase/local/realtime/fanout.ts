import {
  encodeMessage,
  encodeUserBroadcast,
  type Outbound,
  type UserBroadcast,
  type Vsn,
} from './serializer';

export type Frame = string | Buffer;

/**
 * One message sent to many sockets. Each serializer's frame is built once and shared, as
 * supabase/realtime's dispatcher caches the encoded message per serializer and topic.
 */
export class Fanout {
  private readonly frames = new Map<Vsn, Frame | null>();

  constructor(private readonly build: (vsn: Vsn) => Frame | null) {}

  /** null: this message cannot be carried to a client of that version (binary to vsn 1). */
  frameFor(vsn: Vsn): Frame | null {
    let f = this.frames.get(vsn);
    if (f === undefined) {
      f = this.build(vsn);
      this.frames.set(vsn, f);
    }
    return f;
  }
}

/** A message with no refs (server-initiated), the same for every recipient on `topic`. */
export function fanoutMessage(topic: string, event: string, payload: unknown): Fanout {
  const m: Outbound = { joinRef: null, ref: null, topic, event, payload };
  return new Fanout((vsn) => encodeMessage(vsn, m));
}

/** A broadcast whose payload is a JSON object `{type:'broadcast', event, payload, …}`. */
export function fanoutBroadcast(topic: string, payload: Record<string, unknown>): Fanout {
  return fanoutMessage(topic, 'broadcast', payload);
}

/**
 * A broadcast that arrived as bytes. vsn 2 clients get it back as a kind-4 frame without the
 * payload ever being parsed; vsn 1 clients get JSON, or nothing when the payload is binary.
 */
export function fanoutUserBroadcast(topic: string, b: UserBroadcast): Fanout {
  return new Fanout((vsn) => {
    if (vsn === '2.0.0') return encodeUserBroadcast(topic, b);
    if (b.encoding !== 'json') return null;
    const payload: Record<string, unknown> = {
      type: 'broadcast',
      event: b.event,
      payload: JSON.parse(b.bytes.toString('utf8')) as unknown,
    };
    if (b.meta) payload.meta = JSON.parse(b.meta) as unknown;
    return encodeMessage(vsn, { joinRef: null, ref: null, topic, event: 'broadcast', payload });
  });
}
