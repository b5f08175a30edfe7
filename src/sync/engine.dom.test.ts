import { afterEach, describe, expect, it } from 'vitest';
import { LapakDb } from '../data/db';
import { commitCommand } from '../data/command-tx';
import { getMeta } from '../data/meta';
import { prng } from '../test/prng';
import { createSyncEngine } from './engine';
import { readSyncStatus } from './status';
import {
  TransportError,
  type PullPage,
  type PushResult,
  type SyncTransport,
  type WireMutation,
} from './transport';

/**
 * A model of the server's contract (docs/sync-protocol.md): each id is applied at most once and a
 * replay returns `duplicate`; `retry` is not recorded; a rejection is recorded. The real
 * sync_push is tested against the same properties in the stack tests; this model lets the engine
 * face thousands of faults in seconds.
 */
class ModelServer {
  applied = new Map<string, number>();
  rejected = new Set<string>();
  blockedUntilSeen = new Map<string, string>();

  handle(m: WireMutation): PushResult {
    if (this.applied.has(m.id) || this.rejected.has(m.id)) {
      return this.rejected.has(m.id)
        ? { id: m.id, status: 'rejected', code: 'invalid_payload', message: 'bad' }
        : { id: m.id, status: 'duplicate' };
    }
    const p = m.payload as { reject?: boolean; dependsOn?: string };
    if (p.dependsOn && !this.applied.has(p.dependsOn))
      return { id: m.id, status: 'retry', code: 'dependency_missing' };
    if (p.reject) {
      this.rejected.add(m.id);
      return { id: m.id, status: 'rejected', code: 'invalid_payload', message: 'bad' };
    }
    this.applied.set(m.id, (this.applied.get(m.id) ?? 0) + 1);
    return { id: m.id, status: 'applied' };
  }
}

type Fault =
  'none' | 'drop-request' | 'drop-response' | 'server-500' | 'duplicate-request' | 'bad-answer';

function faultyTransport(server: ModelServer, nextFault: () => Fault): SyncTransport {
  return {
    async push(mutations) {
      const fault = nextFault();
      if (fault === 'drop-request') throw new TransportError('network', 'Failed to fetch');
      if (fault === 'server-500') throw new TransportError('server', 'HTTP 500', 500);
      const results = mutations.map((m) => server.handle(m));
      if (fault === 'duplicate-request') mutations.forEach((m) => server.handle(m));
      if (fault === 'drop-response') throw new TransportError('network', 'connection reset');
      if (fault === 'bad-answer') return results.slice(1);
      return results;
    },
    async pull(): Promise<PullPage> {
      return { changes: {}, cursors: {}, hasMore: false };
    },
  };
}

const dbs: LapakDb[] = [];
function freshDb(name: string): LapakDb {
  const db = new LapakDb(name);
  dbs.push(db);
  return db;
}
afterEach(async () => {
  while (dbs.length) await dbs.pop()!.delete();
});

async function sell(db: LapakDb, payload: Record<string, unknown> = {}) {
  const { entry } = await commitCommand(db, (tx) => {
    const counter = tx.nextReceiptCounter();
    const id = crypto.randomUUID();
    tx.journal('sales', { id, receiptNo: `JKT1-T01-${String(counter).padStart(6, '0')}` });
    tx.enqueue('sale.complete', { sale_id: id, ...payload }, { staffId: 's1', catalogVersion: 1 });
  });
  return entry;
}

