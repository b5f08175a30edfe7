import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { LapakDb } from '../../data/db';
import { readSyncStatus } from '../../sync/status';
import { at, openAt, TODAY, writeVersion1Till } from '../../test/device-db-versions';
import { readHistory } from './repo';

const names: string[] = [];
afterEach(async () => {
  while (names.length) await Dexie.delete(names.pop()!);
});

describe("today's history on a till upgraded from version 1", () => {
  it('tells each sale its pending void and its rejection, as before the upgrade', async () => {
    const name = `history-v1-${crypto.randomUUID()}`;
    names.push(name);
    const old = openAt(name, 1);
    const v1 = await writeVersion1Till(old);
    old.close();

    const db = new LapakDb(name);
    const history = await readHistory(db, new Date(TODAY));
    expect(history.map((h) => h.sale.receiptNo)).toEqual([
      'JKT1-T2-000003',
      'JKT1-T2-000002',
      'JKT1-T2-000001',
    ]);
    const bySale = new Map(history.map((h) => [h.sale.id, h]));
    expect(bySale.get(v1.voided)).toMatchObject({ voidState: 'pending', rejection: null });
    expect(bySale.get(v1.rejected)).toMatchObject({
      voidState: 'none',
      rejection: 'unknown_product',
    });
    expect(bySale.get(v1.pending)).toMatchObject({ voidState: 'none', rejection: null });
    // The status bar counts the same records.
    expect(await readSyncStatus(db, Date.parse(at(10)))).toMatchObject({
      pending: 3,
      attention: 1,
    });
    db.close();
  });

  it("shows the server's refusal of a payment confirmation on the sale it concerns", async () => {
    const name = `history-confirm-${crypto.randomUUID()}`;
    names.push(name);
    const old = openAt(name, 1);
    const v1 = await writeVersion1Till(old);
    old.close();

    const db = new LapakDb(name);
    const entry = {
      ...v1.rejection,
      id: crypto.randomUUID(),
      deviceSeq: 9,
      kind: 'payment.confirm' as const,
      payload: { sale_id: v1.pending, payment_id: crypto.randomUUID() },
      saleId: v1.pending,
    };
    await db.attention.add({
      id: entry.id,
      entry,
      code: 'payment_settled',
      message: 'payment already failed',
      rejectedAt: at(7),
    });
    const bySale = new Map((await readHistory(db, new Date(TODAY))).map((h) => [h.sale.id, h]));
    expect(bySale.get(v1.pending)).toMatchObject({ rejection: 'payment_settled' });
    expect(bySale.get(v1.voided)).toMatchObject({ rejection: null });
    db.close();
  });
});
