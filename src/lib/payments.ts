import { z } from 'zod';
import { ErrorCode, fail } from './errors';
import { checkedAdd, sumAmounts } from './money';
import type { CartTotals } from './totals';

/**
 * Tender: how the amount due is covered by one or more payments (split tender), and how much
 * change the drawer gives back. Only cash can give change: a QRIS, e-wallet, card or transfer
 * payment moves exactly its amount, so paying more than is due that way is an error, never
 * "change" the drawer would have to fund.
 */

export const PAYMENT_METHODS = ['cash', 'qris', 'ewallet', 'card', 'transfer'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export interface Payment {
  readonly method: PaymentMethod;
  /** What this payment offers towards the sale, in minor units (> 0). */
  readonly amount: number;
  /** Cash only: the notes handed over, ≥ amount; defaults to amount. */
  readonly tendered?: number | undefined;
}

export interface AppliedPayment {
  readonly method: PaymentMethod;
  readonly amount: number;
  /** The part of `amount` that pays for the sale; less than amount only for cash. */
  readonly applied: number;
  readonly tendered: number;
}

export interface Settlement {
  readonly totalDue: number;
  readonly payments: readonly AppliedPayment[];
  /** Σ applied; equals totalDue once settled. */
  readonly paid: number;
  /** Σ cash tendered − Σ cash applied. */
  readonly change: number;
  /** What is still owed; 0 once settled. */
  readonly remaining: number;
}

export const paymentSchema = z
  .object({
    method: z.enum(PAYMENT_METHODS),
    amount: z.int().positive(),
    tendered: z.int().positive().optional(),
  })
  .refine((p) => p.tendered === undefined || (p.method === 'cash' && p.tendered >= p.amount), {
    message: 'tendered is for cash only and must cover the amount',
    path: ['tendered'],
  });

/**
 * Cash rounding exists because small coins are scarce, so it only applies when every payment is
 * cash. As soon as any electronic method is involved the exact total is due, and its cash part
 * (if any) gives exact change. With no payment chosen yet the exact total is shown.
 */
export function amountDue(
  totals: Pick<CartTotals, 'total' | 'totalDue'>,
  methods: readonly PaymentMethod[],
): number {
  methods.forEach(assertMethod);
  const allCash = methods.length > 0 && methods.every((m) => m === 'cash');
  return allCash ? totals.totalDue : totals.total;
}

function assertMethod(method: unknown, index: number): asserts method is PaymentMethod {
  if (!(PAYMENT_METHODS as readonly unknown[]).includes(method)) {
    fail(ErrorCode.INVALID_PAYMENT_METHOD, { index, value: method });
  }
}

function checkPayment(p: unknown, index: number): AppliedPayment {
  if (typeof p !== 'object' || p === null) fail(ErrorCode.INVALID_PAYMENT, { index });
  const { method, amount, tendered } = p as Record<string, unknown>;
  assertMethod(method, index);
  if (!Number.isSafeInteger(amount) || (amount as number) <= 0) {
    fail(ErrorCode.INVALID_AMOUNT, { index, field: 'amount', value: amount });
  }
  const a = amount as number;
  if (tendered === undefined) return { method, amount: a, applied: 0, tendered: a };
  if (method !== 'cash') fail(ErrorCode.INVALID_PAYMENT, { index, reason: 'tendered_noncash' });
  if (!Number.isSafeInteger(tendered)) {
    fail(ErrorCode.INVALID_AMOUNT, { index, field: 'tendered', value: tendered });
  }
  if ((tendered as number) < a) {
    fail(ErrorCode.INVALID_PAYMENT, { index, reason: 'tendered_below_amount' });
  }
  return { method, amount: a, applied: 0, tendered: tendered as number };
}

/**
 * Applies payments to the amount due without requiring them to cover it, for the till's running
 * "sisa" (remaining) display. Non-cash payments apply in full first, since they are exact; cash
 * entries then cover what is left in the order given, and whatever cash exceeds it is change.
 */
export function tally(totalDue: number, payments: readonly Payment[]): Settlement {
  if (!Number.isSafeInteger(totalDue) || totalDue < 0) {
    fail(ErrorCode.INVALID_AMOUNT, { field: 'totalDue', value: totalDue });
  }
  if (!Array.isArray(payments)) fail(ErrorCode.INVALID_PAYMENT);
  const checked = payments.map(checkPayment);

  const nonCash = sumAmounts(checked.filter((p) => p.method !== 'cash').map((p) => p.amount));
  if (nonCash > totalDue) {
    fail(ErrorCode.OVERPAYMENT_NONCASH, { totalDue, nonCash, excess: nonCash - totalDue });
  }
  let left = totalDue - nonCash;
  const applied = checked.map((p): AppliedPayment => {
    if (p.method !== 'cash') return { ...p, applied: p.amount };
    const take = Math.min(p.amount, left);
    left -= take;
    return { ...p, applied: take };
  });

  const cash = applied.filter((p) => p.method === 'cash');
  const cashTendered = sumAmounts(cash.map((p) => p.tendered));
  const cashApplied = sumAmounts(cash.map((p) => p.applied));
  return {
    totalDue,
    payments: applied,
    paid: checkedAdd(nonCash, cashApplied),
    change: cashTendered - cashApplied,
    remaining: left,
  };
}

/** Like tally, but the payments must cover the amount due (`insufficient_payment` otherwise). */
export function settle(totalDue: number, payments: readonly Payment[]): Settlement {
  const result = tally(totalDue, payments);
  if (result.remaining > 0) {
    fail(ErrorCode.INSUFFICIENT_PAYMENT, { totalDue, remaining: result.remaining });
  }
  return result;
}
