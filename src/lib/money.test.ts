import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from './errors';
import {
  CURRENCY_EXPONENTS,
  MAX_AMOUNT,
  MONEY_LOCALES,
  checkedAdd,
  formatMoney,
  mulDivHalfUp,
  parseMoney,
  resolveCurrency,
  roundCash,
} from './money';
import type { MoneyLocale } from './money';

const NBSP = '\u00a0';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof DomainError ? e.code : 'not a DomainError';
  }
  return undefined;
}

describe('formatMoney', () => {
  it.each([
    [50_000, 'IDR', 'id-ID', `Rp${NBSP}50.000`],
    [1_250_000, 'IDR', 'id-ID', `Rp${NBSP}1.250.000`],
    [50_000, 'IDR', 'en', `IDR${NBSP}50,000`],
    [0, 'IDR', 'id-ID', `Rp${NBSP}0`],
    [-15_000, 'IDR', 'id-ID', `-Rp${NBSP}15.000`],
    [1250, 'USD', 'en', '$12.50'],
    [1250, 'USD', 'id-ID', 'US$12,50'],
    [5, 'USD', 'en', '$0.05'],
    [-5, 'USD', 'en', '-$0.05'],
    [123_456_789, 'EUR', 'en', '€1,234,567.89'],
    [1234, 'JPY', 'en', '¥1,234'],
    [999, 'SGD', 'en', `SGD${NBSP}9.99`],
  ] as const)('%d %s in %s → %s', (amount, currency, locale, expected) => {
    expect(formatMoney(amount, currency, locale)).toBe(expected);
  });

  it('stays exact at 2^53 − 1 cents, where amount / 100 as a float would print …409.90', () => {
    expect(formatMoney(MAX_AMOUNT, 'USD', 'en')).toBe('$90,071,992,547,409.91');
    expect(formatMoney(9_007_199_254_740_987, 'USD', 'id-ID')).toBe('US$90.071.992.547.409,87');
  });

  it('honours a tenant exponent override', () => {
    expect(formatMoney(5_000_050, { code: 'IDR', exponent: 2 }, 'id-ID')).toBe(
      `Rp${NBSP}50.000,50`,
    );
  });

  it.each([
    ['unknown currency', () => formatMoney(1, 'XXX', 'en'), 'unknown_currency'],
    ['lowercase code', () => formatMoney(1, 'usd', 'en'), 'unknown_currency'],
    [
      'bad exponent',
      () => formatMoney(1, { code: 'IDR', exponent: 9 }, 'en'),
      'invalid_currency_exponent',
    ],
    ['fractional amount', () => formatMoney(1.5, 'IDR', 'en'), 'invalid_amount'],
    ['unsafe amount', () => formatMoney(2 ** 53, 'IDR', 'en'), 'invalid_amount'],
    ['unsupported locale', () => formatMoney(1, 'IDR', 'fr' as MoneyLocale), 'unsupported_locale'],
  ])('%s → %s', (_name, fn, code) => {
    expect(codeOf(fn)).toBe(code);
  });
});

describe('resolveCurrency', () => {
  it('uses the table default unless the tenant overrides it', () => {
    expect(resolveCurrency('IDR')).toEqual({ code: 'IDR', exponent: 0 });
    expect(resolveCurrency('USD')).toEqual({ code: 'USD', exponent: 2 });
    expect(resolveCurrency('IDR', 2)).toEqual({ code: 'IDR', exponent: 2 });
    expect(codeOf(() => resolveCurrency('IDR', -1))).toBe('invalid_currency_exponent');
    expect(codeOf(() => resolveCurrency('toString'))).toBe('unknown_currency');
  });
});

