import Dexie, { liveQuery } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { commitCommand, commitPrepared, type CommandTx } from './command-tx';
import { LapakDb } from './db';
import { getMeta, setMeta } from './meta';

const open: LapakDb[] = [];
afterEach(async () => {
  const names = new Set(open.map((db) => db.name));
  while (open.length) open.pop()!.close();
  for (const name of names) await Dexie.delete(name);
});

/** A connection to the till's database, as each tab and the service worker hold one. */
function connect(name: string): LapakDb {
  const db = new LapakDb(name);
  open.push(db);
  return db;
}

type Commit = <T>(
  db: LapakDb,
  build: (tx: CommandTx) => T,
) => Promise<{ result: T; entry: { id: string; deviceSeq: number } }>;

// Both ways a command commits: in a Dexie transaction its build may read in, and prepared.
const paths: [string, Commit][] = [
  ['a command', (db, build) => commitCommand(db, build)],
  ['a prepared command', (db, build) => commitPrepared(db, build as never)],
];

describe.each(paths)('the transaction of %s', (_, commit) => {
  /** A sale-like command: one journal row holding its receipt counter, one outbox entry. */
  async function sell(db: LapakDb, journalId: string = crypto.randomUUID()) {
    const { result, entry } = await commit(db, (tx) => {
      const counter = tx.nextReceiptCounter();
      tx.journal('sales', { id: journalId, receiptNo: `JKT1-T01-${counter}` });
      tx.enqueue('sale.complete', { sale_id: journalId }, { staffId: 's1', catalogVersion: 1 });
      return counter;
    });
    return { counter: result, seq: entry.deviceSeq, id: entry.id };
  }

  async function stored(db: LapakDb) {
    return {
      receipt: await getMeta(db.meta, 'receiptCounter'),
      seq: await getMeta(db.meta, 'deviceSeq'),
      sales: await db.sales.count(),
      outbox: await db.outbox.count(),
    };
  }

  it('numbers commands from two tabs in turn without a duplicate or a gap', async () => {
    const name = `tabs-${crypto.randomUUID()}`;
    const [a, b] = [connect(name), connect(name)];
    const sold = [];
    // Each tab remembers the counters it committed last; the other tab moves them on meanwhile.
    for (let i = 0; i < 12; i++) sold.push(await sell(i % 3 === 0 ? b : a));
    expect(sold.map((s) => s.counter)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(sold.map((s) => s.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(await stored(a)).toEqual({ receipt: 12, seq: 12, sales: 12, outbox: 12 });
  });

  it('numbers commands racing from two tabs at once without a duplicate or a gap', async () => {
    const name = `race-${crypto.randomUUID()}`;
    const [a, b] = [connect(name), connect(name)];
    await sell(a);
    await sell(b);
    const sold = await Promise.all(Array.from({ length: 20 }, (_, i) => sell(i % 2 ? a : b)));
    const counters = sold.map((s) => s.counter).sort((x, y) => x - y);
    expect(counters).toEqual(Array.from({ length: 20 }, (_, i) => i + 3));
    expect(new Set(sold.map((s) => s.seq)).size).toBe(20);
    expect(await stored(b)).toEqual({ receipt: 22, seq: 22, sales: 22, outbox: 22 });
  });

  it('continues from counters set outside the command path', async () => {
    const db = connect(`restored-${crypto.randomUUID()}`);
    await sell(db);
    // As a restore or a repair would leave them.
    await setMeta(db.meta, 'receiptCounter', 40);
    await setMeta(db.meta, 'deviceSeq', 70);
    expect(await sell(db)).toMatchObject({ counter: 41, seq: 71 });
  });

  it('refuses a receipt counter that cannot grow any further, writing nothing', async () => {
    const db = connect(`exhausted-${crypto.randomUUID()}`);
    await setMeta(db.meta, 'receiptCounter', Number.MAX_SAFE_INTEGER);
    await expect(sell(db)).rejects.toThrow('counter_exhausted');
    expect(await stored(db)).toEqual({
      receipt: Number.MAX_SAFE_INTEGER,
      seq: undefined,
      sales: 0,
      outbox: 0,
    });
  });

  it('leaves no trace and no gap when the command fails', async () => {
    const db = connect(`fails-${crypto.randomUUID()}`);
    const first = await sell(db);
    await expect(
      commit(db, (tx) => {
        tx.nextReceiptCounter();
        tx.journal('sales', { id: 'doomed' });
        throw new Error('the cart changed under the command');
      }),
    ).rejects.toThrow('the cart changed under the command');
    // An id already taken: the add fails, and with it the whole command.
    await expect(sell(db, (await db.sales.toArray())[0]!.id)).rejects.toThrow();
    expect(await stored(db)).toEqual({ receipt: 1, seq: 1, sales: 1, outbox: 1 });
    expect(await sell(db)).toMatchObject({ counter: first.counter + 1, seq: first.seq + 1 });
  });

  it('saves the command’s own state with it, never the counters', async () => {
    const db = connect(`meta-${crypto.randomUUID()}`);
    await commit(db, (tx) => {
      tx.putMeta({ key: 'sales.cart', value: { id: 'next', lines: [] } });
      tx.enqueue('shift.open', { shift_id: 'x' }, { staffId: 's1', catalogVersion: 1 });
    });
    expect((await db.meta.get('sales.cart'))?.value).toEqual({ id: 'next', lines: [] });
    await expect(
      commit(db, (tx) => {
        tx.putMeta({ key: 'deviceSeq', value: 1 });
        tx.enqueue('shift.open', { shift_id: 'y' }, { staffId: 's1', catalogVersion: 1 });
      }),
    ).rejects.toThrow('Counters are allocated by the command transaction');
    expect(await stored(db)).toEqual({ receipt: undefined, seq: 1, sales: 0, outbox: 1 });
  });

  it('wakes the live queries of every connection', async () => {
    const name = `live-${crypto.randomUUID()}`;
    const [writer, reader] = [connect(name), connect(name)];
    await writer.open();
    await reader.open();
    const seen: number[][] = [];
    // Counts, and rows read through an index, as the till's screens read them.
    const subscription = liveQuery(async () => [
      await reader.outbox.count(),
      (await reader.sales.where('syncState').equals('pending').toArray()).length,
      (await writer.outbox.orderBy('deviceSeq').toArray()).length,
    ]).subscribe((v) => seen.push(v));
    try {
      await expect.poll(() => seen.at(-1)).toEqual([0, 0, 0]);
      await sell(writer);
      await expect.poll(() => seen.at(-1)).toEqual([1, 1, 1]);
      await sell(writer);
      await expect.poll(() => seen.at(-1)).toEqual([2, 2, 2]);
    } finally {
      subscription.unsubscribe();
    }
  });
});