describe('sync engine against a faulty network', () => {
  it('drains a clean outbox and marks the sales synced', async () => {
    const db = freshDb('clean');
    const server = new ModelServer();
    const engine = createSyncEngine({ db, transport: faultyTransport(server, () => 'none') });
    const a = await sell(db);
    const b = await sell(db);
    expect(b.deviceSeq).toBe(a.deviceSeq + 1);
    const outcome = await engine.sync();
    expect(outcome.kind).toBe('ok');
    expect([...server.applied.keys()].sort()).toEqual([a.id, b.id].sort());
    expect(await db.outbox.count()).toBe(0);
    expect((await db.sales.toArray()).map((s) => s.syncState)).toEqual(['synced', 'synced']);
  });

  it('keeps every entry through a lost answer and sends it again without a double count', async () => {
    const db = freshDb('lost-answer');
    const server = new ModelServer();
    const faults: Fault[] = ['drop-response', 'none'];
    const engine = createSyncEngine({
      db,
      transport: faultyTransport(server, () => faults.shift() ?? 'none'),
    });
    const e = await sell(db);
    expect((await engine.sync()).kind).toBe('failed');
    expect(await db.outbox.count()).toBe(1);
    expect((await engine.sync({ force: true })).kind).toBe('ok');
    expect(server.applied.get(e.id)).toBe(1);
    expect(await db.outbox.count()).toBe(0);
  });

  it('moves a rejected mutation to attention with the reason, never deleting it', async () => {
    const db = freshDb('rejected');
    const engine = createSyncEngine({
      db,
      transport: faultyTransport(new ModelServer(), () => 'none'),
    });
    const e = await sell(db, { reject: true });
    await engine.sync();
    const attention = await db.attention.toArray();
    expect(attention).toHaveLength(1);
    expect(attention[0]).toMatchObject({ id: e.id, code: 'invalid_payload' });
    expect((await db.sales.toArray())[0]?.syncState).toBe('rejected');
    expect((await readSyncStatus(db)).attention).toBe(1);
  });

  it('asks for re-pairing on an unrecoverable session and keeps the outbox intact', async () => {
    const db = freshDb('unauthorized');
    const transport: SyncTransport = {
      push: () => Promise.reject(new TransportError('unauthorized', 'refresh token revoked', 401)),
      pull: () => Promise.reject(new Error('unreachable')),
    };
    const engine = createSyncEngine({ db, transport });
    await sell(db);
    expect((await engine.sync()).kind).toBe('needs-pairing');
    expect(await db.outbox.count()).toBe(1);
    expect(await getMeta(db.meta, 'needsPairing')).toBe(true);
  });

  it('backs off after failures and goes at once after resetBackoff (online)', async () => {
    const db = freshDb('backoff');
    let clock = 1_000_000;
    const engine = createSyncEngine({
      db,
      now: () => clock,
      random: () => 1,
      transport: faultyTransport(new ModelServer(), () => 'server-500'),
    });
    await sell(db);
    const first = await engine.sync();
    expect(first).toMatchObject({ kind: 'failed', retryInMs: 1000 });
    expect((await engine.sync()).kind).toBe('backing-off');
    clock += 1001;
    expect(await engine.sync()).toMatchObject({ kind: 'failed', retryInMs: 2000 });
    engine.resetBackoff();
    expect((await engine.sync()).kind).toBe('failed');
  });

  const RUNS = Number(process.env.LAPAK_FAULT_RUNS ?? 200);
  it(`ends with every mutation on the server exactly once over ${RUNS} seeded runs`, async () => {
    const faults: Fault[] = [
      'none',
      'none',
      'drop-request',
      'drop-response',
      'server-500',
      'duplicate-request',
      'bad-answer',
    ];
    for (let seed = 1; seed <= RUNS; seed++) {
      const rnd = prng(seed);
      const db = freshDb(`run-${seed}`);
      const server = new ModelServer();
      const engine = createSyncEngine({
        db,
        random: rnd,
        push: { maxBatch: 1 + Math.floor(rnd() * 8) },
        transport: faultyTransport(server, () => faults[Math.floor(rnd() * faults.length)]!),
      });
      const made: string[] = [];
      const rejects = new Set<string>();
      const steps = 10 + Math.floor(rnd() * 30);
      for (let i = 0; i < steps; i++) {
        if (rnd() < 0.6) {
          const reject = rnd() < 0.05;
          const dependsOn =
            made.length && rnd() < 0.1 ? made[Math.floor(rnd() * made.length)] : undefined;
          const e = await sell(db, { reject, ...(dependsOn && { dependsOn }) });
          made.push(e.id);
          if (reject) rejects.add(e.id);
        } else {
          await engine.sync({ force: true });
        }
      }
      // The network heals; a retry waits for its dependency's back-off, so let time pass.
      const healthy = createSyncEngine({
        db,
        now: () => Date.now() + 10 * 60_000,
        transport: faultyTransport(server, () => 'none'),
      });
      for (let i = 0; i < 10 && (await db.outbox.count()) > 0; i++) await healthy.sync();

      const context = `seed ${seed}`;
      const leftovers = await db.outbox.toArray();
      const attention = new Set((await db.attention.toArray()).map((a) => a.id));
      for (const id of made) {
        const onServer = server.applied.get(id) ?? 0;
        const leftover = leftovers.find((l) => l.id === id);
        if (leftover) {
          // Only a mutation waiting on a rejected dependency may stay, and it must say why.
          expect(leftover.lastError, context).toContain('dependency_missing');
          expect(onServer, context).toBe(0);
        } else if (rejects.has(id)) {
          expect(onServer, context).toBe(0);
          expect(attention.has(id), context).toBe(true);
        } else {
          expect(onServer, context).toBe(1);
        }
      }
      expect(server.applied.size + server.rejected.size + leftovers.length, context).toBe(
        made.length,
      );
    }
  }, 120_000);
});
