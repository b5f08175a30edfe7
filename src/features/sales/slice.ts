import type { StateCreator } from 'zustand';
import type { LapakDb } from '../../data/db';
import type { TillContext } from '../../data/till';
import type { Discount } from '../../lib/totals';
import { completeSale, type CompleteSaleInput, type CompletedSale } from './commands';
import * as cart from './model';
import { cartRow, loadCarts, saveCarts } from './repo';

/**
 * The sale being rung up and the parked ones. Cart actions are synchronous and throw a
 * DomainError for what the rules forbid (the UI says why); every change is saved to IndexedDB
 * so a reload keeps the cart.
 */
export interface SalesSlice {
  cart: cart.Cart;
  parked: readonly cart.ParkedCart[];
  restoreCarts(db: LapakDb): Promise<void>;
  addToCart(product: cart.ProductLike, quantity?: number): void;
  setLineQuantity(key: string, quantity: number): void;
  setLineDiscount(key: string, discount: Discount | null): void;
  setLineNote(key: string, note: string): void;
  setLinePrice(key: string, price: number): void;
  removeLine(key: string): void;
  setOrderDiscount(discount: Discount | null): void;
  setCartApprover(approverStaffId: string | null): void;
  clearCart(): void;
  parkCart(label?: string): void;
  /** Brings a parked cart back; the current one, if it has lines, is parked in its place. */
  resumeParked(cartId: string): void;
  dropParked(cartId: string): void;
  /** Completes the cart as a sale (one local transaction) and starts an empty cart. */
  checkout(ctx: TillContext, input: Pick<CompleteSaleInput, 'payments'>): Promise<CompletedSale>;
}

export const createSalesSlice: StateCreator<SalesSlice, [], [], SalesSlice> = (set, get) => {
  let db: LapakDb | null = null;
  // Writes are chained so an older snapshot never lands after a newer one.
  let saving: Promise<void> = Promise.resolve();

  function commit(next: { cart?: cart.Cart; parked?: readonly cart.ParkedCart[] }): void {
    const state = { cart: next.cart ?? get().cart, parked: next.parked ?? get().parked };
    set(state);
    const target = db;
    if (target) {
      saving = saving
        .then(() => saveCarts(target, { cart: state.cart, parked: [...state.parked] }))
        .catch((error: unknown) => console.error('saving the cart failed', error));
    }
  }
  const edit = (change: (c: cart.Cart) => cart.Cart) => commit({ cart: change(get().cart) });

  return {
    cart: cart.emptyCart(),
    parked: [],
    async restoreCarts(target) {
      db = target;
      const saved = await loadCarts(target);
      // Anything rung up before the saved carts arrived stays (it is newer).
      const current = get().cart.lines.length > 0 ? get().cart : saved.cart;
      commit({ cart: current, parked: saved.parked });
    },
    addToCart: (product, quantity = 1) => edit((c) => cart.addProduct(c, product, quantity)),
    setLineQuantity: (key, quantity) => edit((c) => cart.setQuantity(c, key, quantity)),
    setLineDiscount: (key, discount) => edit((c) => cart.setLineDiscount(c, key, discount)),
    setLineNote: (key, note) => edit((c) => cart.setLineNote(c, key, note)),
    setLinePrice: (key, price) => edit((c) => cart.setLinePrice(c, key, price)),
    removeLine: (key) => edit((c) => cart.removeLine(c, key)),
    setOrderDiscount: (discount) => edit((c) => cart.setOrderDiscount(c, discount)),
    setCartApprover: (approverStaffId) => edit((c) => cart.setApprover(c, approverStaffId)),
    clearCart: () => commit({ cart: cart.emptyCart() }),
    parkCart(label) {
      const current = get().cart;
      if (current.lines.length === 0) return;
      const entry: cart.ParkedCart = {
        cart: current,
        label: cart.parkLabel(current, label),
        parkedAt: new Date().toISOString(),
      };
      commit({ cart: cart.emptyCart(), parked: [...get().parked, entry] });
    },
    resumeParked(cartId) {
      const { parked, cart: current } = get();
      const found = parked.find((p) => p.cart.id === cartId);
      if (!found) return;
      const rest = parked.filter((p) => p.cart.id !== cartId);
      const swapped =
        current.lines.length > 0
          ? [
              ...rest,
              { cart: current, label: cart.parkLabel(current), parkedAt: new Date().toISOString() },
            ]
          : rest;
      commit({ cart: found.cart, parked: swapped });
    },
    dropParked: (cartId) => commit({ parked: get().parked.filter((p) => p.cart.id !== cartId) }),
    async checkout(ctx, input) {
      const current = get().cart;
      const next = cart.emptyCart();
      // The paid cart is cleared on disk in the sale's own transaction: a crash right after
      // payment must not bring the paid cart back to be rung up again. Chained after the cart
      // saves already queued, so none of them lands after it with the paid cart. The parked
      // carts do not change with a sale, and later saves of them queue after it.
      const paid = saving.then(() =>
        completeSale(
          ctx,
          {
            ...input,
            lines: current.lines.map((l) => ({
              productId: l.productId,
              name: l.name,
              sku: l.sku,
              quantity: l.quantity,
              unitPrice: l.unitPrice,
              taxRateBp: l.taxRateBp,
              discount: l.discount,
              note: l.note,
              priceOverride: cart.isPriceOverridden(l),
            })),
            orderDiscount: current.orderDiscount,
            note: current.note,
            approverStaffId: current.approverStaffId ?? null,
          },
          db ? [cartRow(next)] : [],
        ),
      );
      saving = paid.then(
        () => undefined,
        () => undefined,
      );
      const sale = await paid;
      // Only the cart that was paid for is cleared (a new one may have been started meanwhile,
      // and its save queued after the sale).
      if (get().cart.id === current.id) set({ cart: next });
      return sale;
    },
  };
};
