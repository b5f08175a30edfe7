import { afterEach, describe, expect, it } from 'vitest';
import { create } from 'zustand';
import { LapakDb } from '../../data/db';
import { createSalesSlice, type SalesSlice } from './slice';

const kopi = { id: 'p1', name: 'Kopi Susu', sku: null, price: 8_000, taxRateBp: 1100 };
const teh = { id: 'p2', name: 'Teh Manis', sku: null, price: 5_000, taxRateBp: 1100 };

const dbs: LapakDb[] = [];
afterEach(async () => {
  // Saving is fire-and-forget for the caller: let the last writes land before the database goes.
  await new Promise((r) => setTimeout(r, 50));
  while (dbs.length) await dbs.pop()!.delete();
});

/** A till's store as after a page load: a fresh store on the same IndexedDB. */
async function boot(name: string) {
  const db = new LapakDb(name);
  dbs.push(db);
  const store = create<SalesSlice>()((...a) => createSalesSlice(...a));
  await store.getState().restoreCarts(db);
  return store;
}

describe('sales slice', () => {
  it('keeps the cart and parked carts across a reload, and resumes by swapping', async () => {
    const name = `carts-${crypto.randomUUID()}`;
    const first = await boot(name);
    first.getState().addToCart(kopi, 2);
    first.getState().parkCart('Meja 4');
    first.getState().addToCart(teh);
    // Let the chained writes land before "reloading".
    await new Promise((r) => setTimeout(r, 50));

    const second = await boot(name);
    expect(second.getState().cart.lines.map((l) => l.name)).toEqual(['Teh Manis']);
    expect(second.getState().parked.map((p) => p.label)).toEqual(['Meja 4']);
    const parkedId = second.getState().parked[0]!.cart.id;
    second.getState().resumeParked(parkedId);
    expect(second.getState().cart.lines[0]).toMatchObject({ name: 'Kopi Susu', quantity: 2 });
    // The cart that was open is parked in its place, not lost.
    expect(second.getState().parked.map((p) => p.label)).toEqual(['Teh Manis']);
    second.getState().dropParked(second.getState().parked[0]!.cart.id);
    expect(second.getState().parked).toEqual([]);
  });

  it('refuses what the rules refuse and leaves the cart as it was', async () => {
    const store = await boot(`carts-${crypto.randomUUID()}`);
    store.getState().addToCart(kopi);
    const key = store.getState().cart.lines[0]!.key;
    expect(() => store.getState().setLineQuantity(key, 0)).toThrow('invalid_quantity');
    expect(store.getState().cart.lines[0]!.quantity).toBe(1);
  });
});
