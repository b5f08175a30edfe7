import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from './errors';
import { settle } from './payments';
import { allocateLargestRemainder, computeTotals } from './totals';
import type { Cart, CartLine, CartTotals, Discount, TotalsOptions } from './totals';

// Generated discounts are given as a share (‰) of what they apply to, so they are valid by
// construction; the share is resolved with BigInt so the generator itself cannot lose precision.
type DiscountSpec = { kind: 'percent'; bp: number } | { kind: 'share'; permille: number };
const discountSpec: fc.Arbitrary<DiscountSpec> = fc.oneof(
  fc.record({ kind: fc.constant('percent' as const), bp: fc.integer({ min: 0, max: 10_000 }) }),
  fc.record({ kind: fc.constant('share' as const), permille: fc.integer({ min: 0, max: 1000 }) }),
);
const resolve = (spec: DiscountSpec, base: number): Discount =>
  spec.kind === 'percent'
    ? spec
    : { kind: 'amount', amount: Number((BigInt(base) * BigInt(spec.permille)) / 1000n) };

const rate = fc.oneof(
  fc.constantFrom(0, 1000, 1100, 1200, 10_000),
  fc.integer({ min: 0, max: 10_000 }),
);
const lineArb = fc
  .record({
    quantity: fc.integer({ min: 1, max: 10_000 }),
    unitPrice: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1_000_000_000 })),
    taxRateBp: rate,
    discount: fc.option(discountSpec, { nil: undefined }),
  })
  .map(({ discount, ...l }): CartLine =>
    discount === undefined ? l : { ...l, discount: resolve(discount, l.quantity * l.unitPrice) },
  );
const optionsArb: fc.Arbitrary<TotalsOptions> = fc.record({
  taxMode: fc.constantFrom('inclusive' as const, 'exclusive' as const),
  cashRoundingStep: fc.constantFrom(0, 5, 25, 100, 500, 1000),
});
const scenario = fc.record({
  lines: fc.array(lineArb, { maxLength: 8 }),
  order: fc.option(discountSpec, { nil: undefined }),
  options: optionsArb,
});

interface Scenario {
  lines: CartLine[];
  order: DiscountSpec | undefined;
  options: TotalsOptions;
}

function run({ lines, order, options }: Scenario): {
  cart: Cart;
  options: TotalsOptions;
  totals: CartTotals;
} {
  const base = computeTotals({ lines }, options);
  const cart: Cart = {
    lines,
    orderDiscount: order && resolve(order, base.subtotal - base.lineDiscountTotal),
  };
  return { cart, options, totals: computeTotals(cart, options) };
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

describe('totals properties', () => {
  it('allocates the order discount exactly, and no line goes negative', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { totals } = run(s);
        expect(sum(totals.lines.map((l) => l.orderDiscount))).toBe(totals.orderDiscountTotal);
        for (const l of totals.lines) {
          expect(l.gross - l.lineDiscount - l.orderDiscount).toBeGreaterThanOrEqual(0);
          expect(l.net).toBeGreaterThanOrEqual(0);
          expect(l.tax).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it('keeps the tax base consistent in both modes', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { options, totals } = run(s);
        for (const l of totals.lines) {
          const afterDiscounts = l.gross - l.lineDiscount - l.orderDiscount;
          if (options.taxMode === 'inclusive') {
            expect(l.net + l.tax).toBe(afterDiscounts);
            expect(l.total).toBe(afterDiscounts);
          } else {
            expect(l.net).toBe(afterDiscounts);
            expect(l.total - l.tax).toBe(l.net);
          }
        }
        expect(totals.netTotal + totals.taxTotal).toBe(totals.total);
        expect(sum(totals.taxBreakdown.map((b) => b.net))).toBe(totals.netTotal);
        expect(sum(totals.taxBreakdown.map((b) => b.tax))).toBe(totals.taxTotal);
      }),
    );
  });

  it('rounds the due amount to the cash step by at most half a step', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { options, totals } = run(s);
        const step = options.cashRoundingStep;
        expect(totals.totalDue - totals.total).toBe(totals.rounding);
        if (step === 0) expect(totals.rounding).toBe(0);
        else {
          expect(totals.totalDue % step).toBe(0);
          expect(totals.rounding * 2).toBeGreaterThan(-step);
          expect(totals.rounding * 2).toBeLessThanOrEqual(step);
        }
      }),
    );
  });

  it('is unchanged by adding a zero-price item', () => {
    fc.assert(
      fc.property(scenario, lineArb, fc.nat(), (s, extra, at) => {
        const { cart, options, totals } = run(s);
        // A percent discount on a free item is still valid; an amount one would exceed the line.
        const free: CartLine = {
          ...extra,
          unitPrice: 0,
          discount: extra.discount?.kind === 'percent' ? extra.discount : undefined,
        };
        const i = cart.lines.length === 0 ? 0 : at % (cart.lines.length + 1);
        const lines = [...cart.lines.slice(0, i), free, ...cart.lines.slice(i)];
        const after = computeTotals({ ...cart, lines }, options);
        const { lines: beforeLines, taxBreakdown: _b, ...beforeSums } = totals;
        const { lines: afterLines, taxBreakdown: _a, ...afterSums } = after;
        expect(afterSums).toEqual(beforeSums);
        expect(afterLines.filter((_, j) => j !== i)).toEqual(beforeLines);
        expect(afterLines[i]).toEqual({
          gross: 0,
          lineDiscount: 0,
          orderDiscount: 0,
          net: 0,
          tax: 0,
          total: 0,
        });
      }),
    );
  });

  it('returns only safe integers, or amount_overflow, even near 2^53', () => {
    const hugeLine = fc.record({
      quantity: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 2 ** 20 })),
      unitPrice: fc.oneof(fc.maxSafeNat(), fc.integer({ min: 0, max: 2 ** 33 })),
      taxRateBp: rate,
    });
    fc.assert(
      fc.property(
        fc.array(hugeLine, { minLength: 1, maxLength: 3 }),
        optionsArb,
        (lines, options) => {
          let totals: CartTotals;
          try {
            totals = computeTotals(
              { lines, orderDiscount: { kind: 'percent', bp: 1234 } },
              options,
            );
          } catch (e) {
            expect(e).toBeInstanceOf(DomainError);
            expect((e as DomainError).code).toBe('amount_overflow');
            return;
          }
          const values = [
            ...totals.lines.flatMap((l) => Object.values(l) as number[]),
            ...totals.taxBreakdown.flatMap((b) => [b.net, b.tax]),
            totals.subtotal,
            totals.lineDiscountTotal,
            totals.orderDiscountTotal,
            totals.netTotal,
            totals.taxTotal,
            totals.total,
            totals.rounding,
            totals.totalDue,
          ];
          for (const v of values) expect(Number.isSafeInteger(v)).toBe(true);
          // BigInt cross-check that no addition lost precision along the way.
          const gross = lines.reduce((a, l) => a + BigInt(l.quantity) * BigInt(l.unitPrice), 0n);
          expect(BigInt(totals.subtotal)).toBe(gross);
        },
      ),
    );
  });
});

