import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DomainError } from './errors';
import { cartSchema, computeTotals, totalsOptionsSchema, totalsToWire } from './totals';
import type { Cart, Discount, TotalsOptions } from './totals';

// The vectors are plain JSON shared with the SQL implementation; numbers are left loose here so
// that error cases (fractions, out-of-range values) reach the engine unmodified.
const discount = z.union([
  z.object({ kind: z.literal('percent'), bp: z.number() }),
  z.object({ kind: z.literal('amount'), amount: z.number() }),
]);
const lineTotals = z.object({
  gross: z.int(),
  line_discount: z.int(),
  order_discount: z.int(),
  net: z.int(),
  tax: z.int(),
  total: z.int(),
});
const vectorCase = z.object({
  name: z.string(),
  tax_mode: z.enum(['inclusive', 'exclusive']),
  cash_rounding_step: z.number(),
  lines: z.array(
    z.object({
      quantity: z.number(),
      unit_price: z.number(),
      tax_rate_bp: z.number(),
      discount: discount.optional(),
    }),
  ),
  order_discount: discount.nullable(),
  error: z.string().optional(),
  expected: z
    .object({
      lines: z.array(lineTotals),
      subtotal: z.int(),
      line_discount_total: z.int(),
      order_discount_total: z.int(),
      net_total: z.int(),
      tax_total: z.int(),
      total: z.int(),
      rounding: z.int(),
      total_due: z.int(),
      tax_breakdown: z.array(z.object({ tax_rate_bp: z.int(), net: z.int(), tax: z.int() })),
    })
    .optional(),
});
type VectorCase = z.infer<typeof vectorCase>;

const vectors = z
  .object({ version: z.literal(1), cases: z.array(vectorCase) })
  .parse(
    JSON.parse(
      readFileSync(new URL('../../supabase/tests/vectors/totals.json', import.meta.url), 'utf8'),
    ),
  );

function toInput(c: VectorCase): { cart: Cart; options: TotalsOptions } {
  return {
    cart: {
      lines: c.lines.map((l) => ({
        quantity: l.quantity,
        unitPrice: l.unit_price,
        taxRateBp: l.tax_rate_bp,
        discount: (l.discount ?? null) as Discount | null,
      })),
      orderDiscount: c.order_discount as Discount | null,
    },
    options: { taxMode: c.tax_mode, cashRoundingStep: c.cash_rounding_step },
  };
}

const okCases = vectors.cases.filter((c) => c.expected !== undefined);
const errorCases = vectors.cases.filter((c) => c.error !== undefined);

describe('totals vectors', () => {
  it('holds enough cases, each with exactly one of expected or error', () => {
    expect(okCases.length).toBeGreaterThanOrEqual(45);
    expect(errorCases.length).toBeGreaterThan(0);
    expect(okCases.length + errorCases.length).toBe(vectors.cases.length);
    expect(new Set(vectors.cases.map((c) => c.name)).size).toBe(vectors.cases.length);
  });

  it.each(okCases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { cart, options } = toInput(c);
    expect(totalsToWire(computeTotals(cart, options))).toEqual(c.expected);
  });

  it.each(errorCases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { cart, options } = toInput(c);
    let thrown: unknown;
    try {
      computeTotals(cart, options);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect((thrown as DomainError).code).toBe(c.error);
  });
});

describe('cart schema', () => {
  // The schema rejects what validation rejects; only arithmetic rules are left to the engine.
  const arithmetic = new Set([
    'discount_exceeds_line',
    'discount_exceeds_order',
    'amount_overflow',
  ]);

  it.each(okCases.map((c) => [c.name, c] as const))('accepts %s', (_name, c) => {
    const { cart, options } = toInput(c);
    const parsed = cartSchema.parse(cart);
    expect(computeTotals(parsed, totalsOptionsSchema.parse(options)).total).toBe(c.expected?.total);
  });

  it.each(
    errorCases.filter((c) => !arithmetic.has(c.error ?? '')).map((c) => [c.name, c] as const),
  )('rejects %s', (_name, c) => {
    const { cart, options } = toInput(c);
    const ok = cartSchema.safeParse(cart).success && totalsOptionsSchema.safeParse(options).success;
    expect(ok).toBe(false);
  });
});

describe('computeTotals input checks', () => {
  const options: TotalsOptions = { taxMode: 'exclusive', cashRoundingStep: 0 };
  const line = { quantity: 1, unitPrice: 1000, taxRateBp: 1100 };
  const codeOf = (fn: () => unknown): string | undefined => {
    try {
      fn();
    } catch (e) {
      return e instanceof DomainError ? e.code : 'not a DomainError';
    }
    return undefined;
  };

  it.each([
    ['NaN quantity', { ...line, quantity: Number.NaN }, 'invalid_quantity'],
    ['Infinity price', { ...line, unitPrice: Number.POSITIVE_INFINITY }, 'invalid_amount'],
    ['NaN price', { ...line, unitPrice: Number.NaN }, 'invalid_amount'],
    ['fractional tax rate', { ...line, taxRateBp: 1100.5 }, 'invalid_tax_rate'],
    ['unknown discount kind', { ...line, discount: { kind: 'bogus' } }, 'invalid_discount'],
    ['string quantity', { ...line, quantity: '1' }, 'invalid_quantity'],
  ])('%s → %s', (_name, bad, code) => {
    expect(codeOf(() => computeTotals({ lines: [bad as never] }, options))).toBe(code);
  });

  it('rejects an unknown tax mode and a non-array cart', () => {
    expect(
      codeOf(() => computeTotals({ lines: [line] }, { ...options, taxMode: 'gross' as never })),
    ).toBe('invalid_tax_mode');
    expect(codeOf(() => computeTotals({ lines: 'x' as never }, options))).toBe('invalid_cart');
    expect(
      codeOf(() => computeTotals({ lines: [line] }, { ...options, cashRoundingStep: 0.5 })),
    ).toBe('invalid_rounding_step');
  });

  it('reports which line was bad', () => {
    try {
      computeTotals({ lines: [line, { ...line, quantity: 0 }] }, options);
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'invalid_quantity', details: { line: 1 } });
    }
  });
});
