import { afterEach, describe, expect, it } from 'vitest';
import { create } from 'zustand';
import { LapakDb } from '../../data/db';
import type { TillContext } from '../../data/till';
import type { SalePayload } from './sale-record';
import { loadCarts } from './repo';
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

  it('checks out a changed price as rung up, flagged as an override, with its approver', async () => {
    const name = `carts-${crypto.randomUUID()}`;
    const store = await boot(name);
    const db = dbs.at(-1)!;
    const [ani, budi] = [crypto.randomUUID(), crypto.randomUUID()];
    await db.replica('roles').bulkPut([
      { id: 'cashier', permissions: ['sale.create'] },
      { id: 'supervisor', permissions: ['sale.create', 'price.override'] },
    ]);
    await db.replica('staff').bulkPut([
      { id: ani, role_id: 'cashier', active: true },
      { id: budi, role_id: 'supervisor', active: true },
    ]);
    const ctx: TillContext = {
      db,
      device: {
        deviceId: crypto.randomUUID(),
        tenantId: crypto.randomUUID(),
        outletId: crypto.randomUUID(),
        outletCode: 'JKT1',
        deviceCode: 'T9',
      },
      staffId: ani,
      settings: { currency: 'IDR', taxMode: 'inclusive', cashRoundingStep: 0 },
      catalogVersion: 7,
      shiftId: null,
    };
    const pid = crypto.randomUUID();
    store.getState().addToCart({ ...kopi, id: pid }, 2);
    store.getState().addToCart({ ...teh, id: crypto.randomUUID() });
    store.getState().setLinePrice(store.getState().cart.lines[0]!.key, 6_500);
    const payments = [{ method: 'cash' as const, amount: 18_000, tendered: 20_000 }];

    // Without an approver the till refuses, and the cart stays for the manager to approve.
    await expect(store.getState().checkout(ctx, { payments })).rejects.toThrow('approval_required');
    expect(await db.outbox.count()).toBe(0);
    store.getState().setCartApprover(budi);
    const paidCart = store.getState().cart.id;
    const sale = await store.getState().checkout(ctx, { payments });
    expect(sale).toMatchObject({ due: 18_000, change: 2_000 });
    // The page dies the moment the sale is done: the paid cart went from disk with the sale
    // itself, so the reloaded till does not offer it to be rung up twice.
    db.close();
    const after = new LapakDb(name);
    dbs.push(after);
    const reloaded = await loadCarts(after);
    expect(reloaded.cart.id).not.toBe(paidCart);
    expect(reloaded.cart.lines).toEqual([]);
    expect(reloaded.cart.id).toBe(store.getState().cart.id);

    const [entry] = await after.outbox.toArray();
    expect(entry!.approverStaffId).toBe(budi);
    const lines = (entry!.payload as SalePayload).lines;
    expect(lines.map((l) => [l.product_id === pid, l.unit_price, l.price_override])).toEqual([
      [true, 6_500, true],
      [false, 5_000, false],
    ]);
    expect(store.getState().cart.lines).toEqual([]);
  });
});
