import type { RawData, WebSocket } from 'ws';
import type { Channel } from './channel';
import type { Frame } from './fanout';
import { handleJoin } from './join';
import {
  decodeFrame,
  encodeMessage,
  MalformedFrame,
  type Inbound,
  type Outbound,
  type Vsn,
} from './serializer';
import type { RealtimeServices } from './services';

/** Frames waiting behind a slow one (a join that asks the database); past it the client floods. */
const MAX_PENDING = 1000;

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/**
 * One client socket. Frames are handled one at a time, in order, so a push that follows a join
 * sees the joined channel. Every failure stays on this socket: a frame that cannot be read or
 * handled closes it, and nothing else.
 */
export class Connection {
  readonly channels = new Map<string, Channel>();
  lastSeen = Date.now();
  closed = false;
  private queue: Promise<void> = Promise.resolve();
  private pending = 0;
  private joins: number[] = [];

  constructor(
    private readonly rt: RealtimeServices,
    readonly ws: WebSocket,
    readonly vsn: Vsn,
    /** The `apikey` the socket connected with: the join token when a join names none. */
    readonly tenantToken: string,
  ) {
    ws.on('message', (data, isBinary) => this.onFrame(toBuffer(data), isBinary));
    ws.on('close', () => this.cleanup());
    ws.on('error', () => this.terminate());
  }

  send(frame: Frame): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    this.ws.send(frame);
    // A client that stops reading must not make this process hold its messages without bound.
    if (this.ws.bufferedAmount > this.rt.limits.maxBufferedBytes) this.terminate();
  }

  sendMessage(m: Outbound): void {
    this.send(encodeMessage(this.vsn, m));
  }

  reply(msg: Inbound, status: 'ok' | 'error', response: Record<string, unknown>): void {
    this.sendMessage({
      joinRef: msg.joinRef,
      ref: msg.ref,
      topic: msg.topic,
      event: 'phx_reply',
      payload: { status, response },
    });
  }

  /** Runs `task` in this socket's order; a task that throws ends the socket. */
  enqueue(task: () => Promise<void> | void): void {
    if (this.closed) return;
    if (++this.pending > MAX_PENDING) return this.close(1008, 'too many pending messages');
    this.queue = this.queue
      .then(() => (this.closed ? undefined : task()))
      .catch((err: unknown) => {
        console.error('realtime: closing a socket after an error', err);
        this.close(1011, 'internal error');
      })
      .finally(() => {
        this.pending--;
      });
  }

  /** A sliding one-second window of joins. */
  allowJoin(): boolean {
    const now = Date.now();
    this.joins = this.joins.filter((t) => now - t < 1000);
    if (this.joins.length >= this.rt.limits.maxJoinsPerSecond) return false;
    this.joins.push(now);
    return true;
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.ws.close(code, reason);
    this.cleanup();
  }

  /** Closes after the replies already queued have been written. */
  closeSoon(code: number, reason: string): void {
    setImmediate(() => this.close(code, reason));
  }

  terminate(): void {
    this.ws.terminate();
    this.cleanup();
  }

  private onFrame(data: Buffer, isBinary: boolean): void {
    if (this.closed) return;
    this.lastSeen = Date.now();
    let msg: Inbound;
    try {
      msg = decodeFrame(this.vsn, data, isBinary);
    } catch (err) {
      // 1007: invalid frame payload data. Only this socket is affected.
      const why = err instanceof MalformedFrame ? err.message : 'unreadable frame';
      return this.close(1007, why.slice(0, 120));
    }
    this.enqueue(() => this.route(msg));
  }

  private async route(msg: Inbound): Promise<void> {
    if (msg.topic === 'phoenix') {
      if (msg.event === 'heartbeat') this.reply(msg, 'ok', {});
      return;
    }
    if (msg.event === 'phx_join') return handleJoin(this.rt, this, msg);
    const channel = this.channels.get(msg.topic);
    if (channel && (msg.joinRef === null || msg.joinRef === channel.joinRef))
      return channel.handle(msg);
    // Leaving something already gone succeeds; any other push to it is refused, as in Phoenix.
    if (msg.event === 'phx_leave') return this.reply(msg, 'ok', {});
    this.reply(msg, 'error', { reason: 'unmatched topic' });
  }

  private cleanup(): void {
    if (this.closed) return;
    this.closed = true;
    for (const channel of [...this.channels.values()]) channel.close();
    this.channels.clear();
  }
}
