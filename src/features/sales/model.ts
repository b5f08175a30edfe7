import { DomainError } from '../../lib/errors';
import {
  BP_SCALE,
  computeTotals,
  type CartTotals,
  type Discount,
  type TotalsOptions,
} from '../../lib/totals';

/**
 * The cart at the till and the rules a cashier meets while ringing a sale up: pure functions over
 * plain data, so the store, the pay screen and the tests share them. Other features may import
 * this file (it is the sales model).
 */

export const SalesError = {
  PERMISSION_REQUIRED: 'approval_required',
  PERMISSION_DENIED: 'permission_denied',
  INVALID_QUANTITY: 'invalid_quantity',
  QUANTITY_TOO_LARGE: 'quantity_too_large',
  DISCOUNT_EXCEEDS_LINE: 'discount_exceeds_line',
  DISCOUNT_EXCEEDS_ORDER: 'discount_exceeds_order',
  INVALID_DISCOUNT: 'invalid_discount',
  UNKNOWN_LINE: 'unknown_line',
  UNKNOWN_SALE: 'unknown_sale',
  ALREADY_VOIDED: 'already_voided',
  SALE_HAS_REFUNDS: 'sale_has_refunds',
  SALE_VOIDED: 'sale_voided',
  SALE_REJECTED: 'sale_rejected',
  OTHER_SHIFT: 'other_shift',
  REFUND_EXCEEDS_SALE: 'refund_exceeds_sale',
  EMPTY_REFUND: 'empty_refund',
  UNKNOWN_PAYMENT: 'unknown_payment',
  PAYMENT_SETTLED: 'payment_settled',
  INVALID_PRICE: 'invalid_price',
  INVALID_INPUT: 'invalid_input',
} as const;
export type SalesError = (typeof SalesError)[keyof typeof SalesError];

/** Permissions as the server names them (role_permissions.permission). */
export type Permission =
  'sale.create' | 'sale.void' | 'refund.create' | 'discount.override' | 'price.override';

/** The shell asks a manager for their PIN on the spot; null when nobody approved. */
export type RequestApproval = (request: {
  permission: Permission;
}) => Promise<{ approverStaffId: string } | null>;

/** A cashier never rings up more of one line than this: a typo guard, not a business rule. */
export const MAX_QUANTITY = 9_999;

export interface CartLine {
  /** Local identity of the line: the same product may sit on two lines with different notes. */
  readonly key: string;
  readonly productId: string;
  readonly name: string;
  readonly sku: string | null;
  readonly unitPrice: number;
  readonly taxRateBp: number;
  readonly quantity: number;
  readonly discount: Discount | null;
  readonly note: string | null;
  /** The catalog's price when the line went in; `unitPrice` differs when the price was changed. */
  readonly catalogPrice?: number;
}

export interface Cart {
  readonly id: string;
  readonly lines: readonly CartLine[];
  readonly orderDiscount: Discount | null;
  readonly note: string | null;
  /** ISO time the first line went in; parked carts are listed by it. */
  readonly startedAt: string | null;
  /** The manager who approved what this cart needs beyond the cashier's permissions. */
  readonly approverStaffId?: string | null;
}

export interface ParkedCart {
  readonly cart: Cart;
  readonly label: string;
  readonly parkedAt: string;
}

export interface ProductLike {
  readonly id: string;
  readonly name: string;
  readonly sku: string | null;
  readonly price: number;
  readonly taxRateBp: number;
}

/** For previews while the cashier is still typing: what the rules refuse shows as nothing. */
export function orNull<T>(compute: () => T): T | null {
  try {
    return compute();
  } catch {
    return null;
  }
}

export function emptyCart(id: string = crypto.randomUUID()): Cart {
  return { id, lines: [], orderDiscount: null, note: null, startedAt: null };
}

