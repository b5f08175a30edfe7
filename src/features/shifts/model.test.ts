import { describe, expect, it } from 'vitest';
import { expectedCash, readAmount, refundCash, saleCash } from './model';

describe('expectedCash', () => {
  it('adds the float, cash sales and cash in; subtracts refunds and cash out', () => {
    expect(
      expectedCash({
        openingFloat: 200_000,
        salesCash: [15_000, 30_000],
        refundsCash: [5_000],
        movements: [
          { kind: 'in', amount: 50_000 },
          { kind: 'out', amount: 20_000 },
        ],
      }),
    ).toBe(270_000);
  });
});

describe('drawer cash of journal rows', () => {
  const payments = [
    { method: 'cash', amount: 12_000, status: 'confirmed' },
    { method: 'qris', amount: 8_000, status: 'confirmed' },
    { method: 'cash', amount: 1_000, status: 'pending' },
  ];

  it('counts confirmed cash of standing sales only', () => {
    expect(saleCash({ status: 'completed', payload: { payments } })).toBe(12_000);
    expect(saleCash({ status: 'voided', payload: { payments } })).toBe(0);
    expect(saleCash({ payload: 'garbage' })).toBe(0);
  });

  it('counts cash paid back by refunds', () => {
    expect(refundCash({ payload: { payments: [{ method: 'cash', amount: 4_000 }] } })).toBe(4_000);
  });
});

describe('readAmount', () => {
  it('reads what cashiers type, or null', () => {
    expect(readAmount('200.000', 'IDR', 'id-ID')).toBe(200_000);
    expect(readAmount('50rb', 'IDR', 'id-ID')).toBe(50_000);
    expect(readAmount('lima puluh', 'IDR', 'id-ID')).toBeNull();
    expect(readAmount('-5', 'IDR', 'id-ID')).toBeNull();
  });
});
