import { amountDue, tally, type PaymentMethod, type Settlement } from '../../lib/payments';
import type { CartTotals } from '../../lib/totals';
import type { SalePaymentInput } from './commands';

/** Tender at the pay screen: what has been offered so far, and what is still due. */

export interface TenderEntry {
  readonly id: string;
  readonly method: PaymentMethod;
  /** What this payment covers; for cash, the notes handed over. */
  readonly amount: number;
  /** Non-cash methods stay pending until the cashier sees the money arrive. */
  readonly confirmed: boolean;
  readonly reference: string | null;
}

export interface TenderState {
  readonly due: number;
  readonly settlement: Settlement;
  /** Nothing left to pay: the sale can complete. */
  readonly covered: boolean;
  readonly pending: number;
}

/** The tender as completeSale takes it: cash hands over its notes, the rest pay exactly. */
export function toPayments(entries: readonly TenderEntry[]): SalePaymentInput[] {
  return entries.map((e) =>
    e.method === 'cash'
      ? { method: 'cash', amount: e.amount, tendered: e.amount }
      : { method: e.method, amount: e.amount, reference: e.reference, confirmed: e.confirmed },
  );
}

/** Cash rounding applies when every payment is cash (lib/payments amountDue). */
export function tenderState(totals: CartTotals, entries: readonly TenderEntry[]): TenderState {
  const due = amountDue(
    totals,
    entries.map((e) => e.method),
  );
  const settlement = tally(due, toPayments(entries));
  return {
    due,
    settlement,
    covered: settlement.remaining === 0,
    pending: entries.filter((e) => e.method !== 'cash' && !e.confirmed).length,
  };
}

/** What is left to pay if the next payment were of this method (cash may round). */
export function remainingFor(
  totals: CartTotals,
  entries: readonly TenderEntry[],
  method: PaymentMethod,
): number {
  const methods = [...entries.map((e) => e.method), method];
  const due = amountDue(totals, methods);
  const nonCash = entries.filter((e) => e.method !== 'cash').reduce((s, e) => s + e.amount, 0);
  const cash = entries.filter((e) => e.method === 'cash').reduce((s, e) => s + e.amount, 0);
  return Math.max(0, due - nonCash - cash);
}

/**
 * Quick cash buttons for an amount still due: the exact amount, then the next round sums a
 * customer hands over (multiples of Rp 5.000, 10.000 … 100.000), for a currency with this
 * minor-unit exponent. E.g. Rp 37.500 → 37.500, 40.000, 50.000, 100.000.
 */
export function quickCashAmounts(remaining: number, exponent = 0, max = 5): number[] {
  if (remaining <= 0) return [];
  const scale = 10 ** exponent;
  const notes = [5_000, 10_000, 20_000, 50_000, 100_000].map((n) =>
    exponent === 0 ? n : (n / 1_000) * scale,
  );
  const amounts = new Set<number>([remaining]);
  for (const note of notes) {
    const up = Math.ceil(remaining / note) * note;
    if (up > remaining) amounts.add(up);
  }
  return [...amounts].sort((a, b) => a - b).slice(0, max);
}