describe('parseMoney', () => {
  it.each([
    ['50.000', 'IDR', 'id-ID', 50_000],
    ['50,000', 'IDR', 'id-ID', 50_000],
    ['50000', 'IDR', 'id-ID', 50_000],
    ['Rp 50.000', 'IDR', 'id-ID', 50_000],
    [`Rp${NBSP}50.000`, 'IDR', 'id-ID', 50_000],
    ['Rp50.000', 'IDR', 'id-ID', 50_000],
    ['Rp. 50.000', 'IDR', 'id-ID', 50_000],
    ['rp 50.000,00', 'IDR', 'id-ID', 50_000],
    ['IDR 50,000', 'IDR', 'en', 50_000],
    ['50.000 IDR', 'IDR', 'id-ID', 50_000],
    ['50rb', 'IDR', 'id-ID', 50_000],
    ['50 rb', 'IDR', 'id-ID', 50_000],
    ['50RB', 'IDR', 'id-ID', 50_000],
    ['50 ribu', 'IDR', 'id-ID', 50_000],
    ['50k', 'IDR', 'en', 50_000],
    ['1,5jt', 'IDR', 'id-ID', 1_500_000],
    ['1.5jt', 'IDR', 'id-ID', 1_500_000],
    ['2 juta', 'IDR', 'id-ID', 2_000_000],
    ['Rp 1,25jt', 'IDR', 'id-ID', 1_250_000],
    ['1.250.000', 'IDR', 'id-ID', 1_250_000],
    ['1.234.567,00', 'IDR', 'id-ID', 1_234_567],
    ['  7500  ', 'IDR', 'id-ID', 7500],
    ['12.50', 'USD', 'en', 1250],
    ['12,50', 'USD', 'id-ID', 1250],
    ['12.5', 'USD', 'en', 1250],
    ['12', 'USD', 'en', 1200],
    ['$1,234.56', 'USD', 'en', 123_456],
    ['US$1.234,56', 'USD', 'id-ID', 123_456],
    ['1,234', 'USD', 'en', 123_400],
    ['0.05', 'USD', 'en', 5],
    ['1.5k', 'USD', 'en', 150_000],
    ['€9,99', 'EUR', 'id-ID', 999],
    ['¥1,234', 'JPY', 'en', 1234],
    ['9.007.199.254.740.991', 'IDR', 'id-ID', MAX_AMOUNT],
  ] as const)('%j as %s in %s → %d', (input, currency, locale, expected) => {
    expect(parseMoney(input, currency, locale)).toBe(expected);
  });

  it.each([
    ['', 'IDR', 'invalid_money_format'],
    ['   ', 'IDR', 'invalid_money_format'],
    ['abc', 'IDR', 'invalid_money_format'],
    ['Rp', 'IDR', 'invalid_money_format'],
    ['12..5', 'USD', 'invalid_money_format'],
    ['1.2.3', 'IDR', 'invalid_money_format'],
    ['1,00,000', 'IDR', 'invalid_money_format'],
    ['50 000', 'IDR', 'invalid_money_format'],
    ['.50', 'USD', 'invalid_money_format'],
    ['50.', 'USD', 'invalid_money_format'],
    ['1.500.000rb', 'IDR', 'invalid_money_format'],
    ['50rbrb', 'IDR', 'invalid_money_format'],
    ['1e6', 'IDR', 'invalid_money_format'],
    ['0x10', 'IDR', 'invalid_money_format'],
    ['5'.repeat(65), 'IDR', 'invalid_money_format'],
    ['-50.000', 'IDR', 'negative_amount'],
    ['Rp -50.000', 'IDR', 'negative_amount'],
    ['−12.50', 'USD', 'negative_amount'],
    ['12,5', 'IDR', 'too_many_decimals'],
    ['1,2345678jt', 'IDR', 'too_many_decimals'],
    ['12.505.5', 'USD', 'invalid_money_format'],
    ['0.001', 'USD', 'too_many_decimals'],
    ['9007199254740992', 'IDR', 'amount_overflow'],
    ['90071992547409.92', 'USD', 'amount_overflow'],
    ['10000000000jt', 'IDR', 'amount_overflow'],
    ['50.000', 'XXX', 'unknown_currency'],
  ] as const)('%j as %s → %s', (input, currency, code) => {
    expect(codeOf(() => parseMoney(input, currency, 'id-ID'))).toBe(code);
  });

  it('reads back whatever formatMoney prints, for every currency and locale', () => {
    const codes = Object.keys(CURRENCY_EXPONENTS);
    fc.assert(
      fc.property(
        fc.oneof(fc.nat(1_000_000), fc.maxSafeNat()),
        fc.constantFrom(...codes),
        fc.constantFrom(...MONEY_LOCALES),
        (amount, code, locale) => {
          expect(parseMoney(formatMoney(amount, code, locale), code, locale)).toBe(amount);
        },
      ),
    );
  });
});

describe('roundCash', () => {
  it.each([
    [12_345, 100, 12_300],
    [12_350, 100, 12_400],
    [12_250, 500, 12_500],
    [12_249, 500, 12_000],
    [12_499, 1000, 12_000],
    [12_500, 1000, 13_000],
    [0, 1000, 0],
    [12_345, 0, 12_345],
    [-12_350, 100, -12_400],
    [-12_349, 100, -12_300],
    [-40, 100, 0],
  ])('roundCash(%d, %d) = %d', (amount, step, expected) => {
    expect(roundCash(amount, step)).toBe(expected);
  });

  it.each([
    [1000, -100, 'invalid_rounding_step'],
    [1000, 2.5, 'invalid_rounding_step'],
    [1000, Number.NaN, 'invalid_rounding_step'],
    [10.5, 100, 'invalid_amount'],
    [MAX_AMOUNT, 1000, 'amount_overflow'],
  ])('roundCash(%d, %d) → %s', (amount, step, code) => {
    expect(codeOf(() => roundCash(amount, step))).toBe(code);
  });
});

describe('integer arithmetic', () => {
  it('rounds halves away from zero', () => {
    expect(mulDivHalfUp(5, 11, 10)).toBe(6);
    expect(mulDivHalfUp(4, 11, 10)).toBe(4);
    expect(mulDivHalfUp(-5, 11, 10)).toBe(-6);
    expect(mulDivHalfUp(0, 11, 10)).toBe(0);
  });

  it('matches a BigInt reference when the product passes 2^53', () => {
    fc.assert(
      fc.property(
        fc.maxSafeNat(),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 1, max: 20_000 }),
        (a, b, c) => {
          const p = BigInt(a) * BigInt(b);
          const expected = (2n * p + BigInt(c)) / (2n * BigInt(c));
          if (expected > BigInt(MAX_AMOUNT)) {
            expect(codeOf(() => mulDivHalfUp(a, b, c))).toBe('amount_overflow');
          } else {
            expect(mulDivHalfUp(a, b, c)).toBe(Number(expected));
          }
        },
      ),
    );
  });

  it('rejects bad operands and overflowing sums', () => {
    expect(codeOf(() => mulDivHalfUp(1, 1, 0))).toBe('invalid_amount');
    expect(codeOf(() => mulDivHalfUp(0.5, 1, 1))).toBe('invalid_amount');
    expect(codeOf(() => mulDivHalfUp(MAX_AMOUNT, 2, 1))).toBe('amount_overflow');
    expect(codeOf(() => checkedAdd(MAX_AMOUNT, 1))).toBe('amount_overflow');
    expect(checkedAdd(MAX_AMOUNT - 1, 1)).toBe(MAX_AMOUNT);
  });
});