describe('allocateLargestRemainder', () => {
  const weightsArb = fc.array(fc.oneof(fc.nat(1000), fc.maxSafeNat()), {
    minLength: 1,
    maxLength: 10,
  });

  it('sums exactly, keeps each share within one unit of its exact share and below its weight', () => {
    fc.assert(
      fc.property(weightsArb, fc.nat(1_000_000), (weights, permille) => {
        const total = weights.reduce((a, w) => a + BigInt(w), 0n);
        const amount = Number((total * BigInt(permille)) / 1_000_000n);
        fc.pre(Number.isSafeInteger(amount) && (total > 0n || amount === 0));
        const shares = allocateLargestRemainder(amount, weights);
        expect(shares.reduce((a, s) => a + BigInt(s), 0n)).toBe(BigInt(amount));
        shares.forEach((s, i) => {
          const w = BigInt(weights[i] ?? 0);
          const exactFloor = total === 0n ? 0n : (BigInt(amount) * w) / total;
          expect(BigInt(s) - exactFloor).toBeGreaterThanOrEqual(0n);
          expect(BigInt(s) - exactFloor).toBeLessThanOrEqual(1n);
          expect(BigInt(s)).toBeLessThanOrEqual(w);
        });
      }),
    );
  });
});

describe('tender properties', () => {
  it('gives change = tendered − total for a single cash tender that covers the total', () => {
    fc.assert(
      fc.property(scenario, fc.nat(1_000_000), (s, over) => {
        const { totals } = run(s);
        const tendered = totals.totalDue + over;
        fc.pre(tendered > 0);
        const viaAmount = settle(totals.totalDue, [{ method: 'cash', amount: tendered }]);
        expect(viaAmount.change).toBe(tendered - totals.totalDue);
        expect(viaAmount.paid).toBe(totals.totalDue);
        if (totals.totalDue > 0) {
          const exact = { method: 'cash' as const, amount: totals.totalDue, tendered };
          expect(settle(totals.totalDue, [exact]).change).toBe(tendered - totals.totalDue);
        }
      }),
    );
  });

  it('settles a split exactly, with change only from cash', () => {
    fc.assert(
      fc.property(fc.nat(10_000_000), fc.nat(1000), fc.nat(1_000_000), (due, permille, extra) => {
        const qris = Math.floor((due * permille) / 1000);
        const cash = due - qris + extra;
        const payments = [
          ...(qris > 0 ? [{ method: 'qris' as const, amount: qris }] : []),
          ...(cash > 0 ? [{ method: 'cash' as const, amount: cash }] : []),
        ];
        const result = settle(due, payments);
        expect(result.paid).toBe(due);
        expect(result.remaining).toBe(0);
        expect(result.change).toBe(cash - (due - qris));
      }),
    );
  });
});
