import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { at, openAt, writeVersion1Till } from '../test/device-db-versions';
import { commitCommand } from './command-tx';
import { LapakDb } from './db';
import { getMeta } from './meta';
import { LATEST_VERSION } from './schema';

const names: string[] = [];
afterEach(async () => {
  while (names.length) await Dexie.delete(names.pop()!);
});
const dbName = (prefix: string) => {
  const name = `${prefix}-${crypto.randomUUID()}`;
  names.push(name);
  return name;
};

describe('device database versions', () => {
  it('installs fresh at the latest version with every index the app queries', async () => {
    const db = new LapakDb(dbName('fresh'));
    await db.open();
    expect(db.verno).toBe(LATEST_VERSION);
    expect(LATEST_VERSION).toBe(2);
    const tx = db.backendDB().transaction(['outbox', 'attention'], 'readonly');
    expect([...tx.objectStore('outbox').indexNames]).toContain('saleId');
    expect([...tx.objectStore('attention').indexNames]).toContain('entry.saleId');
    db.close();
  });

  it('upgrades a version-1 till: nothing lost, each mutation names its sale', async () => {
    const name = dbName('v1');
    const old = openAt(name, 1);
    const v1 = await writeVersion1Till(old);
    expect(old.verno).toBe(1);
    // Version 1 had no such index: the lookup the history now makes could not run there.
    await expect(old.table('outbox').where('saleId').equals(v1.voided).toArray()).rejects.toThrow(
      /not indexed/,
    );
    old.close();

    const db = new LapakDb(name);
    await db.open();
    expect(db.verno).toBe(LATEST_VERSION);

    // Nothing lost: three sales, the queued mutations in order, the rejection, the counters.
    expect(await db.sales.count()).toBe(3);
    expect((await db.outbox.orderBy('deviceSeq').toArray()).map((e) => e.kind)).toEqual([
      'shift.open',
      'sale.void',
      'sale.complete',
    ]);
    expect(await db.attention.count()).toBe(1);
    expect(await getMeta(db.meta, 'receiptCounter')).toBe(3);
    expect(await db.replica('products').where('sku').equals('AIR-330').count()).toBe(1);

    // The derived field: the sale each mutation concerns; none for a shift.
    expect((await db.outbox.get(v1.entries.void.id))?.saleId).toBe(v1.voided);
    expect((await db.outbox.get(v1.entries.pending.id))?.saleId).toBe(v1.pending);
    expect(await db.outbox.get(v1.entries.shift.id)).not.toHaveProperty('saleId');
    expect((await db.attention.get(v1.rejection.id))?.entry.saleId).toBe(v1.rejected);
    expect(await db.attention.where('entry.saleId').equals(v1.rejected).count()).toBe(1);

    // The till carries on where it stopped: the next mutation continues the device sequence and
    // is indexed by its sale like the upgraded ones.
    const { entry } = await commitCommand(
      db,
      (tx) => {
        tx.journal('refunds', { id: crypto.randomUUID(), saleId: v1.pending });
        tx.enqueue(
          'refund.create',
          { refund_id: crypto.randomUUID(), sale_id: v1.pending },
          { staffId: 'c0000000-0000-4000-8000-000000000003', catalogVersion: 7 },
        );
      },
      () => new Date(at(11)),
    );
    expect(entry.deviceSeq).toBe(5);
    const forPending = await db.outbox.where('saleId').equals(v1.pending).sortBy('deviceSeq');
    expect(forPending.map((e) => e.kind)).toEqual(['sale.complete', 'refund.create']);
    db.close();
  });
});
