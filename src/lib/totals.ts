import { z } from 'zod';
import { ErrorCode, fail } from './errors';
import { checkedAdd, mulDivHalfUp, roundCash, sumAmounts } from './money';

/**
 * The cart totals engine. The till runs it on every change and the server re-runs the same rules
 * in SQL to reject an internally inconsistent sale, so every rule here is deterministic integer
 * arithmetic, and both sides are tested against supabase/tests/vectors/totals.json.
 *
 * Empty carts are allowed and total to zero: the till shows totals for an empty cart, and
 * refusing to complete an empty sale is the sale command's job (ErrorCode.EMPTY_CART).
 */

/** Basis points: 10 000 bp = 100 %. PPN 11 % is 1100. */
export const BP_SCALE = 10_000;

export type Discount =
  | { readonly kind: 'percent'; readonly bp: number }
  | { readonly kind: 'amount'; readonly amount: number };

export interface CartLine {
  readonly quantity: number;
  readonly unitPrice: number;
  readonly taxRateBp: number;
  readonly discount?: Discount | null | undefined;
}

export interface Cart {
  readonly lines: readonly CartLine[];
  readonly orderDiscount?: Discount | null | undefined;
}

export type TaxMode = 'inclusive' | 'exclusive';

export interface TotalsOptions {
  readonly taxMode: TaxMode;
  /** 0 turns cash rounding off. */
  readonly cashRoundingStep: number;
}

export interface LineTotals {
  readonly gross: number;
  readonly lineDiscount: number;
  readonly orderDiscount: number;
  /** Tax base of the line. */
  readonly net: number;
  readonly tax: number;
  readonly total: number;
}

export interface TaxBreakdownEntry {
  readonly taxRateBp: number;
  readonly net: number;
  readonly tax: number;
}

export interface CartTotals {
  readonly lines: readonly LineTotals[];
  readonly subtotal: number;
  readonly lineDiscountTotal: number;
  readonly orderDiscountTotal: number;
  readonly netTotal: number;
  readonly taxTotal: number;
  readonly total: number;
  /** totalDue − total: what cash rounding added (or took, when negative). */
  readonly rounding: number;
  readonly totalDue: number;
  /** One entry per distinct rate in the cart, ascending, including rates whose base is 0. */
  readonly taxBreakdown: readonly TaxBreakdownEntry[];
}

// Schemas for commands. They accept exactly what computeTotals accepts, except the rules that need
// arithmetic (discount_exceeds_line/order, overflow), which only computeTotals can judge.
const bpSchema = z.int().min(0).max(BP_SCALE);
const minorSchema = z.int().min(0);
export const discountSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('percent'), bp: bpSchema }),
  z.object({ kind: z.literal('amount'), amount: minorSchema }),
]);
export const cartLineSchema = z.object({
  quantity: z.int().positive(),
  unitPrice: minorSchema,
  taxRateBp: bpSchema,
  discount: discountSchema.nullish(),
});
export const cartSchema = z.object({
  lines: z.array(cartLineSchema),
  orderDiscount: discountSchema.nullish(),
});
export const totalsOptionsSchema = z.object({
  taxMode: z.enum(['inclusive', 'exclusive']),
  cashRoundingStep: z.int().min(0),
});

// ---------------------------------------------------------------------------------------------
// Validation: the engine trusts no caller, including ones that skipped the schema. The whole
// input is checked before any arithmetic, so a structural error wins over an arithmetic one.

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isBp = (v: unknown): v is number =>
  Number.isInteger(v) && (v as number) >= 0 && (v as number) <= BP_SCALE;
const isMinor = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

function checkDiscount(value: unknown, field: string): void {
  if (value === undefined || value === null) return;
  if (!isRecord(value)) fail(ErrorCode.INVALID_DISCOUNT, { field });
  if (value.kind === 'percent' && isBp(value.bp)) return;
  if (value.kind === 'amount' && isMinor(value.amount)) return;
  fail(ErrorCode.INVALID_DISCOUNT, { field, value });
}

