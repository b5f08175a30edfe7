import { describe, expect, it } from 'vitest';
import { addProduct, cartTotals, emptyCart } from './model';
import { quickCashAmounts, remainingFor, tenderState, type TenderEntry } from './tender';

const kopi = { id: 'p1', name: 'Kopi Susu', sku: 'K1', price: 8_000, taxRateBp: 1100 };
const beras = { id: 'p2', name: 'Beras 5 kg', sku: null, price: 75_000, taxRateBp: 0 };
const opts = { taxMode: 'inclusive', cashRoundingStep: 0 } as const;

describe('tender', () => {
  const cart = addProduct(addProduct(emptyCart(), kopi, 2), beras); // 91.000
  const entry = (method: TenderEntry['method'], amount: number, confirmed = true): TenderEntry => ({
    id: `${method}${amount}`,
    method,
    amount,
    confirmed,
    reference: null,
  });

  it('gives change for cash and tracks what is left across a split', () => {
    const totals = cartTotals(cart, opts);
    expect(tenderState(totals, []).due).toBe(91_000);
    const cashOnly = tenderState(totals, [entry('cash', 100_000)]);
    expect(cashOnly.covered).toBe(true);
    expect(cashOnly.settlement.change).toBe(9_000);
    const split = tenderState(totals, [entry('qris', 50_000, false), entry('cash', 20_000)]);
    expect(split.settlement.remaining).toBe(21_000);
    expect(split.covered).toBe(false);
    expect(split.pending).toBe(1);
    expect(remainingFor(totals, [entry('qris', 50_000)], 'cash')).toBe(41_000);
  });

  it('rounds the amount due only when every payment is cash', () => {
    const odd = addProduct(emptyCart(), { ...kopi, price: 8_250 });
    const totals = cartTotals(odd, { taxMode: 'inclusive', cashRoundingStep: 500 });
    expect(totals.totalDue).toBe(8_500);
    expect(tenderState(totals, [entry('cash', 10_000)]).settlement.change).toBe(1_500);
    expect(tenderState(totals, [entry('qris', 8_250)]).covered).toBe(true);
    expect(remainingFor(totals, [], 'cash')).toBe(8_500);
    expect(remainingFor(totals, [], 'ewallet')).toBe(8_250);
  });

  it('suggests the exact amount and the notes a customer hands over', () => {
    expect(quickCashAmounts(37_500)).toEqual([37_500, 40_000, 50_000, 100_000]);
    expect(quickCashAmounts(50_000)).toEqual([50_000, 60_000, 100_000]);
    expect(quickCashAmounts(0)).toEqual([]);
    expect(quickCashAmounts(1_250, 2)).toEqual([1_250, 1_500, 2_000, 5_000, 10_000]);
  });
});
