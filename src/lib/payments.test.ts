import { describe, expect, it } from 'vitest';
import { DomainError } from './errors';
import { amountDue, paymentSchema, settle, tally } from './payments';
import type { Payment } from './payments';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof DomainError ? e.code : 'not a DomainError';
  }
  return undefined;
}

describe('settle', () => {
  it('gives change from a single cash tender', () => {
    const s = settle(37_000, [{ method: 'cash', amount: 50_000 }]);
    expect(s).toMatchObject({ paid: 37_000, change: 13_000, remaining: 0 });
    expect(s.payments).toEqual([
      { method: 'cash', amount: 50_000, applied: 37_000, tendered: 50_000 },
    ]);
  });

  it('takes cash with an explicit tendered amount', () => {
    const s = settle(37_000, [{ method: 'cash', amount: 37_000, tendered: 100_000 }]);
    expect(s.change).toBe(63_000);
    expect(s.paid).toBe(37_000);
  });

  it('settles exact electronic payments with no change', () => {
    expect(settle(25_500, [{ method: 'qris', amount: 25_500 }])).toMatchObject({
      paid: 25_500,
      change: 0,
      remaining: 0,
    });
  });

  it('splits across methods, applying non-cash first whatever the order', () => {
    const s = settle(100_000, [
      { method: 'cash', amount: 50_000 },
      { method: 'ewallet', amount: 30_000 },
      { method: 'card', amount: 20_000 },
    ]);
    expect(s.payments.map((p) => p.applied)).toEqual([50_000, 30_000, 20_000]);
    expect(s.change).toBe(0);

    const withChange = settle(100_000, [
      { method: 'cash', amount: 100_000 },
      { method: 'qris', amount: 60_000 },
    ]);
    expect(withChange.payments.map((p) => p.applied)).toEqual([40_000, 60_000]);
    expect(withChange.change).toBe(60_000);
  });

  it('lets a later cash note go entirely to change', () => {
    const s = settle(30_000, [
      { method: 'cash', amount: 50_000 },
      { method: 'cash', amount: 20_000 },
    ]);
    expect(s.payments.map((p) => p.applied)).toEqual([30_000, 0]);
    expect(s.change).toBe(40_000);
  });

  it('settles a zero total with no payment', () => {
    expect(settle(0, [])).toMatchObject({ paid: 0, change: 0, remaining: 0 });
  });

  it('refuses under-payment and says how much is missing', () => {
    try {
      settle(50_000, [
        { method: 'qris', amount: 20_000 },
        { method: 'cash', amount: 10_000 },
      ]);
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'insufficient_payment', details: { remaining: 20_000 } });
    }
  });

  it('refuses paying more than is due by a non-cash method, even alongside cash', () => {
    expect(codeOf(() => settle(50_000, [{ method: 'card', amount: 50_001 }]))).toBe(
      'overpayment_noncash',
    );
    expect(
      codeOf(() =>
        settle(50_000, [
          { method: 'qris', amount: 40_000 },
          { method: 'transfer', amount: 20_000 },
          { method: 'cash', amount: 5_000 },
        ]),
      ),
    ).toBe('overpayment_noncash');
  });

  it.each([
    ['zero amount', [{ method: 'cash', amount: 0 }], 'invalid_amount'],
    ['negative amount', [{ method: 'qris', amount: -5 }], 'invalid_amount'],
    ['fractional amount', [{ method: 'cash', amount: 10.5 }], 'invalid_amount'],
    ['unknown method', [{ method: 'cheque', amount: 100 }], 'invalid_payment_method'],
    ['tendered on card', [{ method: 'card', amount: 100, tendered: 200 }], 'invalid_payment'],
    ['tendered below amount', [{ method: 'cash', amount: 100, tendered: 50 }], 'invalid_payment'],
    ['NaN tendered', [{ method: 'cash', amount: 100, tendered: Number.NaN }], 'invalid_amount'],
    ['not an object', [null], 'invalid_payment'],
  ])('rejects %s (%s)', (_name, payments, code) => {
    expect(codeOf(() => settle(100, payments as unknown as Payment[]))).toBe(code);
  });

  it('rejects a bad amount due', () => {
    expect(codeOf(() => settle(-1, []))).toBe('invalid_amount');
    expect(codeOf(() => settle(1.5, []))).toBe('invalid_amount');
  });
});

describe('tally', () => {
  it('reports what is still owed while the cashier adds payments', () => {
    expect(tally(50_000, [])).toMatchObject({ paid: 0, remaining: 50_000, change: 0 });
    expect(tally(50_000, [{ method: 'qris', amount: 20_000 }])).toMatchObject({
      paid: 20_000,
      remaining: 30_000,
    });
  });
});

describe('amountDue', () => {
  const totals = { total: 12_345, totalDue: 12_300 };

  it('applies cash rounding only when every payment is cash', () => {
    expect(amountDue(totals, ['cash'])).toBe(12_300);
    expect(amountDue(totals, ['cash', 'cash'])).toBe(12_300);
    expect(amountDue(totals, ['cash', 'qris'])).toBe(12_345);
    expect(amountDue(totals, ['card'])).toBe(12_345);
    expect(amountDue(totals, [])).toBe(12_345);
  });

  it('rejects an unknown method', () => {
    expect(codeOf(() => amountDue(totals, ['gold' as never]))).toBe('invalid_payment_method');
  });
});

describe('paymentSchema', () => {
  it('accepts what settle accepts and rejects tendered on non-cash', () => {
    expect(paymentSchema.safeParse({ method: 'cash', amount: 100, tendered: 200 }).success).toBe(
      true,
    );
    expect(paymentSchema.safeParse({ method: 'qris', amount: 100 }).success).toBe(true);
    expect(paymentSchema.safeParse({ method: 'qris', amount: 100, tendered: 100 }).success).toBe(
      false,
    );
    expect(paymentSchema.safeParse({ method: 'cash', amount: 100, tendered: 50 }).success).toBe(
      false,
    );
    expect(paymentSchema.safeParse({ method: 'cash', amount: 0 }).success).toBe(false);
  });
});
