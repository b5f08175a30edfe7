import { z } from 'zod';
import { MAX_AMOUNT, parseMoney, sumAmounts, type MoneyLocale } from '../../lib/money';

/** The shift feature's error codes (mapped to words in messages.ts). */
export const ShiftError = {
  INVALID_INPUT: 'invalid_shift_input',
  NO_OPEN_SHIFT: 'no_open_shift',
  ALREADY_OPEN: 'shift_already_open',
} as const;
export type ShiftError = (typeof ShiftError)[keyof typeof ShiftError];

const amount = z.int().min(0).max(MAX_AMOUNT);

export const openShiftInput = z.object({ openingFloat: amount });
export type OpenShiftInput = z.input<typeof openShiftInput>;

export const CASH_MOVE_KINDS = ['in', 'out'] as const;
export type CashMoveKind = (typeof CASH_MOVE_KINDS)[number];

export const cashMoveInput = z.object({
  kind: z.enum(CASH_MOVE_KINDS),
  amount: amount.min(1),
  reason: z.string().trim().min(1).max(200),
});
export type CashMoveInput = z.input<typeof cashMoveInput>;

export const closeShiftInput = z.object({
  countedCash: amount,
  note: z.string().trim().max(1000).nullable().default(null),
});
export type CloseShiftInput = z.input<typeof closeShiftInput>;

/** The shift row this till keeps in its `shifts` journal. */
export interface ShiftRecord {
  id: string;
  outletId: string;
  openedBy: string;
  openedAt: string;
  openingFloat: number;
  closedAt: string | null;
  closedBy?: string | null;
  countedCash?: number | null;
  expectedCash?: number | null;
  variance?: number | null;
}

export interface CashMovementRecord {
  id: string;
  shiftId: string;
  kind: CashMoveKind;
  amount: number;
  reason: string;
  staffId: string;
  occurredAt: string;
}

export const shiftRecord = z.object({
  id: z.string(),
  outletId: z.string(),
  openedBy: z.string(),
  openedAt: z.string(),
  openingFloat: z.number(),
  closedAt: z.string().nullable(),
});

const cashPayments = z.object({
  payments: z
    .array(z.object({ method: z.string(), amount: z.number(), status: z.string().optional() }))
    .default([]),
});

/** Cash this sale put in the drawer: confirmed cash payments, net of change; none once voided. */
export function saleCash(row: Readonly<Record<string, unknown>>): number {
  if (row.status === 'voided') return 0;
  const parsed = cashPayments.safeParse(row.payload);
  if (!parsed.success) return 0;
  return sumAmounts(
    parsed.data.payments
      .filter((p) => p.method === 'cash' && (p.status ?? 'confirmed') === 'confirmed')
      .map((p) => p.amount),
  );
}

/** Cash a refund took out of the drawer. */
export function refundCash(row: Readonly<Record<string, unknown>>): number {
  const parsed = cashPayments.safeParse(row.payload);
  if (!parsed.success) return 0;
  return sumAmounts(parsed.data.payments.filter((p) => p.method === 'cash').map((p) => p.amount));
}

export interface DrawerActivity {
  openingFloat: number;
  salesCash: readonly number[];
  refundsCash: readonly number[];
  movements: readonly Pick<CashMovementRecord, 'kind' | 'amount'>[];
}

/**
 * What the drawer should hold, by the same rule the server applies (app.expected_cash): the
 * float, plus cash from sales still standing, minus cash refunded, plus cash in, minus cash out.
 * The till can only see its own journal, so the server's figure, computed when the close
 * arrives, is the one that is stored.
 */
export function expectedCash(a: DrawerActivity): number {
  const moved = a.movements.map((m) => (m.kind === 'in' ? m.amount : -m.amount));
  return sumAmounts([a.openingFloat, ...a.salesCash, ...a.refundsCash.map((r) => -r), ...moved]);
}

/** What the cashier typed as an amount, or null when it is not one ("50rb", "50.000" are). */
export function readAmount(text: string, currency: string, locale: MoneyLocale): number | null {
  try {
    return parseMoney(text, currency, locale);
  } catch {
    return null;
  }
}
