import type { z } from 'zod';
import { commitCommand } from '../../data/command-tx';
import type { TillContext } from '../../data/till';
import { DomainError } from '../../lib/errors';
import {
  cashMoveInput,
  closeShiftInput,
  openShiftInput,
  ShiftError,
  type CashMoveInput,
  type CashMovementRecord,
  type CloseShiftInput,
  type OpenShiftInput,
  type ShiftRecord,
} from './model';
import { expectedCashFor, findOpenShift } from './repo';

function parse<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new DomainError(ShiftError.INVALID_INPUT, { details: { issues: parsed.error.issues } });
  }
  return parsed.data;
}

const nowOf = (ctx: TillContext) => ctx.now?.() ?? new Date();

/** Opens the till's shift with the float counted into the drawer. One open shift per till. */
export async function openShift(ctx: TillContext, raw: OpenShiftInput): Promise<ShiftRecord> {
  const input = parse(openShiftInput, raw);
  const openedAt = nowOf(ctx).toISOString();
  const shift: ShiftRecord = {
    id: crypto.randomUUID(),
    outletId: ctx.device.outletId,
    openedBy: ctx.staffId,
    openedAt,
    openingFloat: input.openingFloat,
    closedAt: null,
  };
  await commitCommand(
    ctx.db,
    async (tx) => {
      // Checked inside the transaction: two taps on "open" cannot open two shifts.
      if (await findOpenShift(ctx.db)) throw new DomainError(ShiftError.ALREADY_OPEN);
      tx.journal('shifts', { ...shift });
      tx.enqueue(
        'shift.open',
        {
          shift_id: shift.id,
          outlet_id: shift.outletId,
          opening_float: shift.openingFloat,
          opened_at: openedAt,
        },
        { staffId: ctx.staffId, catalogVersion: ctx.catalogVersion },
      );
    },
    () => new Date(openedAt),
  );
  return shift;
}

async function requireOpenShift(ctx: TillContext): Promise<ShiftRecord> {
  const shift = await findOpenShift(ctx.db);
  if (!shift || (ctx.shiftId !== null && shift.id !== ctx.shiftId)) {
    throw new DomainError(ShiftError.NO_OPEN_SHIFT);
  }
  return shift;
}

/** Cash put into or taken out of the drawer outside a sale, always with a reason. */
export async function moveCash(ctx: TillContext, raw: CashMoveInput): Promise<CashMovementRecord> {
  const input = parse(cashMoveInput, raw);
  const occurredAt = nowOf(ctx).toISOString();
  const { result } = await commitCommand(
    ctx.db,
    async (tx) => {
      const shift = await requireOpenShift(ctx);
      const movement: CashMovementRecord = {
        id: crypto.randomUUID(),
        shiftId: shift.id,
        kind: input.kind,
        amount: input.amount,
        reason: input.reason,
        staffId: ctx.staffId,
        occurredAt,
      };
      tx.journal('cashMovements', { ...movement });
      tx.enqueue(
        'cash.move',
        {
          cash_movement_id: movement.id,
          shift_id: shift.id,
          kind: movement.kind,
          amount: movement.amount,
          reason: movement.reason,
          occurred_at: occurredAt,
        },
        { staffId: ctx.staffId, catalogVersion: ctx.catalogVersion },
      );
      return movement;
    },
    () => new Date(occurredAt),
  );
  return result;
}

export interface ClosedShift {
  shift: ShiftRecord;
  countedCash: number;
  expectedCash: number;
  variance: number;
}

/**
 * Closes the shift with a blind count: the cashier enters what the drawer holds before seeing
 * what it should hold. The variance shown afterwards is the till's own reckoning; the server
 * recomputes expected cash from what it has received and stores its own figures.
 */
export async function closeShift(ctx: TillContext, raw: CloseShiftInput): Promise<ClosedShift> {
  const input = parse(closeShiftInput, raw);
  const closedAt = nowOf(ctx).toISOString();
  const { result } = await commitCommand(
    ctx.db,
    async (tx) => {
      const shift = await requireOpenShift(ctx);
      const expected = await expectedCashFor(ctx.db, shift);
      const variance = input.countedCash - expected;
      // The shift row is this till's own journal row: closing completes it in the same
      // transaction that queues the close, so the UI never shows a half-closed shift.
      await ctx.db.shifts.update(shift.id, {
        closedAt,
        closedBy: ctx.staffId,
        countedCash: input.countedCash,
        expectedCash: expected,
        variance,
      });
      tx.enqueue(
        'shift.close',
        {
          shift_id: shift.id,
          counted_cash: input.countedCash,
          closed_at: closedAt,
          ...(input.note !== null && { note: input.note }),
        },
        { staffId: ctx.staffId, catalogVersion: ctx.catalogVersion },
      );
      return { shift, countedCash: input.countedCash, expectedCash: expected, variance };
    },
    () => new Date(closedAt),
  );
  return { ...result, shift: { ...result.shift, closedAt } };
}