function assertQuantity(quantity: number): void {
  if (!Number.isSafeInteger(quantity) || quantity < 1) {
    throw new DomainError(SalesError.INVALID_QUANTITY, { details: { quantity } });
  }
  if (quantity > MAX_QUANTITY) {
    throw new DomainError(SalesError.QUANTITY_TOO_LARGE, { details: { quantity } });
  }
}

function checkDiscount(discount: Discount | null): void {
  if (discount === null) return;
  const ok =
    discount.kind === 'percent'
      ? Number.isInteger(discount.bp) && discount.bp >= 0 && discount.bp <= BP_SCALE
      : Number.isSafeInteger(discount.amount) && discount.amount >= 0;
  if (!ok) throw new DomainError(SalesError.INVALID_DISCOUNT, { details: { discount } });
}

const grossOf = (line: CartLine, quantity = line.quantity) => line.unitPrice * quantity;

/** Scanning or tapping a product again adds one to its plain line; a line with a note or a
 * discount of its own stays as it is and the product gets a line of its own. */
export function addProduct(cart: Cart, product: ProductLike, quantity = 1, now = new Date()): Cart {
  assertQuantity(quantity);
  const i = cart.lines.findLastIndex(
    (l) =>
      l.productId === product.id && l.note === null && l.discount === null && !isPriceOverridden(l),
  );
  const startedAt = cart.startedAt ?? now.toISOString();
  if (i >= 0) {
    const line = cart.lines[i]!;
    assertQuantity(line.quantity + quantity);
    return {
      ...cart,
      startedAt,
      lines: cart.lines.with(i, { ...line, quantity: line.quantity + quantity }),
    };
  }
  const line: CartLine = {
    key: crypto.randomUUID(),
    productId: product.id,
    name: product.name,
    sku: product.sku,
    unitPrice: product.price,
    taxRateBp: product.taxRateBp,
    quantity,
    discount: null,
    note: null,
    catalogPrice: product.price,
  };
  return { ...cart, startedAt, lines: [...cart.lines, line] };
}

/** The line is rung up at a price other than the catalog's (the sale records it as such). */
export function isPriceOverridden(line: CartLine): boolean {
  return line.catalogPrice !== undefined && line.unitPrice !== line.catalogPrice;
}

/**
 * Rings a line up at another price (a damaged box, a price label the shelf got wrong). The sale
 * records the price given and flags it as an override, which needs `price.override`; going back
 * to the catalog price clears the flag. A discount that no longer fits is refused, not trimmed.
 */
export function setLinePrice(cart: Cart, key: string, price: number): Cart {
  if (!Number.isSafeInteger(price) || price < 0) {
    throw new DomainError(SalesError.INVALID_PRICE, { details: { key, price } });
  }
  const next = updateLine(cart, key, (line) => {
    if (line.discount?.kind === 'amount' && line.discount.amount > price * line.quantity) {
      throw new DomainError(SalesError.DISCOUNT_EXCEEDS_LINE, { details: { key, price } });
    }
    return { ...line, unitPrice: price, catalogPrice: line.catalogPrice ?? line.unitPrice };
  });
  if (!fitsOrderDiscount(next, next.orderDiscount)) {
    throw new DomainError(SalesError.DISCOUNT_EXCEEDS_ORDER, { details: { key, price } });
  }
  return next;
}

function updateLine(cart: Cart, key: string, update: (line: CartLine) => CartLine): Cart {
  const i = cart.lines.findIndex((l) => l.key === key);
  if (i < 0) throw new DomainError(SalesError.UNKNOWN_LINE, { details: { key } });
  return { ...cart, lines: cart.lines.with(i, update(cart.lines[i]!)) };
}

/** Zero is not a quantity: removing a line is its own action. */
export function setQuantity(cart: Cart, key: string, quantity: number): Cart {
  assertQuantity(quantity);
  return updateLine(cart, key, (line) => {
    // An amount discount that fitted the old quantity may not fit the new one.
    if (line.discount?.kind === 'amount' && line.discount.amount > grossOf(line, quantity)) {
      throw new DomainError(SalesError.DISCOUNT_EXCEEDS_LINE, { details: { key, quantity } });
    }
    return { ...line, quantity };
  });
}

