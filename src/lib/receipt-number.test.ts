import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from './errors';
import { formatReceiptNumber, nextCounter, parseReceiptNumber } from './receipt-number';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof DomainError ? e.code : 'not a DomainError';
  }
  return undefined;
}

const codeArb = fc.stringMatching(/^[A-Z0-9]{2,8}$/);

describe('receipt numbers', () => {
  it('formats with the counter padded to six digits', () => {
    expect(formatReceiptNumber({ outletCode: 'JKT01', deviceCode: 'T2', counter: 42 })).toBe(
      'JKT01-T2-000042',
    );
    expect(
      formatReceiptNumber({ outletCode: 'BDG', deviceCode: 'KASIR001', counter: 1_234_567 }),
    ).toBe('BDG-KASIR001-1234567');
  });

  it('parses what it formats, and formats back to the same string', () => {
    fc.assert(
      fc.property(
        codeArb,
        codeArb,
        fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        (o, d, n) => {
          const value = { outletCode: o, deviceCode: d, counter: n };
          const text = formatReceiptNumber(value);
          expect(parseReceiptNumber(text)).toEqual(value);
          expect(formatReceiptNumber(parseReceiptNumber(text))).toBe(text);
        },
      ),
    );
  });

  it.each([
    ['JKT01-T2', 'invalid_receipt_number'],
    ['JKT01-T2-000001-X', 'invalid_receipt_number'],
    ['', 'invalid_receipt_number'],
    ['jkt01-T2-000001', 'invalid_outlet_code'],
    ['J-T2-000001', 'invalid_outlet_code'],
    ['JAKARTA01-T2-000001', 'invalid_outlet_code'],
    ['JKT01-T_2-000001', 'invalid_device_code'],
    ['JKT01--000001', 'invalid_device_code'],
    ['JKT01-T2-42', 'invalid_counter'],
    ['JKT01-T2-000000', 'invalid_counter'],
    ['JKT01-T2-0000042', 'invalid_counter'],
    ['JKT01-T2-00004a', 'invalid_counter'],
    ['JKT01-T2-+00042', 'invalid_counter'],
    ['JKT01-T2-9007199254740992', 'invalid_counter'],
  ])('rejects %j with %s', (text, code) => {
    expect(codeOf(() => parseReceiptNumber(text))).toBe(code);
  });

  it.each([
    [{ outletCode: 'jkt', deviceCode: 'T2', counter: 1 }, 'invalid_outlet_code'],
    [{ outletCode: 'JKT', deviceCode: 'T-2', counter: 1 }, 'invalid_device_code'],
    [{ outletCode: 'JKT', deviceCode: 'T2', counter: 0 }, 'invalid_counter'],
    [{ outletCode: 'JKT', deviceCode: 'T2', counter: 1.5 }, 'invalid_counter'],
    [{ outletCode: 'JKT', deviceCode: 'T2', counter: 2 ** 53 }, 'invalid_counter'],
  ])('refuses to format %j (%s)', (value, code) => {
    expect(codeOf(() => formatReceiptNumber(value))).toBe(code);
  });
});

describe('nextCounter', () => {
  it('starts at 1 and strictly increases', () => {
    expect(nextCounter(0)).toBe(1);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER - 1 }), (n) => {
        expect(nextCounter(n)).toBeGreaterThan(n);
      }),
    );
  });

  it('refuses to run past 2^53 − 1 or to start from nonsense', () => {
    expect(codeOf(() => nextCounter(Number.MAX_SAFE_INTEGER))).toBe('counter_exhausted');
    expect(codeOf(() => nextCounter(-1))).toBe('invalid_counter');
    expect(codeOf(() => nextCounter(1.5))).toBe('invalid_counter');
  });
});
