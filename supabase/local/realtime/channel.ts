import { readPolicies, writePolicy, type Extension } from './authorize';
import type { ChangeSubscriber } from './changes/registry';
import type { Connection } from './connection';
import { fanoutBroadcast, fanoutUserBroadcast, type Frame } from './fanout';
import { roomKey, type Member } from './hub';
import { encodeRawPayload, type Inbound } from './serializer';
import type { RealtimeServices } from './services';
import { checkToken, type RealtimeClaims } from './token';

/** Hosted Realtime re-checks a token at least this often, and exactly at its expiry. */
const CONFIRM_TOKEN_MS = 5 * 60_000;

export interface ChannelOptions {
  topic: string;
  /** The topic without `realtime:`; what realtime.topic() returns to policies. */
  name: string;
  joinRef: string | null;
  isPrivate: boolean;
  token: string;
  claims: RealtimeClaims;
  selfBroadcast: boolean;
  ack: boolean;
  presenceKey: string;
  read: Record<Extension, boolean>;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** One joined channel on one socket: broadcast, presence, token refresh and postgres_changes. */
export class Channel implements Member, ChangeSubscriber {
  readonly topic: string;
  readonly name: string;
  readonly joinRef: string | null;
  readonly key: string;
  readonly presenceKey: string;
  closed = false;
  private token: string;
  private claims: RealtimeClaims;
  private json: string;
  private read: Record<Extension, boolean>;
  /** Send permissions, asked of the database on first use and forgotten on a new token. */
  private write: Partial<Record<Extension, boolean>> = {};
  private expiry: NodeJS.Timeout | null = null;

  constructor(
    private readonly rt: RealtimeServices,
    private readonly conn: Connection,
    private readonly opts: ChannelOptions,
  ) {
    this.topic = opts.topic;
    this.name = opts.name;
    this.joinRef = opts.joinRef;
    this.key = roomKey(opts.name, opts.isPrivate);
    this.presenceKey = opts.presenceKey;
    this.token = opts.token;
    this.claims = opts.claims;
    this.json = JSON.stringify(opts.claims);
    this.read = opts.read;
  }

  get vsn() {
    return this.conn.vsn;
  }
  get role(): string {
    return this.claims.role;
  }
  get claimsJson(): string {
    return this.json;
  }

  canReceive(kind: Extension): boolean {
    return !this.opts.isPrivate || this.read[kind];
  }

  deliver(frame: Frame): void {
    this.conn.send(frame);
  }

  deliverChange(payloadJson: string): void {
    this.conn.send(encodeRawPayload(this.conn.vsn, this.topic, 'postgres_changes', payloadJson));
  }

  /** A message from this channel (not a fan-out): it carries the channel's join_ref. */
  push(event: string, payload: unknown): void {
    this.conn.sendMessage({ joinRef: this.joinRef, ref: null, topic: this.topic, event, payload });
  }

  async handle(msg: Inbound): Promise<void> {
    switch (msg.event) {
      case 'broadcast':
        return this.onBroadcast(msg);
      case 'presence':
        return this.onPresence(msg);
      case 'access_token':
        return this.onAccessToken(msg);
      case 'phx_leave':
        this.conn.reply(msg, 'ok', {});
        this.close();
        return;
      default:
        // Hosted Realtime logs unexpected client events and otherwise ignores them.
        return;
    }
  }

  /** At join and after each refresh: re-verify the token when it expires (or every 5 minutes). */
  scheduleTokenCheck(): void {
    if (this.expiry) clearTimeout(this.expiry);
    const ms = Math.min(CONFIRM_TOKEN_MS, Math.max(0, this.claims.exp * 1000 - Date.now()));
    this.expiry = setTimeout(() => this.conn.enqueue(() => this.confirmToken()), ms);
  }

  /** Ends the channel the way hosted Realtime's shutdown_response does. */
  shutdown(message: string): void {
    if (this.closed) return;
    this.push('system', { extension: 'system', status: 'error', message, channel: this.name });
    this.closeWithNotice();
  }

