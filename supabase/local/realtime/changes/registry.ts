import type { ChangeEvent, Filter } from './params';

/** A joined channel as the change path sees it; role and claims follow token refreshes. */
export interface ChangeSubscriber {
  readonly topic: string;
  readonly role: string;
  readonly claimsJson: string;
  readonly closed: boolean;
  /** Sends a `postgres_changes` message whose payload is already JSON text. */
  deliverChange(payloadJson: string): void;
}

export interface Binding {
  /** The id echoed in the join reply; listed in `ids` of each change it receives. */
  id: number;
  subscriber: ChangeSubscriber;
  event: ChangeEvent;
  filters: Filter[];
  /** Same filters, same key: the visibility check evaluates each distinct set once. */
  filtersKey: string;
  select: string[] | null;
}

/** postgres_changes bindings by table oid. */
export class Registry {
  private readonly byTable = new Map<number, Set<Binding>>();
  private readonly bySubscriber = new Map<ChangeSubscriber, { relid: number; b: Binding }[]>();

  get empty(): boolean {
    return this.byTable.size === 0;
  }

  add(relid: number, b: Binding): void {
    let set = this.byTable.get(relid);
    if (!set) this.byTable.set(relid, (set = new Set()));
    set.add(b);
    const mine = this.bySubscriber.get(b.subscriber) ?? [];
    mine.push({ relid, b });
    this.bySubscriber.set(b.subscriber, mine);
  }

  remove(subscriber: ChangeSubscriber): void {
    for (const { relid, b } of this.bySubscriber.get(subscriber) ?? []) {
      const set = this.byTable.get(relid);
      set?.delete(b);
      if (set?.size === 0) this.byTable.delete(relid);
    }
    this.bySubscriber.delete(subscriber);
  }

  matching(relid: number, kind: string): Binding[] {
    const out: Binding[] = [];
    for (const b of this.byTable.get(relid) ?? [])
      if (b.event === '*' || b.event === kind) out.push(b);
    return out;
  }
}
