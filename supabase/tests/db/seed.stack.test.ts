import bcrypt from 'bcryptjs';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningStack } from '../../local/stack';
import { startTestStack } from '../helpers/stack';
import { ok, supabaseClient } from './helpers/clients';
import { num, Till } from './helpers/till';
import type { Product, Tenant } from './helpers/world';

/** The demo shop in supabase/seed.sql, as a new user of the product meets it. */

const TENANT = 'd0000000-0000-4000-8000-000000000001';
const JKT1 = 'd0000000-0000-4000-8000-000000000201';
const PASSWORD = 'lapak-demo-123';

let stack: RunningStack;
let owner: SupabaseClient;

beforeAll(async () => {
  stack = await startTestStack({ seed: true });
  const client = supabaseClient(stack);
  const { data, error } = await client.auth.signInWithPassword({
    email: 'owner@lapak.test',
    password: PASSWORD,
  });
  expect(error).toBeNull();
  owner = supabaseClient(stack, data.session!.access_token);
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

function validEan13(code: string): boolean {
  if (!/^\d{13}$/.test(code)) return false;
  const digits = [...code].map(Number);
  const sum = digits.slice(0, 12).reduce((s, d, i) => s + d * (i % 2 === 0 ? 1 : 3), 0);
  return (10 - (sum % 10)) % 10 === digits[12];
}

describe('the demo shop', () => {
  it('the owner and the manager sign in with the documented password', async () => {
    const { data, error } = await supabaseClient(stack).auth.signInWithPassword({
      email: 'manager@lapak.test',
      password: PASSWORD,
    });
    expect(error).toBeNull();
    const manager = supabaseClient(stack, data.session!.access_token);
    expect(
      ok(await manager.from('memberships').select('role').eq('user_id', data.user!.id)),
    ).toEqual([{ role: 'manager' }]);
  });

  it('is Toko Lapak Demo: rupiah, Jakarta time, prices including PPN 11 %', async () => {
    expect(
      ok(
        await owner
          .from('tenants')
          .select('id, name, currency, currency_exponent, timezone, tax_mode')
          .single(),
      ),
    ).toEqual({
      id: TENANT,
      name: 'Toko Lapak Demo',
      currency: 'IDR',
      currency_exponent: 0,
      timezone: 'Asia/Jakarta',
      tax_mode: 'inclusive',
    });
    expect(
      (ok(await owner.from('outlets').select('code')) as { code: string }[])
        .map((o) => o.code)
        .sort(),
    ).toEqual(['BDG1', 'JKT1']);
    const devices = ok(
      await owner
        .from('devices')
        .select('device_code, pairing_code, auth_user_id')
        .order('device_code'),
    ) as {
      device_code: string;
      pairing_code: string;
      auth_user_id: string | null;
    }[];
    expect(devices).toEqual([
      { device_code: 'T1', pairing_code: 'DEMOJKT1', auth_user_id: null },
      { device_code: 'T2', pairing_code: 'DEMOJKT2', auth_user_id: null },
      { device_code: 'T3', pairing_code: 'DEMOBDG1', auth_user_id: null },
    ]);
  });

  it('has 200 products with valid EAN-13 barcodes and stock at both outlets that the ledger explains', async () => {
    const products = ok(
      await owner.from('products').select('name, barcodes, price, tax_rate_bp').limit(1000),
    ) as {
      name: string;
      barcodes: string[];
      price: number;
      tax_rate_bp: number;
    }[];
    expect(products).toHaveLength(200);
    expect(products.every((p) => p.barcodes.length === 1 && validEan13(p.barcodes[0]!))).toBe(true);
    expect(new Set(products.flatMap((p) => p.barcodes)).size).toBe(200);
    expect(products.every((p) => p.price > 0 && p.price % 500 === 0)).toBe(true);
    expect(new Set(products.map((p) => p.tax_rate_bp))).toEqual(new Set([0, 1100]));
    const { rows } = await stack.db.query<{
      outlets: unknown;
      short: unknown;
      mismatched: unknown;
    }>(
      `select count(distinct l.outlet_id) as outlets,
              count(*) filter (where s.quantity <= 0) as short,
              count(*) filter (where s.quantity <> (select sum(m.quantity) from public.stock_movements m
                                                    where m.product_id = s.product_id and m.location_id = s.location_id)) as mismatched
       from public.stock_levels s join public.locations l on l.id = s.location_id
       where s.tenant_id = $1 and l.outlet_id is not null`,
      [TENANT],
    );
    expect(rows[0]).toEqual({
      outlets: expect.anything(),
      short: expect.anything(),
      mismatched: expect.anything(),
    });
    expect([num(rows[0]!.outlets), num(rows[0]!.short), num(rows[0]!.mismatched)]).toEqual([
      2, 0, 0,
    ]);
  });

  it('staff PINs 1111, 2222 and 3333 verify with bcryptjs', async () => {
    const { rows } = await stack.db.query<{ name: string; role: string; pin_hash: string }>(
      `select s.name, r.key as role, p.pin_hash from public.staff s
       join public.roles r on r.id = s.role_id join public.staff_pins p on p.staff_id = s.id
       where s.tenant_id = $1 order by s.name`,
      [TENANT],
    );
    const pins: Record<string, string> = { 'Ibu Sari': '1111', Budi: '2222', Ani: '3333' };
    expect(rows.map((r) => [r.name, r.role])).toEqual([
      ['Ani', 'cashier'],
      ['Budi', 'manager'],
      ['Ibu Sari', 'owner'],
    ]);
    for (const r of rows) {
      expect(await bcrypt.compare(pins[r.name]!, r.pin_hash)).toBe(true);
      expect(await bcrypt.compare('0000', r.pin_hash)).toBe(false);
    }
  });

  it('a tablet claims till T1 with DEMOJKT1 and Ani rings up a sale', async () => {
    const tablet = supabaseClient(stack);
    const { data, error } = await tablet.auth.signInAnonymously();
    expect(error).toBeNull();
    const device = supabaseClient(stack, data.session!.access_token);
    const claimed = ok(
      await device.rpc('claim_device', { pairing_code: 'DEMOJKT1', app_version: 'demo' }),
    ) as {
      outlet_code: string;
      device_code: string;
    };
    expect(claimed).toMatchObject({ outlet_code: 'JKT1', device_code: 'T1' });

    const pulled = ok(await device.rpc('sync_pull', { cursors: {} })) as {
      tables: Record<string, { rows: Record<string, unknown>[] }>;
    };
    const products = pulled.tables.products!.rows.slice(0, 2).map((p): Product => ({
      id: p.id as string,
      price: p.price as number,
      taxRateBp: p.tax_rate_bp as number,
      name: p.name as string,
      sku: p.sku as string,
    }));
    const staff = Object.fromEntries(
      pulled.tables.staff!.rows.map((s) => [s.name, s.id]),
    ) as Record<string, string>;
    const tenant = {
      outletId: JKT1,
      outletCode: 'JKT1',
      deviceCode: 'T1',
      staff: {
        cashier: staff.Ani!,
        manager: staff.Budi!,
        owner: staff['Ibu Sari']!,
        supervisor: staff.Budi!,
      },
    } as unknown as Tenant;
    const till = new Till(tenant, device, 'T1');
    const [r] = await till.push([
      till.sale(
        products.map((product) => ({ product, quantity: 1 })),
        { payments: ['qris'] },
      ),
    ]);
    expect(r).toMatchObject({ status: 'applied', result: { receipt_no: 'JKT1-T1-000001' } });
  });
});