function validate(cart: Cart, options: TotalsOptions): void {
  if (!isRecord(options) || (options.taxMode !== 'inclusive' && options.taxMode !== 'exclusive')) {
    fail(ErrorCode.INVALID_TAX_MODE, { value: isRecord(options) ? options.taxMode : options });
  }
  if (!isMinor(options.cashRoundingStep)) {
    fail(ErrorCode.INVALID_ROUNDING_STEP, { value: options.cashRoundingStep });
  }
  if (!isRecord(cart) || !Array.isArray(cart.lines)) fail(ErrorCode.INVALID_CART);
  cart.lines.forEach((line: unknown, i) => {
    if (!isRecord(line)) fail(ErrorCode.INVALID_CART, { line: i });
    const { quantity, unitPrice, taxRateBp } = line;
    if (!Number.isSafeInteger(quantity) || (quantity as number) <= 0) {
      fail(ErrorCode.INVALID_QUANTITY, { line: i, value: quantity });
    }
    if (!isMinor(unitPrice)) fail(ErrorCode.INVALID_AMOUNT, { line: i, value: unitPrice });
    if (!isBp(taxRateBp)) fail(ErrorCode.INVALID_TAX_RATE, { line: i, value: taxRateBp });
    checkDiscount(line.discount, `lines[${i}].discount`);
  });
  checkDiscount(cart.orderDiscount, 'orderDiscount');
}

// ---------------------------------------------------------------------------------------------
// Rules

/** Percent discounts are round(base × bp / 10 000), half-up; amount discounts are taken as is. */
function discountAmount(base: number, discount: Discount | null | undefined): number {
  if (discount == null) return 0;
  return discount.kind === 'percent' ? mulDivHalfUp(base, discount.bp, BP_SCALE) : discount.amount;
}

/**
 * Splits `amount` over `weights` in proportion, largest remainder method: each share is
 * floor(amount × w / Σw), and the units left over go one each to the largest remainders, ties to
 * the lower index. Shares sum exactly to `amount`, and when amount ≤ Σw no share exceeds its
 * weight (a line never goes negative): a line only gets the extra unit if its exact share had a
 * fraction, and ceil(amount × w / Σw) ≤ w. Products can reach 2^106, hence BigInt.
 */
export function allocateLargestRemainder(amount: number, weights: readonly number[]): number[] {
  if (!isMinor(amount)) fail(ErrorCode.INVALID_AMOUNT, { value: amount });
  weights.forEach((w, i) => {
    if (!isMinor(w)) fail(ErrorCode.INVALID_AMOUNT, { index: i, value: w });
  });
  const sum = weights.reduce((s, w) => s + BigInt(w), 0n);
  if (sum === 0n) {
    if (amount !== 0) fail(ErrorCode.INVALID_AMOUNT, { value: amount, reason: 'no weight' });
    return weights.map(() => 0);
  }
  const total = BigInt(amount);
  const shares = weights.map((w) => Number((total * BigInt(w)) / sum));
  const remainders = weights.map((w) => (total * BigInt(w)) % sum);
  let left = amount - shares.reduce((s, x) => s + x, 0);
  const order = weights
    .map((_, i) => i)
    .sort((a, b) => {
      const ra = remainders[a] ?? 0n;
      const rb = remainders[b] ?? 0n;
      return ra === rb ? a - b : ra > rb ? -1 : 1;
    });
  for (const i of order) {
    if (left === 0) break;
    shares[i] = (shares[i] ?? 0) + 1;
    left -= 1;
  }
  return shares;
}

/**
 * Tax on the line's amount after all discounts, rounded half-up per line (not per cart, so a
 * line's tax never changes because another line was added):
 * - exclusive: tax = round(amount × rate / 10 000), net = amount, total = amount + tax;
 * - inclusive: tax = round(amount × rate / (10 000 + rate)), net = amount − tax, total = amount.
 */
function taxLine(amount: number, rateBp: number, mode: TaxMode) {
  if (mode === 'exclusive') {
    const tax = mulDivHalfUp(amount, rateBp, BP_SCALE);
    return { net: amount, tax, total: checkedAdd(amount, tax) };
  }
  const tax = mulDivHalfUp(amount, rateBp, BP_SCALE + rateBp);
  return { net: amount - tax, tax, total: amount };
}

