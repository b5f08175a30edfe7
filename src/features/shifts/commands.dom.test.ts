import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LapakDb } from '../../data/db';
import type { TillContext } from '../../data/till';
import { isDomainError } from '../../lib/errors';
import { testTillContext } from '../../test/till-context';
import { closeShift, moveCash, openShift } from './commands';
import { ShiftError } from './model';
import { findOpenShift } from './repo';

const ANI = '00000000-0000-4000-8000-000000000403';
let db: LapakDb;
let ctx: TillContext;
let clock: number;

beforeEach(() => {
  db = new LapakDb(`shifts-${crypto.randomUUID()}`);
  clock = Date.parse('2025-06-01T08:00:00Z');
  ctx = testTillContext(db, ANI, {
    catalogVersion: 5,
    shiftId: null,
    // Each command a minute after the last, so journal order is unambiguous.
    now: () => new Date((clock += 60_000)),
  });
});
afterEach(async () => {
  await db.delete();
});

async function rejects(promise: Promise<unknown>, code: string) {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isDomainError(err, code), String(err)).toBe(true);
}

/** A sale journal row as the selling commands write it (only what the drawer cares about). */
async function sale(
  shiftId: string,
  payments: { method: string; amount: number }[],
  status = 'completed',
) {
  await db.sales.add({
    id: crypto.randomUUID(),
    mutationId: crypto.randomUUID(),
    syncState: 'pending',
    createdAt: new Date((clock += 60_000)).toISOString(),
    shiftId,
    status,
    payload: { payments: payments.map((p) => ({ ...p, status: 'confirmed' })) },
  });
}

describe('shift commands', () => {
  it('open, cash in and out, blind close: journal, outbox and variance agree', async () => {
    const shift = await openShift(ctx, { openingFloat: 200_000 });
    ctx = { ...ctx, shiftId: shift.id };
    await moveCash(ctx, { kind: 'in', amount: 50_000, reason: '  Tukar uang kecil ' });
    await moveCash(ctx, { kind: 'out', amount: 20_000, reason: 'Beli galon' });
    await sale(shift.id, [
      { method: 'cash', amount: 15_000 },
      { method: 'qris', amount: 9_000 },
    ]);
    await sale(shift.id, [{ method: 'cash', amount: 40_000 }], 'voided');
    await sale('another-shift', [{ method: 'cash', amount: 99_000 }]);

    const closed = await closeShift(ctx, { countedCash: 240_000, note: 'Uang receh kurang' });
    expect(closed).toMatchObject({ countedCash: 240_000, expectedCash: 245_000, variance: -5_000 });
    expect(await findOpenShift(db)).toBeNull();
    expect(await db.shifts.get(shift.id)).toMatchObject({
      openingFloat: 200_000,
      closedBy: ANI,
      countedCash: 240_000,
      expectedCash: 245_000,
      variance: -5_000,
    });

    const outbox = await db.outbox.orderBy('deviceSeq').toArray();
    expect(outbox.map((e) => e.kind)).toEqual([
      'shift.open',
      'cash.move',
      'cash.move',
      'shift.close',
    ]);
    expect(outbox.every((e) => e.staffId === ANI && e.catalogVersion === 5)).toBe(true);
    expect(outbox[0]?.payload).toEqual({
      shift_id: shift.id,
      outlet_id: ctx.device.outletId,
      opening_float: 200_000,
      opened_at: shift.openedAt,
    });
    expect(outbox[1]?.payload).toMatchObject({
      shift_id: shift.id,
      kind: 'in',
      amount: 50_000,
      reason: 'Tukar uang kecil',
    });
    // A blind count: the close carries the count, never what the till expected.
    expect(outbox[3]?.payload).toEqual({
      shift_id: shift.id,
      counted_cash: 240_000,
      closed_at: expect.any(String),
      note: 'Uang receh kurang',
    });
    expect(outbox[1]?.refs).toEqual([{ table: 'cashMovements', id: expect.any(String) }]);
  });

  it('allows one open shift per till', async () => {
    await openShift(ctx, { openingFloat: 0 });
    await rejects(openShift(ctx, { openingFloat: 100 }), ShiftError.ALREADY_OPEN);
    expect(await db.outbox.count()).toBe(1);
  });

  it('refuses cash moves and closes without an open shift, and writes nothing', async () => {
    await rejects(moveCash(ctx, { kind: 'in', amount: 1, reason: 'x' }), ShiftError.NO_OPEN_SHIFT);
    await rejects(closeShift(ctx, { countedCash: 0 }), ShiftError.NO_OPEN_SHIFT);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.cashMovements.count()).toBe(0);
  });

  it('validates amounts and reasons before touching the database', async () => {
    await rejects(openShift(ctx, { openingFloat: -1 }), ShiftError.INVALID_INPUT);
    await rejects(openShift(ctx, { openingFloat: 1.5 }), ShiftError.INVALID_INPUT);
    const shift = await openShift(ctx, { openingFloat: 0 });
    ctx = { ...ctx, shiftId: shift.id };
    await rejects(moveCash(ctx, { kind: 'out', amount: 0, reason: 'x' }), ShiftError.INVALID_INPUT);
    await rejects(
      moveCash(ctx, { kind: 'out', amount: 5, reason: '   ' }),
      ShiftError.INVALID_INPUT,
    );
    expect(await db.outbox.count()).toBe(1);
  });
});