  /** phx_close tells the client the server ended the channel (a duplicate join, a shutdown). */
  closeWithNotice(): void {
    if (this.closed) return;
    this.conn.sendMessage({
      joinRef: this.joinRef,
      ref: this.joinRef,
      topic: this.topic,
      event: 'phx_close',
      payload: {},
    });
    this.close();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.expiry) clearTimeout(this.expiry);
    this.rt.hub.leave(this);
    this.rt.changes.unsubscribe(this);
    if (this.conn.channels.get(this.topic) === this) this.conn.channels.delete(this.topic);
  }

  private async confirmToken(): Promise<void> {
    if (this.closed) return;
    const check = await checkToken(this.token, this.rt.config.jwtSecret);
    if (!check.ok) this.shutdown(check.message);
    else this.scheduleTokenCheck();
  }

  private async canSend(ext: Extension): Promise<boolean> {
    if (!this.opts.isPrivate) return true;
    this.write[ext] ??= await writePolicy(this.rt.db, this.authRequest(), ext);
    return this.write[ext];
  }

  private authRequest() {
    return { topic: this.name, claims: this.claims };
  }

  private async onBroadcast(msg: Inbound): Promise<void> {
    // Hosted Realtime drops a refused private broadcast without a reply, so an ack times out.
    if (!(await this.canSend('broadcast')) || this.closed) return;
    const fanout = msg.userBroadcast
      ? fanoutUserBroadcast(this.topic, msg.userBroadcast)
      : isObject(msg.payload)
        ? fanoutBroadcast(this.topic, msg.payload)
        : null;
    if (fanout) this.rt.hub.broadcast(this.key, fanout, this, this.opts.selfBroadcast);
    if (this.opts.ack) this.conn.reply(msg, 'ok', {});
  }

  private async onPresence(msg: Inbound): Promise<void> {
    const payload = isObject(msg.payload) ? msg.payload : {};
    if (typeof payload.event !== 'string') return this.conn.reply(msg, 'ok', {});
    const event = payload.event.toLowerCase();
    if (event === 'untrack') {
      this.rt.hub.untrack(this);
      return this.conn.reply(msg, 'ok', {});
    }
    if (event !== 'track') return this.conn.reply(msg, 'error', {});
    const meta = payload.payload ?? {};
    if (!isObject(meta))
      return this.conn.reply(msg, 'error', { reason: 'Presence track payload must be a map' });
    if (this.opts.isPrivate && !this.read.presence) {
      // Presence was off at join, so its read permission was never asked for.
      const read = await readPolicies(this.rt.db, this.authRequest(), ['presence']);
      this.read = { ...this.read, presence: read.presence };
    }
    if (!(await this.canSend('presence'))) return this.conn.reply(msg, 'error', {});
    if (this.closed) return;
    this.rt.hub.track(this, meta);
    this.conn.reply(msg, 'ok', {});
  }

  private async onAccessToken(msg: Inbound): Promise<void> {
    const next = isObject(msg.payload) ? msg.payload.access_token : undefined;
    if (typeof next !== 'string' || next.startsWith('sb_') || next === this.token) return;
    const check = await checkToken(next, this.rt.config.jwtSecret);
    if (!check.ok) return this.shutdown(check.message);
    this.token = next;
    this.claims = check.claims;
    this.json = JSON.stringify(check.claims);
    this.write = {};
    if (this.opts.isPrivate) {
      const before = this.read;
      const wanted: Extension[] = before.presence ? ['broadcast', 'presence'] : ['broadcast'];
      this.read = await readPolicies(this.rt.db, this.authRequest(), wanted);
      if ((before.broadcast && !this.read.broadcast) || (before.presence && !this.read.presence))
        return this.shutdown(
          `You no longer have permission to read from this Channel topic: ${this.name}`,
        );
    }
    this.scheduleTokenCheck();
  }
}
