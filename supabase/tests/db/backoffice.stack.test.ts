import bcrypt from 'bcryptjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningStack } from '../../local/stack';
import { startTestStack } from '../helpers/stack';
import { createAuthUser, failed, ok, supabaseClient, userClient } from './helpers/clients';
import { num, Till } from './helpers/till';
import { createTenant, type Tenant } from './helpers/world';

/** The RPCs people use from the back office: sign-up, pairing tills, stock moves, PINs, audit. */

let stack: RunningStack;
let shop: Tenant;

beforeAll(async () => {
  stack = await startTestStack({ seed: false });
  shop = await createTenant(stack, { products: 4, stock: 10 });
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

async function level(productId: string, locationId: string): Promise<number> {
  const { rows } = await stack.db.query<{ quantity: unknown }>(
    'select quantity from public.stock_levels where product_id = $1 and location_id = $2',
    [productId, locationId],
  );
  return num(rows[0]?.quantity ?? 0);
}

describe('create_tenant', () => {
  it('sets up a whole shop for the signed-in owner', async () => {
    const userId = await createAuthUser(stack);
    const owner = await userClient(stack, userId);
    const res = ok(
      await owner.rpc('create_tenant', {
        name: 'Warung Bu Tini',
        currency: 'idr',
        timezone: 'Asia/Makassar',
        outlet_name: 'Warung Pusat',
        outlet_code: 'wbt1',
      }),
    ) as { tenant_id: string; outlet_id: string; location_id: string };
    const tenant = ok(
      await owner.from('tenants').select('name, currency, currency_exponent, timezone').single(),
    );
    expect(tenant).toEqual({
      name: 'Warung Bu Tini',
      currency: 'IDR',
      currency_exponent: 0,
      timezone: 'Asia/Makassar',
    });
    expect(ok(await owner.from('outlets').select('id, code'))).toEqual([
      { id: res.outlet_id, code: 'WBT1' },
    ]);
    expect(ok(await owner.from('locations').select('id, is_sales_default'))).toEqual([
      { id: res.location_id, is_sales_default: true },
    ]);
    const roles = ok(await owner.from('roles').select('key')) as { key: string }[];
    expect(roles.map((r) => r.key).sort()).toEqual(['cashier', 'manager', 'owner', 'supervisor']);
    expect(ok(await owner.from('memberships').select('role, user_id'))).toEqual([
      { role: 'owner', user_id: userId },
    ]);
    expect(ok(await owner.from('profiles').select('active_tenant_id').single())).toEqual({
      active_tenant_id: res.tenant_id,
    });
  });

  it('validates its input and refuses anonymous accounts', async () => {
    const owner = await userClient(stack, await createAuthUser(stack));
    const base = {
      name: 'Toko',
      currency: 'IDR',
      timezone: 'Asia/Jakarta',
      outlet_name: 'Pusat',
      outlet_code: 'AB1',
    };
    expect(failed(await owner.rpc('create_tenant', { ...base, outlet_code: 'A' }))).toMatchObject({
      code: 'P0001',
      hint: 'invalid_outlet_code',
    });
    expect(
      failed(await owner.rpc('create_tenant', { ...base, timezone: 'Mars/Olympus' })),
    ).toMatchObject({
      hint: 'invalid_timezone',
    });
    expect(failed(await owner.rpc('create_tenant', { ...base, currency: 'RUPIAH' }))).toMatchObject(
      {
        hint: 'unknown_currency',
      },
    );
    const anonymous = await userClient(stack, await createAuthUser(stack, { anonymous: true }), {
      is_anonymous: true,
    });
    expect(failed(await anonymous.rpc('create_tenant', base))).toMatchObject({
      code: '42501',
      hint: 'anonymous_user',
    });
    expect((await supabaseClient(stack).rpc('create_tenant', base)).error).not.toBeNull();
  });
});

describe('pairing tills', () => {
  it('register, claim with a fresh anonymous account, single use; codes are never reissued', async () => {
    const manager = shop.members.manager.client;
    const first = ok(
      await manager.rpc('register_device', { outlet_id: shop.outletId, name: 'Kasir 2' }),
    ) as {
      device_id: string;
      device_code: string;
      pairing_code: string;
      pairing_expires_at: string;
    };
    expect(first.pairing_code).toMatch(/^[A-Z2-9]{8}$/);
    expect(new Date(first.pairing_expires_at).getTime() - Date.now()).toBeLessThanOrEqual(
      15 * 60_000 + 5_000,
    );
    expect(first.device_code).toBe('T2');

    // The till's own account, as the app creates it: an anonymous sign-in through Auth.
    const tablet = supabaseClient(stack);
    const { data: signIn, error } = await tablet.auth.signInAnonymously();
    expect(error).toBeNull();
    const device = supabaseClient(stack, signIn.session!.access_token);
    const claimed = ok(
      await device.rpc('claim_device', {
        pairing_code: first.pairing_code.toLowerCase(),
        app_version: '1.0.0',
      }),
    );
    expect(claimed).toMatchObject({
      device_id: first.device_id,
      tenant_id: shop.id,
      device_code: 'T2',
      outlet_code: shop.outletCode,
    });
    expect(ok(await device.from('devices').select('id, app_version'))).toEqual([
      { id: first.device_id, app_version: '1.0.0' },
    ]);

    const again = await userClient(stack, await createAuthUser(stack, { anonymous: true }));
    expect(
      failed(await again.rpc('claim_device', { pairing_code: first.pairing_code })),
    ).toMatchObject({
      hint: 'invalid_pairing_code',
    });
    // A member's own account cannot become a till.
    const second = ok(
      await manager.rpc('register_device', { outlet_id: shop.outletId, name: 'Kasir 3' }),
    ) as {
      device_id: string;
      pairing_code: string;
      device_code: string;
    };
    expect(
      failed(await manager.rpc('claim_device', { pairing_code: second.pairing_code })),
    ).toMatchObject({
      code: '42501',
      hint: 'already_member',
    });
    // Revoking frees nothing: the next till gets the next code.
    ok(await manager.rpc('revoke_device', { device_id: second.device_id }));
    const third = ok(
      await manager.rpc('register_device', { outlet_id: shop.outletId, name: 'Kasir 4' }),
    ) as {
      device_code: string;
    };
    expect([second.device_code, third.device_code]).toEqual(['T3', 'T4']);
  });

  it('an expired code cannot be claimed; cashiers cannot register tills', async () => {
    const reg = ok(
      await shop.members.owner.client.rpc('register_device', {
        outlet_id: shop.outletId,
        name: 'Lama',
      }),
    ) as {
      device_id: string;
      pairing_code: string;
    };
    await stack.db.query(
      "update public.devices set pairing_expires_at = now() - interval '1 minute' where id = $1",
      [reg.device_id],
    );
    const tablet = await userClient(stack, await createAuthUser(stack, { anonymous: true }));
    expect(
      failed(await tablet.rpc('claim_device', { pairing_code: reg.pairing_code })),
    ).toMatchObject({
      hint: 'invalid_pairing_code',
    });
    expect(
      failed(
        await shop.members.cashier.client.rpc('register_device', {
          outlet_id: shop.outletId,
          name: 'x',
        }),
      ),
    ).toMatchObject({ code: '42501', hint: 'permission_denied' });
  });
});

describe('stock RPCs', () => {
  it('adjust, transfer and receive move levels through the ledger and are audited', async () => {
    const manager = shop.members.manager.client;
    const p = shop.products[0]!;
    ok(
      await manager.rpc('adjust_stock', {
        location_id: shop.locationId,
        lines: [{ product_id: p.id, delta: -3 }],
        reason: 'rusak',
      }),
    );
    ok(
      await manager.rpc('transfer_stock', {
        from_location_id: shop.locationId,
        to_location_id: shop.warehouseId,
        lines: [{ product_id: p.id, quantity: 2 }],
      }),
    );
    ok(
      await shop.members.supervisor.client.rpc('receive_stock', {
        location_id: shop.warehouseId,
        lines: [{ product_id: p.id, quantity: 24, unit_cost: 1_200 }],
        reference: 'PO-0001',
      }),
    );
    expect([await level(p.id, shop.locationId), await level(p.id, shop.warehouseId)]).toEqual([
      5, 26,
    ]);
    const ledger = await stack.db.query<{ location_id: string; sum: unknown }>(
      'select location_id, sum(quantity) from public.stock_movements where product_id = $1 group by location_id',
      [p.id],
    );
    expect(Object.fromEntries(ledger.rows.map((r) => [r.location_id, num(r.sum)]))).toEqual({
      [shop.locationId]: 5,
      [shop.warehouseId]: 26,
    });
    const audit = ok(
      await manager
        .from('audit_log')
        .select('action, actor_user_id, new')
        .eq('action', 'stock_adjustment'),
    ) as { actor_user_id: string; new: { quantity: number; reason: string } }[];
    expect(audit).toEqual([
      expect.objectContaining({
        actor_user_id: shop.members.manager.userId,
        new: expect.objectContaining({ quantity: -3, reason: 'rusak' }),
      }),
    ]);
  });

  it('checks permissions and, in strict mode, refuses to take stock below zero', async () => {
    const p = shop.products[1]!;
    const args = {
      location_id: shop.locationId,
      lines: [{ product_id: p.id, delta: -1 }],
      reason: 'hilang',
    };
    expect(failed(await shop.members.supervisor.client.rpc('adjust_stock', args))).toMatchObject({
      code: '42501',
      hint: 'permission_denied',
    });
    expect(failed(await shop.members.device.client.rpc('adjust_stock', args))).toMatchObject({
      code: '42501',
    });
    const v = ok(await shop.members.owner.client.from('tenants').select('version').single());
    ok(
      await shop.members.owner.client
        .from('tenants')
        .update({ allow_negative_stock: false, version: v.version })
        .eq('id', shop.id)
        .select('id'),
    );
    const tooMuch = { ...args, lines: [{ product_id: p.id, delta: -11 }] };
    expect(failed(await shop.members.owner.client.rpc('adjust_stock', tooMuch))).toMatchObject({
      hint: 'insufficient_stock',
    });
    expect(await level(p.id, shop.locationId)).toBe(10);
    // Offline sales are still accepted in strict mode: the goods already left the shop.
    const till = new Till(shop, shop.members.device.client);
    expect((await till.push([till.sale([{ product: p, quantity: 12 }])]))[0]!.status).toBe(
      'applied',
    );
    expect(await level(p.id, shop.locationId)).toBe(-2);
  });

  it("rejects another tenant's locations and products", async () => {
    const other = await createTenant(stack, { products: 1 });
    const res = failed(
      await shop.members.owner.client.rpc('receive_stock', {
        location_id: shop.locationId,
        lines: [{ product_id: other.products[0]!.id, quantity: 1 }],
      }),
    );
    expect(res).toMatchObject({ hint: 'unknown_product' });
    expect(
      failed(
        await shop.members.owner.client.rpc('receive_stock', {
          location_id: other.locationId,
          lines: [{ product_id: shop.products[0]!.id, quantity: 1 }],
        }),
      ),
    ).toMatchObject({ hint: 'unknown_location' });
  });
});

describe('pending payments', () => {
  it('a pending QRIS payment is confirmed once, by a supervisor or the service role; settled ones stay', async () => {
    const till = new Till(shop, shop.members.device.client);
    till.counter = 100; // receipt numbers this till has not issued in this file yet
    const sale = till.sale([{ product: shop.products[3]!, quantity: 1 }], { payments: ['qris'] });
    const pay = (sale.payload.payments as { payment_id: string; status: string }[])[0]!;
    pay.status = 'pending';
    expect((await till.push([sale]))[0]).toMatchObject({ status: 'applied' });

    expect(
      failed(
        await shop.members.cashier.client.rpc('set_payment_status', {
          payment_id: pay.payment_id,
          status: 'confirmed',
        }),
      ),
    ).toMatchObject({ hint: 'unknown_payment' });
    const service = supabaseClient(stack, stack.serviceRoleKey);
    const args = { payment_id: pay.payment_id, status: 'confirmed', reference: 'QR-778' };
    expect(ok(await service.rpc('set_payment_status', args))).toEqual({
      payment_id: pay.payment_id,
      status: 'confirmed',
    });
    // The webhook delivered twice: the same answer again.
    expect(ok(await service.rpc('set_payment_status', args))).toEqual({
      payment_id: pay.payment_id,
      status: 'confirmed',
    });
    expect(
      failed(
        await shop.members.supervisor.client.rpc('set_payment_status', {
          payment_id: pay.payment_id,
          status: 'failed',
        }),
      ),
    ).toMatchObject({ hint: 'payment_settled' });
  });
});

describe('PINs and the audit log', () => {
  it('set_staff_pin stores a bcrypt hash the till can verify; the audit log never holds it', async () => {
    ok(
      await shop.members.manager.client.rpc('set_staff_pin', {
        staff_id: shop.staff.cashier,
        pin: '4321',
      }),
    );
    const pin = ok(
      await shop.members.device.client
        .from('staff_pins')
        .select('pin_hash')
        .eq('staff_id', shop.staff.cashier)
        .single(),
    );
    expect(pin.pin_hash).toMatch(/^\$2a\$10\$/);
    expect(await bcrypt.compare('4321', pin.pin_hash as string)).toBe(true);
    expect(
      failed(
        await shop.members.manager.client.rpc('set_staff_pin', {
          staff_id: shop.staff.cashier,
          pin: '12',
        }),
      ),
    ).toMatchObject({ hint: 'invalid_pin' });
    expect(
      failed(
        await shop.members.cashier.client.rpc('set_staff_pin', {
          staff_id: shop.staff.cashier,
          pin: '1234',
        }),
      ),
    ).toMatchObject({ code: '42501' });
    const { rows } = await stack.db.query<{ log: string }>(
      "select string_agg(coalesce(old::text, '') || coalesce(new::text, ''), ' ') as log from public.audit_log where table_name = 'staff_pins'",
    );
    expect(rows[0]!.log).toContain('[redacted]');
    expect(rows[0]!.log).not.toContain('$2');
  });

  it('master data edits are audited with who made them and only what changed', async () => {
    const p = shop.products[2]!;
    const v = ok(
      await shop.members.owner.client.from('products').select('version').eq('id', p.id).single(),
    );
    ok(
      await shop.members.owner.client
        .from('products')
        .update({ price: p.price + 500, version: v.version })
        .eq('id', p.id)
        .select('id'),
    );
    const entry = ok(
      await shop.members.owner.client
        .from('audit_log')
        .select('action, actor_user_id, old, new')
        .eq('table_name', 'products')
        .eq('row_id', p.id)
        .eq('action', 'update')
        .single(),
    );
    expect(entry).toEqual({
      action: 'update',
      actor_user_id: shop.members.owner.userId,
      old: { price: p.price },
      new: { price: p.price + 500 },
    });
  });
});
