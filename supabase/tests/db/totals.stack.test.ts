import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeTotals, totalsToWire } from '../../../src/lib/totals';
import { isDomainError } from '../../../src/lib/errors';
import type { RunningStack } from '../../local/stack';
import { startTestStack } from '../helpers/stack';
import vectors from '../vectors/totals.json';

/**
 * app.compute_totals is the server's copy of src/lib/totals.ts. Every shared vector must give the
 * same numbers (or the same error code) in SQL, and random carts must agree with the TypeScript.
 */

interface Vector {
  name: string;
  tax_mode: string;
  cash_rounding_step: number;
  lines: unknown[];
  order_discount: unknown;
  expected?: unknown;
  error?: string;
}

let stack: RunningStack;
beforeAll(async () => {
  stack = await startTestStack({ seed: false });
});
afterAll(async () => {
  await stack?.stop();
});

async function sqlTotals(
  lines: unknown,
  orderDiscount: unknown,
  taxMode: string,
  step: number,
): Promise<{ value?: unknown; code?: string }> {
  try {
    const res = await stack.db.query<{ t: unknown }>(
      'select app.compute_totals($1::jsonb, $2::jsonb, $3, $4) as t',
      [JSON.stringify(lines), JSON.stringify(orderDiscount ?? null), taxMode, step],
    );
    return { value: res.rows[0]?.t };
  } catch (err) {
    const message = (err as Error).message;
    return { code: /^([a-z_]+): /.exec(message)?.[1] ?? `unexpected: ${message}` };
  }
}

describe('app.compute_totals agrees with the shared vectors', () => {
  const cases = (vectors as { cases: Vector[] }).cases;

  it('covers every vector', () => {
    expect(cases.length).toBeGreaterThan(50);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const got = await sqlTotals(c.lines, c.order_discount, c.tax_mode, c.cash_rounding_step);
    if (c.error !== undefined) {
      expect(got).toEqual({ code: c.error });
    } else {
      expect(got).toEqual({ value: c.expected });
    }
  });
});

describe('app.compute_totals agrees with src/lib/totals.ts on random carts', () => {
  const discount = fc.option(
    fc.oneof(
      fc.record({ kind: fc.constant('percent' as const), bp: fc.integer({ min: 0, max: 10_000 }) }),
      fc.record({
        kind: fc.constant('amount' as const),
        amount: fc.integer({ min: 0, max: 60_000 }),
      }),
    ),
    { nil: null },
  );
  const line = fc.record({
    quantity: fc.integer({ min: 1, max: 40 }),
    unitPrice: fc.integer({ min: 0, max: 250_000 }),
    taxRateBp: fc.constantFrom(0, 1000, 1100, 1200, 10_000, 733),
    discount,
  });
  const cart = fc.record({
    lines: fc.array(line, { maxLength: 6 }),
    orderDiscount: discount,
    taxMode: fc.constantFrom('inclusive' as const, 'exclusive' as const),
    step: fc.constantFrom(0, 1, 50, 100, 500, 1000),
  });

  it('same totals or the same error code', async () => {
    await fc.assert(
      fc.asyncProperty(cart, async (c) => {
        let expected: { value?: unknown; code?: string };
        try {
          expected = {
            value: totalsToWire(
              computeTotals(
                { lines: c.lines, orderDiscount: c.orderDiscount },
                { taxMode: c.taxMode, cashRoundingStep: c.step },
              ),
            ),
          };
        } catch (err) {
          if (!isDomainError(err)) throw err;
          expected = { code: err.code };
        }
        const sqlLines = c.lines.map((l) => ({
          quantity: l.quantity,
          unit_price: l.unitPrice,
          tax_rate_bp: l.taxRateBp,
          discount: l.discount,
        }));
        expect(await sqlTotals(sqlLines, c.orderDiscount, c.taxMode, c.step)).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });
});
