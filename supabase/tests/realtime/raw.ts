import WebSocket from 'ws';
import { Inbox } from './helpers';

/** A decoded server frame: [join_ref, ref, topic, event, payload] whatever the serializer. */
export type Frame = [string | null, string | null, string, string, Record<string, unknown>];

/**
 * A socket below supabase-js, for what the client hides or never does: raw frames, malformed
 * input, not reading at all.
 */
export class RawSocket {
  readonly frames = new Inbox<Frame>();
  readonly closed: Promise<{ code: number; reason: string }>;
  private ref = 0;

  private constructor(
    readonly ws: WebSocket,
    readonly vsn: '1.0.0' | '2.0.0',
  ) {
    ws.binaryType = 'nodebuffer';
    ws.on('message', (data: Buffer, isBinary) => {
      if (isBinary) return this.frames.push([null, null, '', 'binary', { bytes: data }]);
      const m = JSON.parse(data.toString()) as unknown;
      if (Array.isArray(m)) this.frames.push(m as Frame);
      else {
        const o = m as Record<string, unknown>;
        this.frames.push([o.join_ref, o.ref, o.topic, o.event, o.payload] as Frame);
      }
    });
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  static open(baseUrl: string, apikey: string, vsn: '1.0.0' | '2.0.0' = '2.0.0') {
    const url = `${baseUrl.replace(/^http/, 'ws')}/realtime/v1/websocket?apikey=${apikey}&vsn=${vsn}`;
    const ws = new WebSocket(url);
    return new Promise<RawSocket>((resolve, reject) => {
      ws.once('open', () => resolve(new RawSocket(ws, vsn)));
      ws.once('error', reject);
    });
  }

  /** Sends a push and returns its ref. */
  push(topic: string, event: string, payload: unknown, joinRef: string | null = null): string {
    const ref = String(++this.ref);
    const frame =
      this.vsn === '2.0.0'
        ? [joinRef, ref, topic, event, payload]
        : { join_ref: joinRef, ref, topic, event, payload };
    this.ws.send(JSON.stringify(frame));
    return ref;
  }

  /** The next frame matching `pred`, skipping others. */
  async next(pred: (f: Frame) => boolean, timeoutMs = 4_000): Promise<Frame> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const f = await this.frames.next(Math.max(1, until - Date.now()));
      if (pred(f)) return f;
    }
  }

  reply(ref: string, timeoutMs?: number): Promise<Frame> {
    return this.next((f) => f[3] === 'phx_reply' && f[1] === ref, timeoutMs);
  }

  async join(topic: string, payload: Record<string, unknown> = {}): Promise<Frame> {
    const ref = this.push(topic, 'phx_join', { config: {}, ...payload }, String(this.ref + 1));
    return this.reply(ref);
  }

  close(): void {
    this.ws.terminate();
  }
}
