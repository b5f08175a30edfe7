import { randomBytes } from 'node:crypto';

/** One tracked presence as Phoenix.Presence lists it: the client's payload plus refs. */
export type Meta = Record<string, unknown> & { phx_ref: string; phx_ref_prev?: string };
export type PresenceMap = Record<string, { metas: Meta[] }>;
export interface PresenceDiff {
  joins: PresenceMap;
  leaves: PresenceMap;
}

/** Phoenix refs are opaque short strings; the client only compares them. */
const newRef = () => randomBytes(12).toString('base64url');

/**
 * Presence of one topic: per key, the metas of every channel tracking under it (several tabs of
 * the same user share a key). Tracking again replaces the channel's meta, reported as a leave
 * of the old ref and a join carrying `phx_ref_prev`, as Phoenix.Presence.update does.
 */
export class PresenceTopic<Owner> {
  private readonly byKey = new Map<string, Map<Owner, Meta>>();

  get empty(): boolean {
    return this.byKey.size === 0;
  }

  state(): PresenceMap {
    const out: PresenceMap = {};
    for (const [key, owners] of this.byKey) out[key] = { metas: [...owners.values()] };
    return out;
  }

  track(owner: Owner, key: string, payload: Record<string, unknown>): PresenceDiff {
    const owners = this.byKey.get(key) ?? new Map<Owner, Meta>();
    this.byKey.set(key, owners);
    const previous = owners.get(owner);
    const meta: Meta = { ...payload, phx_ref: newRef() };
    if (previous) meta.phx_ref_prev = previous.phx_ref;
    owners.set(owner, meta);
    return {
      joins: { [key]: { metas: [meta] } },
      leaves: previous ? { [key]: { metas: [previous] } } : {},
    };
  }

  /** null when the owner tracked nothing under that key. */
  untrack(owner: Owner, key: string): PresenceDiff | null {
    const owners = this.byKey.get(key);
    const previous = owners?.get(owner);
    if (!owners || !previous) return null;
    owners.delete(owner);
    if (owners.size === 0) this.byKey.delete(key);
    return { joins: {}, leaves: { [key]: { metas: [previous] } } };
  }
}
