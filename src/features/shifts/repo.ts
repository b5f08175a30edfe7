import type { LapakDb } from '../../data/db';
import type { JournalRow } from '../../data/types';
import {
  expectedCash,
  refundCash,
  saleCash,
  shiftRecord,
  type CashMovementRecord,
  type ShiftRecord,
} from './model';

/** The till's open shift, if any (there is at most one: opening checks it). */
export async function findOpenShift(db: LapakDb): Promise<ShiftRecord | null> {
  const row = await db.shifts
    .orderBy('createdAt')
    .reverse()
    .filter((r) => r.closedAt === null)
    .first();
  if (!row) return null;
  const parsed = shiftRecord.safeParse(row);
  return parsed.success ? { ...parsed.data } : null;
}

function shiftIdOf(row: JournalRow): unknown {
  return row.shiftId ?? (row.payload as { shift_id?: unknown } | undefined)?.shift_id;
}

export async function shiftMovements(db: LapakDb, shiftId: string): Promise<CashMovementRecord[]> {
  const rows = await db.cashMovements.where('shiftId').equals(shiftId).sortBy('createdAt');
  return rows as unknown as CashMovementRecord[];
}

/** The drawer's expected cash from this till's own journal (see model.expectedCash). */
export async function expectedCashFor(db: LapakDb, shift: ShiftRecord): Promise<number> {
  const since = (table: 'sales' | 'refunds') =>
    db
      .table<JournalRow, string>(table)
      .where('createdAt')
      .aboveOrEqual(shift.openedAt)
      .filter((r) => shiftIdOf(r) === shift.id)
      .toArray();
  const [sales, refunds, movements] = await Promise.all([
    since('sales'),
    since('refunds'),
    shiftMovements(db, shift.id),
  ]);
  return expectedCash({
    openingFloat: shift.openingFloat,
    salesCash: sales.map(saleCash),
    refundsCash: refunds.map(refundCash),
    movements,
  });
}
