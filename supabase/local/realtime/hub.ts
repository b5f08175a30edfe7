import { fanoutMessage, type Fanout, type Frame } from './fanout';
import { PresenceTopic, type PresenceDiff, type PresenceMap } from './presence';
import type { Vsn } from './serializer';

/** A joined channel as the hub sees it. */
export interface Member {
  /** The wire topic, `realtime:<name>`. */
  readonly topic: string;
  /** Public and private channels of the same name are different rooms (hosted: tenant_topic). */
  readonly key: string;
  readonly vsn: Vsn;
  readonly presenceKey: string;
  /** Private channels: what realtime.messages' select policies allowed at join. */
  canReceive(kind: 'broadcast' | 'presence'): boolean;
  deliver(frame: Frame): void;
}

export function roomKey(name: string, isPrivate: boolean): string {
  return `${isPrivate ? 'private' : 'public'}:${name}`;
}

/** The rooms of this server: who is joined where, and who is present. */
export class Hub {
  private readonly rooms = new Map<string, Set<Member>>();
  private readonly presence = new Map<string, PresenceTopic<Member>>();

  join(m: Member): void {
    let room = this.rooms.get(m.key);
    if (!room) this.rooms.set(m.key, (room = new Set()));
    room.add(m);
  }

  /** Removes the member and announces its presence leave to the others. */
  leave(m: Member): void {
    this.untrack(m);
    const room = this.rooms.get(m.key);
    room?.delete(m);
    if (room?.size === 0) this.rooms.delete(m.key);
  }

  /** Delivers to every member allowed to receive broadcasts, the sender only if `includeSelf`. */
  broadcast(key: string, fanout: Fanout, sender: Member | null, includeSelf: boolean): void {
    for (const m of this.rooms.get(key) ?? []) {
      if (m === sender && !includeSelf) continue;
      if (!m.canReceive('broadcast')) continue;
      const frame = fanout.frameFor(m.vsn);
      if (frame !== null) m.deliver(frame);
    }
  }

  presenceState(key: string): PresenceMap {
    return this.presence.get(key)?.state() ?? {};
  }

  track(m: Member, payload: Record<string, unknown>): void {
    let topic = this.presence.get(m.key);
    if (!topic) this.presence.set(m.key, (topic = new PresenceTopic()));
    this.sendDiff(m, topic.track(m, m.presenceKey, payload));
  }

  untrack(m: Member): void {
    const topic = this.presence.get(m.key);
    const diff = topic?.untrack(m, m.presenceKey);
    if (topic?.empty) this.presence.delete(m.key);
    if (diff) this.sendDiff(m, diff);
  }

  /** presence_diff goes to everyone in the room, the tracker included (Phoenix.Presence). */
  private sendDiff(from: Member, diff: PresenceDiff): void {
    const fanout = fanoutMessage(from.topic, 'presence_diff', diff);
    for (const m of this.rooms.get(from.key) ?? []) {
      if (!m.canReceive('presence')) continue;
      const frame = fanout.frameFor(m.vsn);
      if (frame !== null) m.deliver(frame);
    }
  }
}