/**
 * Computes a cart's totals. Order of operations, mirrored in SQL:
 * 1. gross = quantity × unitPrice; the line discount comes off it and may not exceed it
 *    (`discount_exceeds_line`; never clamped: a bigger discount is a mistake to show the cashier).
 * 2. The order discount is taken from the sum of lines after line discounts, may not exceed it
 *    (`discount_exceeds_order`), and is allocated to lines by largest remainder.
 * 3. Tax per line (see taxLine), then sums; totalDue is total cash-rounded to cashRoundingStep.
 * Any value past 2^53 − 1 is `amount_overflow`.
 */
export function computeTotals(cart: Cart, options: TotalsOptions): CartTotals {
  validate(cart, options);
  const gross: number[] = [];
  const lineDiscounts: number[] = [];
  // One pass per line so arithmetic errors surface in line order, as they do in SQL.
  cart.lines.forEach((l, i) => {
    const g = mulDivHalfUp(l.quantity, l.unitPrice, 1);
    const d = discountAmount(g, l.discount);
    if (d > g) fail(ErrorCode.DISCOUNT_EXCEEDS_LINE, { line: i, discount: d, gross: g });
    gross.push(g);
    lineDiscounts.push(d);
  });
  const afterLine = gross.map((g, i) => g - (lineDiscounts[i] ?? 0));
  const orderBase = sumAmounts(afterLine);
  const orderDiscount = discountAmount(orderBase, cart.orderDiscount);
  if (orderDiscount > orderBase) {
    fail(ErrorCode.DISCOUNT_EXCEEDS_ORDER, { discount: orderDiscount, base: orderBase });
  }
  const allocation = allocateLargestRemainder(orderDiscount, afterLine);

  const lines: LineTotals[] = cart.lines.map((l, i) => {
    const share = allocation[i] ?? 0;
    const taxed = taxLine((afterLine[i] ?? 0) - share, l.taxRateBp, options.taxMode);
    return {
      gross: gross[i] ?? 0,
      lineDiscount: lineDiscounts[i] ?? 0,
      orderDiscount: share,
      ...taxed,
    };
  });

  const byRate = new Map<number, { net: number; tax: number }>();
  cart.lines.forEach((l, i) => {
    const line = lines[i];
    if (line === undefined) return;
    const entry = byRate.get(l.taxRateBp) ?? { net: 0, tax: 0 };
    byRate.set(l.taxRateBp, {
      net: checkedAdd(entry.net, line.net),
      tax: checkedAdd(entry.tax, line.tax),
    });
  });
  const taxBreakdown = [...byRate.entries()]
    .sort(([a], [b]) => a - b)
    .map(([taxRateBp, { net, tax }]) => ({ taxRateBp, net, tax }));

  const total = sumAmounts(lines.map((l) => l.total));
  const totalDue = roundCash(total, options.cashRoundingStep);
  return {
    lines,
    subtotal: sumAmounts(gross),
    lineDiscountTotal: sumAmounts(lineDiscounts),
    orderDiscountTotal: orderDiscount,
    netTotal: sumAmounts(lines.map((l) => l.net)),
    taxTotal: sumAmounts(lines.map((l) => l.tax)),
    total,
    rounding: totalDue - total,
    totalDue,
    taxBreakdown,
  };
}

/**
 * The totals in the snake_case shape of the sync protocol and the shared vectors file, so the
 * till's payloads and every test compare against one spelling.
 */
export function totalsToWire(t: CartTotals) {
  return {
    lines: t.lines.map((l) => ({
      gross: l.gross,
      line_discount: l.lineDiscount,
      order_discount: l.orderDiscount,
      net: l.net,
      tax: l.tax,
      total: l.total,
    })),
    subtotal: t.subtotal,
    line_discount_total: t.lineDiscountTotal,
    order_discount_total: t.orderDiscountTotal,
    net_total: t.netTotal,
    tax_total: t.taxTotal,
    total: t.total,
    rounding: t.rounding,
    total_due: t.totalDue,
    tax_breakdown: t.taxBreakdown.map((b) => ({
      tax_rate_bp: b.taxRateBp,
      net: b.net,
      tax: b.tax,
    })),
  };
}
