import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningStack } from '../../local/stack';
import { startTestStack } from '../helpers/stack';
import { failed, ok } from './helpers/clients';
import { num, payloadId, Till, type Mutation } from './helpers/till';
import { createTenant, insertProducts, type Product, type Tenant } from './helpers/world';

/**
 * sync_push kind by kind: what each writes, and each way a mutation can be refused. A refusal
 * touches nothing but its own sync_mutations row and alert; the rest of the batch carries on.
 */

let stack: RunningStack;
let shop: Tenant;
let other: Tenant;
let till: Till;

beforeAll(async () => {
  stack = await startTestStack({ seed: false });
  shop = await createTenant(stack, { products: 8, stock: 50 });
  other = await createTenant(stack, { products: 2, stock: 5 });
  till = new Till(shop, shop.members.device.client);
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

async function level(productId: string, locationId = shop.locationId): Promise<number> {
  const { rows } = await stack.db.query<{ quantity: unknown }>(
    'select quantity from public.stock_levels where product_id = $1 and location_id = $2',
    [productId, locationId],
  );
  return num(rows[0]?.quantity ?? 0);
}

async function one<T = Record<string, unknown>>(sql: string, params: unknown[]): Promise<T> {
  const { rows } = await stack.db.query<T>(sql, params);
  if (rows.length !== 1) throw new Error(`expected one row, got ${rows.length}`);
  return rows[0]!;
}

describe('sale.complete', () => {
  it('records the sale, its lines, payments and one movement per line, and moves stock', async () => {
    const [a, b] = shop.products as [Tenant['products'][0], Tenant['products'][0]];
    const before = [await level(a.id), await level(b.id)];
    const m = till.sale([
      { product: a, quantity: 2 },
      { product: b, quantity: 1 },
      { product: a, quantity: 1 },
    ]);
    const [r] = await till.push([m]);
    expect(r).toMatchObject({
      id: m.id,
      status: 'applied',
      result: { sale_id: payloadId(m, 'sale_id') },
    });

    const sale = await one<Record<string, unknown>>('select * from public.sales where id = $1', [
      payloadId(m, 'sale_id'),
    ]);
    const totals = m.payload.totals as Record<string, number>;
    expect(num(sale.total)).toBe(totals.total);
    expect(num(sale.tax_total)).toBe(totals.tax_total);
    expect(sale).toMatchObject({
      status: 'completed',
      device_id: shop.deviceId,
      staff_id: shop.staff.cashier,
    });
    const items = await stack.db.query(
      'select * from public.sale_items where sale_id = $1 order by line_no',
      [payloadId(m, 'sale_id')],
    );
    expect(items.rows).toHaveLength(3);
    const moves = await stack.db.query<{ quantity: unknown; kind: string }>(
      'select quantity, kind from public.stock_movements where sale_id = $1',
      [payloadId(m, 'sale_id')],
    );
    expect(moves.rows.map((x) => [x.kind, num(x.quantity)]).sort()).toEqual([
      ['sale', -1],
      ['sale', -1],
      ['sale', -2],
    ]);
    expect([await level(a.id), await level(b.id)]).toEqual([before[0]! - 3, before[1]! - 1]);
    const pay = await one<{ method: string; amount: unknown; tendered: unknown; change: unknown }>(
      'select method, amount, tendered, change from public.payments where sale_id = $1',
      [payloadId(m, 'sale_id')],
    );
    expect(pay.method).toBe('cash');
    expect(num(pay.tendered) - num(pay.amount)).toBe(num(pay.change));
  });

  it('split tender and pending QRIS', async () => {
    const m = till.sale([{ product: shop.products[2]!, quantity: 3 }], {
      payments: ['qris', 'ewallet', 'cash'],
    });
    (m.payload.payments as { status: string }[])[0]!.status = 'pending';
    expect((await till.push([m]))[0]!.status).toBe('applied');
    const rows = await stack.db.query<{ method: string; status: string }>(
      'select method, status from public.payments where sale_id = $1 order by method',
      [payloadId(m, 'sale_id')],
    );
    expect(rows.rows).toEqual([
      { method: 'cash', status: 'confirmed' },
      { method: 'ewallet', status: 'confirmed' },
      { method: 'qris', status: 'pending' },
    ]);
  });

  it('cash rounding applies only to all-cash sales', async () => {
    const p = shop.products[1]!;
    const cash = till.sale([{ product: p, quantity: 1, unitPrice: 2_549 }], {
      cashRoundingStep: 100,
      approver: 'manager',
    });
    const card = till.sale([{ product: p, quantity: 1, unitPrice: 2_549 }], {
      cashRoundingStep: 100,
      payments: ['card'],
      approver: 'manager',
    });
    const results = await till.push([cash, card]);
    expect(results.map((r) => r.result?.total_due)).toEqual([2_500, 2_549]);
    const rows = await stack.db.query<{ rounding: unknown; total_due: unknown }>(
      'select rounding, total_due from public.sales where id = any($1) order by total_due',
      [[payloadId(cash, 'sale_id'), payloadId(card, 'sale_id')]],
    );
    expect(rows.rows.map((r) => [num(r.rounding), num(r.total_due)])).toEqual([
      [-49, 2_500],
      [0, 2_549],
    ]);
  });

  it("a price that differs from the catalog at the sale's catalog version is accepted and flagged", async () => {
    const p = shop.products[3]!;
    const cv = await one<{ catalog_version: unknown }>(
      'select catalog_version from public.products where id = $1',
      [p.id],
    );
    const old = till.sale([{ product: p, quantity: 1 }], {
      catalogVersion: num(cv.catalog_version),
    });
    // The manager changes the price after the till rang the sale up at the old one.
    const current = ok(
      await shop.members.manager.client.from('products').select('version').eq('id', p.id).single(),
    );
    ok(
      await shop.members.manager.client
        .from('products')
        .update({ price: p.price + 1_000, version: current.version })
        .eq('id', p.id)
        .select('id'),
    );
    const stale = till.sale([{ product: p, quantity: 1 }], {
      catalogVersion: num(cv.catalog_version) + 1,
    });
    const results = await till.push([old, stale]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const alerts = await stack.db.query<{
      sale_id: string;
      payload: { lines: { catalog_price: number }[] };
    }>(
      "select sale_id, payload from public.alerts where kind = 'price_mismatch' and sale_id = any($1)",
      [[payloadId(old, 'sale_id'), payloadId(stale, 'sale_id')]],
    );
    expect(alerts.rows.map((a) => a.sale_id)).toEqual([payloadId(stale, 'sale_id')]);
    expect(alerts.rows[0]!.payload.lines[0]!.catalog_price).toBe(p.price + 1_000);
    p.price += 1_000;
  });

  it('a price override needs price.override (or an approver holding it) and is audited', async () => {
    const p = shop.products[4]!;
    const denied = till.sale([{ product: p, quantity: 1, unitPrice: 100, priceOverride: true }]);
    const approved = till.sale([{ product: p, quantity: 1, unitPrice: 100, priceOverride: true }], {
      approver: 'supervisor',
    });
    const results = await till.push([denied, approved]);
    expect(results.map((r) => r.code ?? r.status)).toEqual(['approval_required', 'applied']);
    const audit = await one<{
      staff_id: string;
      approver_staff_id: string;
      new: { price: number };
    }>(
      "select staff_id, approver_staff_id, new from public.audit_log where action = 'price_override' and tenant_id = $1",
      [shop.id],
    );
    expect(audit).toMatchObject({
      staff_id: shop.staff.cashier,
      approver_staff_id: shop.staff.supervisor,
      new: { price: 100 },
    });
  });

  it('stock may go negative: the sale stands and an alert names product, location, sale and device', async () => {
    const p = shop.products[5]!;
    const have = await level(p.id);
    const first = till.sale([{ product: p, quantity: have + 2 }]);
    const second = till.sale([{ product: p, quantity: 1 }]);
    expect((await till.push([first, second])).map((r) => r.code ?? r.status)).toEqual([
      'applied',
      'applied',
    ]);
    expect(await level(p.id)).toBe(-3);
    const alert = await one<{
      product_id: string;
      location_id: string;
      sale_id: string;
      device_id: string;
      occurrences: number;
      payload: { quantity: number; sales: { sale_id: string }[] };
    }>(
      "select * from public.alerts where kind = 'negative_stock' and product_id = $1 and resolved_at is null",
      [p.id],
    );
    expect(alert).toMatchObject({
      location_id: shop.locationId,
      sale_id: payloadId(second, 'sale_id'),
      device_id: shop.deviceId,
      occurrences: 2,
      payload: { quantity: -3 },
    });
    expect(alert.payload.sales.map((s) => s.sale_id)).toEqual([
      payloadId(first, 'sale_id'),
      payloadId(second, 'sale_id'),
    ]);
  });

  it('a product never stocked at the outlet gets its level from the sale, below zero', async () => {
    const [fresh] = (await insertProducts(shop.members.owner.client, [
      {
        tenant_id: shop.id,
        sku: `NEW-${randomUUID().slice(0, 4)}`,
        name: 'Produk baru',
        price: 2500,
        tax_rate_bp: 0,
      },
    ])) as [Product];
    const stocked = shop.products[3]!;
    const before = await level(stocked.id);
    const m = till.sale([
      { product: stocked, quantity: 1 },
      { product: fresh, quantity: 2 },
    ]);
    expect((await till.push([m])).map((r) => r.code ?? r.status)).toEqual(['applied']);
    expect([await level(stocked.id), await level(fresh.id)]).toEqual([before - 1, -2]);
    const move = await one<{ quantity: unknown; location_id: string }>(
      'select quantity, location_id from public.stock_movements where product_id = $1',
      [fresh.id],
    );
    expect([num(move.quantity), move.location_id]).toEqual([-2, shop.locationId]);
    const alert = await one<{ sale_id: string; payload: { quantity: number } }>(
      "select sale_id, payload from public.alerts where kind = 'negative_stock' and product_id = $1",
      [fresh.id],
    );
    expect(alert).toMatchObject({ sale_id: payloadId(m, 'sale_id'), payload: { quantity: -2 } });
  });

  it("updates the device's last push and highest settled device_seq", async () => {
    const m = till.sale([{ product: shop.products[0]!, quantity: 1 }]);
    await till.push([m]);
    const dev = ok(
      await shop.members.device.client
        .from('devices')
        .select('last_push_at, last_device_seq')
        .single(),
    );
    expect(dev.last_device_seq).toBe(m.device_seq);
    expect(Date.now() - new Date(dev.last_push_at as string).getTime()).toBeLessThan(60_000);
  });
});

describe('refusals', () => {
  it('each bad mutation is rejected with its code, stored, alerted, and the rest of the batch applies', async () => {
    const p = shop.products[0]!;
    const good1 = till.sale([{ product: p, quantity: 1 }]);
    const foreignProduct = till.sale([{ product: other.products[0]!, quantity: 1 }]);
    const unknownStaff = till.sale([{ product: p, quantity: 1 }]);
    unknownStaff.staff_id = randomUUID();
    const foreignStaff = till.sale([{ product: p, quantity: 1 }]);
    foreignStaff.staff_id = other.staff.owner;
    const negativePrice = till.sale([{ product: p, quantity: 1 }]);
    (negativePrice.payload.lines as { unit_price: number }[])[0]!.unit_price = -500;
    const badTotals = till.sale([{ product: p, quantity: 2 }]);
    (badTotals.payload.totals as { tax_total: number }).tax_total += 1;
    const short = till.sale([{ product: p, quantity: 1 }], { payments: ['card'] });
    (short.payload.payments as { amount: number }[])[0]!.amount -= 1;
    const over = till.sale([{ product: p, quantity: 1 }], { payments: ['qris'] });
    (over.payload.payments as { amount: number }[])[0]!.amount += 1;
    const discountNoApproval = till.sale([
      { product: p, quantity: 1, discount: { kind: 'percent', bp: 5000 } },
    ]);
    const dupReceipt = till.sale([{ product: p, quantity: 1 }]);
    dupReceipt.payload.receipt_no = good1.payload.receipt_no;
    const cashierVoid = till.void(payloadId(good1, 'sale_id'), { staff: 'cashier' });
    const cashierApproves = till.void(payloadId(good1, 'sale_id'), {
      staff: 'cashier',
      approver: 'cashier',
    });
    const unknownKind = till.envelope('sale.teleport', {});
    const notAnObject = till.envelope('sale.complete', {});
    (notAnObject as unknown as { payload: unknown }).payload = 'nope';
    const badLine = till.sale([{ product: p, quantity: 1 }]);
    (badLine.payload.lines as { product_id: string }[])[0]!.product_id = 'not-a-uuid';
    const foreignOutlet = till.sale([{ product: p, quantity: 1 }], { outletId: other.outletId });
    const good2 = till.sale([{ product: p, quantity: 1 }]);

    const before = await level(p.id);
    const batch: unknown[] = [
      good1,
      foreignProduct,
      unknownStaff,
      foreignStaff,
      negativePrice,
      badTotals,
      short,
      over,
      discountNoApproval,
      dupReceipt,
      cashierVoid,
      cashierApproves,
      unknownKind,
      notAnObject,
      badLine,
      foreignOutlet,
      { foo: 'no id' },
      good2,
    ];
    const { data, error } = await till.client.rpc('sync_push', { mutations: batch });
    expect(error).toBeNull();
    const results = (data as { results: { status: string; code?: string }[] }).results;
    expect(results.map((r) => (r.code ? `${r.status}:${r.code}` : r.status))).toEqual([
      'applied',
      'rejected:unknown_product',
      'rejected:unknown_staff',
      'rejected:unknown_staff',
      'rejected:invalid_amount',
      'rejected:totals_mismatch',
      'rejected:insufficient_payment',
      'rejected:overpayment_noncash',
      'rejected:approval_required',
      'rejected:duplicate_receipt_no',
      'rejected:approval_required',
      'rejected:permission_denied',
      'rejected:unknown_kind',
      'rejected:invalid_payload',
      'rejected:invalid_payload',
      'rejected:unknown_outlet',
      'rejected:invalid_mutation',
      'applied',
    ]);
    // Only the two good sales moved stock; the other tenant's product did not move at all.
    expect(await level(p.id)).toBe(before - 2);
    expect(await level(other.products[0]!.id, other.locationId)).toBe(5);

    // Stored and alerted (all but the one without an id), so a replay answers the same.
    const stored = await stack.db.query<{ status: string }>(
      "select status from public.sync_mutations where tenant_id = $1 and status = 'rejected' and id = any($2)",
      [shop.id, (batch as Mutation[]).slice(1, 16).map((m) => m.id)],
    );
    expect(stored.rows).toHaveLength(15);
    const alerts = await stack.db.query(
      "select 1 from public.alerts where tenant_id = $1 and kind = 'rejected_mutation' and mutation_id = any($2)",
      [shop.id, (batch as Mutation[]).slice(1, 16).map((m) => m.id)],
    );
    expect(alerts.rows).toHaveLength(15);
    const replay = await till.push([badTotals, good2]);
    expect(replay).toMatchObject([
      { status: 'duplicate', original_status: 'rejected', code: 'totals_mismatch' },
      { status: 'duplicate', original_status: 'applied' },
    ]);
  });

  it('rejections explain themselves to a client', async () => {
    const m = till.sale([{ product: shop.products[0]!, quantity: 1 }]);
    (m.payload.totals as { total_due: number }).total_due += 100;
    const [r] = await till.push([m]);
    expect(r).toMatchObject({
      status: 'rejected',
      code: 'totals_mismatch',
      message: expect.stringContaining('totals.total_due'),
      details: { field: 'total_due' },
    });
  });

  it('an inactive staff member cannot sell', async () => {
    const [row] = ok(
      await shop.members.owner.client
        .from('staff')
        .insert({
          tenant_id: shop.id,
          role_id: shop.roleIds.cashier,
          name: 'Mantan',
          active: false,
        })
        .select('id'),
    ) as { id: string }[];
    const m = till.sale([{ product: shop.products[0]!, quantity: 1 }]);
    m.staff_id = row!.id;
    expect((await till.push([m]))[0]).toMatchObject({ status: 'rejected', code: 'staff_inactive' });
  });

  it('the batch itself must be an array of at most 500, pushed by a paired till', async () => {
    expect(failed(await till.client.rpc('sync_push', { mutations: { a: 1 } }))).toMatchObject({
      code: 'P0001',
      hint: 'invalid_batch',
    });
    const manager = failed(await shop.members.manager.client.rpc('sync_push', { mutations: [] }));
    expect(manager).toMatchObject({ code: '42501', hint: 'not_a_device' });
    const anon = await stack.db.query(
      "select has_function_privilege('anon', 'public.sync_push(jsonb)', 'execute') as ok",
    );
    expect(anon.rows[0]).toEqual({ ok: false });
  });

  it('a revoked till can no longer push', async () => {
    const { addDevice } = await import('./helpers/world');
    const extra = await addDevice(stack, shop, 'Kasir Lama');
    const extraTill = new Till(shop, extra.client, extra.deviceCode);
    expect(
      (await extraTill.push([extraTill.sale([{ product: shop.products[0]!, quantity: 1 }])]))[0]!
        .status,
    ).toBe('applied');
    ok(await shop.members.manager.client.rpc('revoke_device', { device_id: extra.deviceId }));
    const denied = failed(
      await extra.client.rpc('sync_push', {
        mutations: [extraTill.sale([{ product: shop.products[0]!, quantity: 1 }])],
      }),
    );
    expect(denied).toMatchObject({ code: '42501', hint: 'not_a_device' });
    expect(ok(await extra.client.from('products').select('id'))).toEqual([]);
  });
});

describe('sale.void', () => {
  it("needs sale.void (a cashier with a manager's approval will do), restocks and refunds tender", async () => {
    const p = shop.products[6]!;
    const sale = till.sale([{ product: p, quantity: 4 }], { payments: ['cash'] });
    await till.push([sale]);
    const before = await level(p.id);
    const v = till.void(payloadId(sale, 'sale_id'), { staff: 'cashier', approver: 'manager' });
    const again = till.void(payloadId(sale, 'sale_id'));
    expect((await till.push([v, again])).map((r) => r.code ?? r.status)).toEqual([
      'applied',
      'already_voided',
    ]);
    expect(await level(p.id)).toBe(before + 4);
    const s = await one<{ status: string; void_staff_id: string; void_approver_staff_id: string }>(
      'select status, void_staff_id, void_approver_staff_id from public.sales where id = $1',
      [payloadId(sale, 'sale_id')],
    );
    expect(s).toEqual({
      status: 'voided',
      void_staff_id: shop.staff.cashier,
      void_approver_staff_id: shop.staff.manager,
    });
    const pay = await one<{ status: string }>(
      'select status from public.payments where sale_id = $1',
      [payloadId(sale, 'sale_id')],
    );
    expect(pay.status).toBe('refunded');
    const audit = await stack.db.query(
      "select 1 from public.audit_log where action = 'void' and row_id = $1",
      [payloadId(sale, 'sale_id')],
    );
    expect(audit.rows).toHaveLength(1);
  });

  it("a void of another tenant's sale is rejected, of a sale not yet here is retried", async () => {
    const otherTill = new Till(other, other.members.device.client);
    const foreign = otherTill.sale([{ product: other.products[0]!, quantity: 1 }]);
    await otherTill.push([foreign]);
    const results = await till.push([
      till.void(payloadId(foreign, 'sale_id')),
      till.void(randomUUID()),
    ]);
    expect(results.map((r) => `${r.status}:${r.code}`)).toEqual([
      'rejected:unknown_sale',
      'retry:sale_not_found',
    ]);
  });
});

describe('refund.create', () => {
  it('refunds in parts give back exactly the line total, never more', async () => {
    const p = shop.products[7]!;
    const sale = till.sale(
      [{ product: p, quantity: 3, discount: { kind: 'amount', amount: 1_001 } }],
      {
        approver: 'manager',
      },
    );
    await till.push([sale]);
    const before = await level(p.id);
    const r1 = till.refund(sale, [{ line: 0, quantity: 1 }]);
    const r2 = till.refund(sale, [{ line: 0, quantity: 2, previous: 1, restock: false }]);
    const r3 = till.refund(sale, [{ line: 0, quantity: 1, previous: 3 }]);
    const results = await till.push([r1, r2, r3]);
    expect(results.map((r) => r.code ?? r.status)).toEqual([
      'applied',
      'applied',
      'refund_exceeds_sale',
    ]);
    const sum = await one<{ total: unknown }>(
      'select sum(total) as total from public.refunds where sale_id = $1',
      [payloadId(sale, 'sale_id')],
    );
    expect(num(sum.total)).toBe((sale.payload.totals as { total: number }).total);
    // Only the first part went back on the shelf.
    expect(await level(p.id)).toBe(before + 1);
  });

  it('needs refund.create and goes back by a method the sale used', async () => {
    const sale = till.sale([{ product: shop.products[1]!, quantity: 1 }], { payments: ['qris'] });
    await till.push([sale]);
    const byCashier = till.refund(sale, [{ line: 0, quantity: 1 }], 'qris', { staff: 'cashier' });
    const inCash = till.refund(sale, [{ line: 0, quantity: 1 }], 'cash');
    const results = await till.push([byCashier, inCash]);
    expect(results.map((r) => r.code)).toEqual(['approval_required', 'refund_method_mismatch']);
  });
});

describe('shifts and cash', () => {
  it('open, sell, move cash, close blind: the server computes expected cash and the variance', async () => {
    const open = till.shiftOpen(100_000);
    const shiftId = payloadId(open, 'shift_id');
    const sale = till.sale([{ product: shop.products[2]!, quantity: 2 }], { shiftId });
    const card = till.sale([{ product: shop.products[2]!, quantity: 1 }], {
      shiftId,
      payments: ['card'],
    });
    const out = till.cashMove(shiftId, 'out', 7_500);
    const secondOpen = till.shiftOpen(0);
    const close = till.shiftClose(shiftId, 100_000);
    const closeAgain = till.shiftClose(shiftId, 1);
    const moveAfter = till.cashMove(shiftId, 'in', 1_000);
    const results = await till.push([
      open,
      sale,
      card,
      out,
      secondOpen,
      close,
      closeAgain,
      moveAfter,
    ]);
    expect(results.map((r) => r.code ?? r.status)).toEqual([
      'applied',
      'applied',
      'applied',
      'applied',
      'shift_already_open',
      'applied',
      'shift_closed',
      'shift_closed',
    ]);
    const cash = (sale.payload.totals as { total_due: number }).total_due;
    expect(results[5]!.result).toEqual({
      shift_id: shiftId,
      expected_cash: 100_000 + cash - 7_500,
      counted_cash: 100_000,
      variance: 7_500 - cash,
    });
  });

  it('a close for a shift that has not arrived is retried', async () => {
    const [r] = await till.push([till.shiftClose(randomUUID(), 0)]);
    expect(r).toMatchObject({ status: 'retry', code: 'shift_not_found' });
  });
});

describe('customer.upsert', () => {
  it('creates, updates with the version it was based on, and refuses a stale edit', async () => {
    const create = till.customer({ name: 'Bu Tini' });
    const id = payloadId(create, 'customer_id');
    const update = till.customer({ customer_id: id, name: 'Bu Tini Rahayu', base_version: 1 });
    const stale = till.customer({ customer_id: id, name: 'Tini', base_version: 1 });
    const foreign = till.customer({ customer_id: randomUUID() });
    const results = await till.push([create, update, stale]);
    expect(results.map((r) => r.code ?? r.status)).toEqual([
      'applied',
      'applied',
      'version_conflict',
    ]);
    expect(results[1]!.result).toEqual({ customer_id: id, version: 2 });
    expect((await till.push([foreign]))[0]!.status).toBe('applied');
    const otherTill = new Till(other, other.members.device.client);
    const hijack = otherTill.customer({ customer_id: id, name: 'mine now' });
    expect((await otherTill.push([hijack]))[0]).toMatchObject({
      status: 'rejected',
      code: 'unknown_customer',
    });
  });
});

describe('stock.adjust and stock.transfer from a till', () => {
  it('adjusts by delta or to a count, with permission', async () => {
    const [a, b] = [shop.products[0]!, shop.products[1]!];
    const denied = till.adjust([{ product_id: a.id, delta: -1 }], { staff: 'cashier' });
    const count = till.adjust([
      { product_id: a.id, counted: 1_000 },
      { product_id: b.id, delta: 5 },
    ]);
    const bad = till.adjust([{ product_id: a.id, delta: 0 }]);
    const before = await level(b.id);
    const results = await till.push([denied, count, bad]);
    expect(results.map((r) => r.code ?? r.status)).toEqual([
      'approval_required',
      'applied',
      'invalid_quantity',
    ]);
    expect(await level(a.id)).toBe(1_000);
    expect(await level(b.id)).toBe(before + 5);
    const kinds = await stack.db.query<{ kind: string }>(
      'select kind from public.stock_movements where mutation_id = $1 order by kind',
      [count.id],
    );
    expect(kinds.rows.map((k) => k.kind)).toEqual(['adjustment', 'count']);
  });

  it("transfers between the tenant's locations only", async () => {
    const p = shop.products[2]!;
    const [src, dst] = [await level(p.id), await level(p.id, shop.location2Id)];
    const t = till.transfer([{ product_id: p.id, quantity: 4 }], shop.location2Id);
    const foreign = till.transfer([{ product_id: p.id, quantity: 1 }], other.locationId);
    const results = await till.push([t, foreign]);
    expect(results.map((r) => r.code ?? r.status)).toEqual(['applied', 'unknown_location']);
    expect([await level(p.id), await level(p.id, shop.location2Id)]).toEqual([src - 4, dst + 4]);
  });
});
