import type { Database } from '../../db/types';
import { Catalog } from './catalog';
import { planChange, type ChangeRow, type Row } from './dispatch';
import { Registry, type ChangeSubscriber } from './registry';
import { subscribeBindings, type SubscribeResult } from './subscribe';

/** The bootstrap's capture trigger and DDL event trigger both notify here ('c' / 'd'). */
const CHANNEL = 'realtime_local';
const BATCH = 500;
const CONCURRENCY = 8;

interface DrainedRow {
  relid: number | string;
  kind: ChangeRow['kind'];
  record: Row | string | null;
  old_record: Row | string | null;
  ts: string;
}

const json = (v: Row | string | null): Row | null =>
  typeof v === 'string' ? (JSON.parse(v) as Row) : v;

/**
 * Turns rows captured in realtime.changes into postgres_changes messages. One drain runs at a
 * time, so changes reach each client in capture order; a NOTIFY during a drain just asks for one
 * more pass. Rows are deleted as they are read: the queue never outgrows one burst.
 */
export class ChangeFeed {
  private readonly catalog: Catalog;
  private readonly registry = new Registry();
  private unlisten: (() => Promise<void>) | null = null;
  private draining: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  /** false when the DDL event trigger could not be installed (not a superuser). */
  private ddlWatched = true;

  constructor(private readonly db: Database) {
    this.catalog = new Catalog(db);
  }

  async start(): Promise<void> {
    const watched = await this.db.query(
      "select 1 from pg_event_trigger where evtname = 'realtime_local_ddl' and evtenabled <> 'D'",
    );
    this.ddlWatched = watched.rows.length > 0;
    // Migrations ran before this point; tables published by them get their triggers now.
    await this.db.query('select realtime.local_sync_triggers()');
    // Nobody was subscribed before this boot, so nothing queued can be owed to anyone.
    await this.db.query('delete from realtime.changes');
    this.unlisten = await this.db.listen(CHANNEL, (payload) => {
      if (payload === 'd') this.catalog.invalidate();
      else this.kick();
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.unlisten?.();
    this.unlisten = null;
    await this.draining;
  }

  /** After migrations or any change the server learns of outside the event trigger. */
  schemaChanged(): void {
    this.catalog.invalidate();
  }

  async subscribe(
    subscriber: ChangeSubscriber,
    bindings: { raw: unknown; id: number }[],
  ): Promise<SubscribeResult> {
    if (!this.ddlWatched) {
      await this.db.query('select realtime.local_sync_triggers()');
      this.catalog.invalidate();
    }
    return subscribeBindings(this.db, this.catalog, this.registry, subscriber, bindings);
  }

  unsubscribe(subscriber: ChangeSubscriber): void {
    this.registry.remove(subscriber);
  }

  private kick(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drainLoop().finally(() => {
      this.draining = null;
    });
  }

  private async drainLoop(): Promise<void> {
    do {
      this.again = false;
      try {
        const n = await this.drainOnce();
        if (n === BATCH) this.again = true;
      } catch (err) {
        if (!this.stopped) console.error('realtime: draining changes failed', err);
      }
    } while (this.again && !this.stopped);
  }

  private async drainOnce(): Promise<number> {
    if (this.registry.empty) {
      await this.db.query('delete from realtime.changes');
      return 0;
    }
    const res = await this.db.query<DrainedRow>(
      `with d as (
         delete from realtime.changes
         where id in (select id from realtime.changes order by id limit $1)
         returning id, relid, kind, record, old_record, committed_at
       )
       select relid, kind, record, old_record,
              to_char(committed_at at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as ts
       from d order by id`,
      [BATCH],
    );
    const rows: ChangeRow[] = res.rows.map((r) => ({
      relid: Number(r.relid),
      kind: r.kind,
      record: json(r.record),
      old_record: json(r.old_record),
      ts: r.ts,
    }));
    // A few checks run at once (PostgreSQL has a pool; PGlite queues them), in chunks so one
    // burst cannot take every pooled connection; delivery keeps capture order.
    for (let i = 0; i < rows.length; i += CONCURRENCY) {
      const plans = await Promise.all(
        rows.slice(i, i + CONCURRENCY).map((row) =>
          planChange(this.db, this.catalog, this.registry, row).catch((err: unknown) => {
            console.error('realtime: could not dispatch a change', err);
            return [];
          }),
        ),
      );
      for (const plan of plans) for (const d of plan) d.subscriber.deliverChange(d.payloadJson);
    }
    return rows.length;
  }
}
