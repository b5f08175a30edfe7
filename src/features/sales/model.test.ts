import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../lib/errors';
import {
  addProduct,
  cartTotals,
  emptyCart,
  isPriceOverridden,
  itemCount,
  parkLabel,
  removeLine,
  requiredPermissions,
  missingPermissions,
  setLineDiscount,
  setLineNote,
  setLinePrice,
  setOrderDiscount,
  setQuantity,
  type Cart,
} from './model';

const kopi = { id: 'p1', name: 'Kopi Susu', sku: 'K1', price: 8_000, taxRateBp: 1100 };
const beras = { id: 'p2', name: 'Beras 5 kg', sku: null, price: 75_000, taxRateBp: 0 };
const opts = { taxMode: 'inclusive', cashRoundingStep: 0 } as const;

const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return isDomainError(e) ? e.code : 'not a domain error';
  }
  return undefined;
};

describe('cart', () => {
  it('adds a product again to its plain line, and to a new line once that one has a note', () => {
    let cart = addProduct(emptyCart('c'), kopi);
    cart = addProduct(cart, kopi, 2);
    expect(cart.lines).toHaveLength(1);
    expect(cart.lines[0]!.quantity).toBe(3);
    cart = setLineNote(cart, cart.lines[0]!.key, 'less sugar');
    cart = addProduct(cart, kopi);
    expect(cart.lines.map((l) => l.quantity)).toEqual([3, 1]);
    expect(itemCount(cart)).toBe(4);
    expect(cart.startedAt).not.toBeNull();
  });

  it('refuses zero, negative, fractional and absurd quantities', () => {
    const cart = addProduct(emptyCart(), kopi);
    const key = cart.lines[0]!.key;
    expect(code(() => setQuantity(cart, key, 0))).toBe('invalid_quantity');
    expect(code(() => setQuantity(cart, key, -1))).toBe('invalid_quantity');
    expect(code(() => setQuantity(cart, key, 1.5))).toBe('invalid_quantity');
    expect(code(() => setQuantity(cart, key, 10_000))).toBe('quantity_too_large');
    expect(code(() => addProduct(cart, kopi, 0))).toBe('invalid_quantity');
    expect(setQuantity(cart, key, 5).lines[0]!.quantity).toBe(5);
  });

  it('refuses a discount bigger than what it discounts', () => {
    let cart = addProduct(addProduct(emptyCart(), kopi, 2), beras);
    const k = cart.lines[0]!.key;
    expect(code(() => setLineDiscount(cart, k, { kind: 'amount', amount: 16_001 }))).toBe(
      'discount_exceeds_line',
    );
    expect(code(() => setLineDiscount(cart, k, { kind: 'percent', bp: 10_001 }))).toBe(
      'invalid_discount',
    );
    cart = setLineDiscount(cart, k, { kind: 'amount', amount: 16_000 });
    // Lowering the quantity below what the discount covers is refused too.
    expect(code(() => setQuantity(cart, k, 1))).toBe('discount_exceeds_line');
    expect(code(() => setOrderDiscount(cart, { kind: 'amount', amount: 75_001 }))).toBe(
      'discount_exceeds_order',
    );
    cart = setOrderDiscount(cart, { kind: 'amount', amount: 75_000 });
    expect(cartTotals(cart, opts).total).toBe(0);
    // Removing the line the order discount relied on drops the discount with it.
    cart = removeLine(cart, cart.lines[1]!.key);
    expect(cart.orderDiscount).toBeNull();
  });

  it('a zero discount is no discount, and any discount needs discount.override', () => {
    let cart = addProduct(emptyCart(), kopi);
    expect(requiredPermissions(cart)).toEqual([]);
    cart = setLineDiscount(cart, cart.lines[0]!.key, { kind: 'percent', bp: 0 });
    expect(cart.lines[0]!.discount).toBeNull();
    cart = setOrderDiscount(cart, { kind: 'percent', bp: 1000 });
    expect(requiredPermissions(cart)).toEqual(['discount.override']);
    expect(missingPermissions(requiredPermissions(cart), ['sale.create'])).toEqual([
      'discount.override',
    ]);
    expect(missingPermissions(requiredPermissions(cart), ['discount.override'])).toEqual([]);
  });

  it('rings a line up at another price, flagged as an override that needs price.override', () => {
    let cart = addProduct(emptyCart(), kopi, 2);
    const k = cart.lines[0]!.key;
    cart = setLinePrice(cart, k, 6_500);
    expect(cart.lines[0]).toMatchObject({ unitPrice: 6_500, catalogPrice: 8_000 });
    expect(isPriceOverridden(cart.lines[0]!)).toBe(true);
    expect(cartTotals(cart, opts).total).toBe(13_000);
    expect(requiredPermissions(cart)).toEqual(['price.override']);
    // Scanning the product again starts a line at the catalog price, not at the changed one.
    cart = addProduct(cart, kopi);
    expect(cart.lines.map((l) => [l.quantity, l.unitPrice])).toEqual([
      [2, 6_500],
      [1, 8_000],
    ]);
    // Back to the catalog price is no override at all.
    cart = setLinePrice(cart, k, 8_000);
    expect(isPriceOverridden(cart.lines[0]!)).toBe(false);
    expect(requiredPermissions(cart)).toEqual([]);
    // A free item is a price too; what a price cannot be is refused and changes nothing.
    expect(cartTotals(setLinePrice(cart, k, 0), opts).total).toBe(8_000);
    for (const bad of [-1, 1.5, Number.NaN, 2 ** 60]) {
      expect(code(() => setLinePrice(cart, k, bad))).toBe('invalid_price');
    }
    expect(code(() => setLinePrice(cart, 'nope', 1))).toBe('unknown_line');
  });

  it('refuses a price under the discounts the line or order already has', () => {
    let cart = addProduct(addProduct(emptyCart(), kopi, 2), beras);
    const k = cart.lines[0]!.key;
    cart = setLineDiscount(cart, k, { kind: 'amount', amount: 10_000 });
    expect(code(() => setLinePrice(cart, k, 4_999))).toBe('discount_exceeds_line');
    cart = setLinePrice(cart, k, 5_000);
    cart = setOrderDiscount(cart, { kind: 'amount', amount: 75_000 });
    expect(code(() => setLinePrice(cart, cart.lines[1]!.key, 74_999))).toBe(
      'discount_exceeds_order',
    );
    expect(requiredPermissions(cart)).toEqual(['discount.override', 'price.override']);
  });

  it('labels parked carts by their first item unless named', () => {
    const cart: Cart = addProduct(addProduct(emptyCart(), kopi), beras);
    expect(parkLabel(cart)).toBe('Kopi Susu +1');
    expect(parkLabel(cart, '  Meja 4 ')).toBe('Meja 4');
  });
});