export function setLineDiscount(cart: Cart, key: string, discount: Discount | null): Cart {
  checkDiscount(discount);
  return updateLine(cart, key, (line) => {
    if (discount?.kind === 'amount' && discount.amount > grossOf(line)) {
      throw new DomainError(SalesError.DISCOUNT_EXCEEDS_LINE, { details: { key } });
    }
    return { ...line, discount: isZero(discount) ? null : discount };
  });
}

export function setLineNote(cart: Cart, key: string, note: string): Cart {
  const text = note.trim().slice(0, 500);
  return updateLine(cart, key, (line) => ({ ...line, note: text === '' ? null : text }));
}

export function removeLine(cart: Cart, key: string): Cart {
  const lines = cart.lines.filter((l) => l.key !== key);
  if (lines.length === cart.lines.length) {
    throw new DomainError(SalesError.UNKNOWN_LINE, { details: { key } });
  }
  // An order discount in rupiah that no longer fits goes with the lines it was given for.
  const next = { ...cart, lines };
  return fitsOrderDiscount(next, cart.orderDiscount) ? next : { ...next, orderDiscount: null };
}

function fitsOrderDiscount(cart: Cart, discount: Discount | null): boolean {
  if (discount?.kind !== 'amount') return true;
  const base = cart.lines.reduce(
    (sum, l) => sum + grossOf(l) - (l.discount ? lineDiscountAmount(l) : 0),
    0,
  );
  return discount.amount <= base;
}

function lineDiscountAmount(line: CartLine): number {
  const totals = computeTotals({ lines: [line] }, { taxMode: 'inclusive', cashRoundingStep: 0 });
  return totals.lineDiscountTotal;
}

export function setOrderDiscount(cart: Cart, discount: Discount | null): Cart {
  checkDiscount(discount);
  if (!fitsOrderDiscount(cart, discount)) {
    throw new DomainError(SalesError.DISCOUNT_EXCEEDS_ORDER);
  }
  return { ...cart, orderDiscount: isZero(discount) ? null : discount };
}

function isZero(discount: Discount | null): boolean {
  return (
    discount === null || (discount.kind === 'percent' ? discount.bp === 0 : discount.amount === 0)
  );
}

export function setApprover(cart: Cart, approverStaffId: string | null): Cart {
  return { ...cart, approverStaffId };
}

export function cartTotals(cart: Cart, options: TotalsOptions): CartTotals {
  return computeTotals({ lines: cart.lines, orderDiscount: cart.orderDiscount }, options);
}

export function itemCount(cart: Cart): number {
  return cart.lines.reduce((n, l) => n + l.quantity, 0);
}

/** The permissions a cart needs beyond selling, as the server checks them. */
export function requiredPermissions(cart: Cart): Permission[] {
  const discounted = cart.orderDiscount !== null || cart.lines.some((l) => l.discount !== null);
  const repriced = cart.lines.some(isPriceOverridden);
  return [
    ...(discounted ? (['discount.override'] as const) : []),
    ...(repriced ? (['price.override'] as const) : []),
  ];
}

/** Which permissions the member lacks: the ones a manager must approve. */
export function missingPermissions(
  needed: readonly Permission[],
  held: readonly string[],
): Permission[] {
  return needed.filter((p) => !held.includes(p));
}

/**
 * A label for a parked cart the cashier can recognise: the first item and how many more,
 * unless the cashier named it (a customer's name, "meja 4").
 */
export function parkLabel(cart: Cart, given?: string): string {
  const name = given?.trim();
  if (name) return name.slice(0, 60);
  const first = cart.lines[0];
  if (!first) return '';
  return cart.lines.length > 1 ? `${first.name} +${cart.lines.length - 1}` : first.name;
}
