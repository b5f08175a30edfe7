import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { RunningStack } from '../../../local/stack';
import { createAuthUser, ok, userClient } from './clients';

export const ROLES = ['owner', 'manager', 'supervisor', 'cashier', 'device'] as const;
export type MemberRole = (typeof ROLES)[number];
export type StaffRole = Exclude<MemberRole, 'device'>;

/** bcrypt of "1234" (cost 4): tests never verify PINs, they only need a well-formed hash. */
export const PIN_HASH = '$2b$04$JAUHJOTP45bhbT178Mod8uwdyu.SHpTiveiKqbmpugtmLHP281SaS';

export interface Product {
  id: string;
  price: number;
  taxRateBp: number;
  name: string;
  sku: string;
}

/** Inserts catalog rows as `client` (who must be allowed to) and returns them as Products. */
export async function insertProducts(
  client: SupabaseClient,
  rows: {
    tenant_id: string;
    sku: string;
    name: string;
    price: number;
    tax_rate_bp: number;
    barcodes?: string[];
  }[],
): Promise<Product[]> {
  const inserted = ok(
    await client.from('products').insert(rows).select('id, price, tax_rate_bp, name, sku'),
  ) as { id: string; price: number; tax_rate_bp: number; name: string; sku: string }[];
  return inserted.map((p) => ({
    id: p.id,
    price: p.price,
    taxRateBp: p.tax_rate_bp,
    name: p.name,
    sku: p.sku,
  }));
}

export interface Member {
  userId: string;
  client: SupabaseClient;
}

export interface Tenant {
  id: string;
  name: string;
  outletId: string;
  outletCode: string;
  locationId: string;
  /** A second outlet's sales location and a warehouse, for transfers. */
  outlet2Id: string;
  location2Id: string;
  warehouseId: string;
  members: Record<MemberRole, Member>;
  deviceId: string;
  deviceCode: string;
  /** Staff rows (people at the till), one per built-in role. */
  staff: Record<StaffRole, string>;
  roleIds: Record<StaffRole, string>;
  products: Product[];
}

export interface TenantOptions {
  name?: string;
  products?: number;
  /** Opening stock received at the first outlet for every product. */
  stock?: number;
  taxMode?: 'inclusive' | 'exclusive';
  cashRoundingStep?: number;
}

let counter = 0;
function code(prefix: string): string {
  counter += 1;
  return `${prefix}${counter}${randomUUID()
    .slice(0, 3)
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, 'X')}`.slice(0, 8);
}

/**
 * A tenant built the way the product builds one: the owner signs up and calls create_tenant,
 * registers a till that claims itself with its own account, and sets up staff, catalog and stock
 * through the API. Only memberships of the other roles are inserted directly (inviting people is
 * not part of the database layer).
 */
export async function createTenant(
  stack: RunningStack,
  options: TenantOptions = {},
): Promise<Tenant> {
  const name = options.name ?? `Toko ${randomUUID().slice(0, 6)}`;
  const ownerId = await createAuthUser(stack);
  const owner = await userClient(stack, ownerId);
  const outletCode = code('O');
  const created = ok(
    await owner.rpc('create_tenant', {
      name,
      currency: 'IDR',
      timezone: 'Asia/Jakarta',
      outlet_name: `${name} Pusat`,
      outlet_code: outletCode,
    }),
  ) as { tenant_id: string; outlet_id: string; location_id: string };
  const tenantId = created.tenant_id;

  if (options.taxMode || options.cashRoundingStep !== undefined) {
    await stack.db.query(
      'update public.tenants set tax_mode = coalesce($2, tax_mode), cash_rounding_step = coalesce($3, cash_rounding_step) where id = $1',
      [tenantId, options.taxMode ?? null, options.cashRoundingStep ?? null],
    );
  }

  const members = { owner: { userId: ownerId, client: owner } } as Record<MemberRole, Member>;
  for (const role of ['manager', 'supervisor', 'cashier'] as const) {
    const userId = await createAuthUser(stack);
    await stack.db.query(
      'insert into public.memberships (tenant_id, user_id, role) values ($1, $2, $3)',
      [tenantId, userId, role],
    );
    members[role] = { userId, client: await userClient(stack, userId) };
  }

  const outlet2 = ok(
    await owner
      .from('outlets')
      .insert({ tenant_id: tenantId, code: code('P'), name: `${name} Cabang` })
      .select('id')
      .single(),
  );
  const location2 = ok(
    await owner
      .from('locations')
      .select('id')
      .eq('outlet_id', outlet2.id)
      .eq('is_sales_default', true)
      .single(),
  );
  const warehouse = ok(
    await owner
      .from('locations')
      .insert({ tenant_id: tenantId, code: code('W'), name: 'Gudang', kind: 'warehouse' })
      .select('id')
      .single(),
  );

  const registered = ok(
    await owner.rpc('register_device', { outlet_id: created.outlet_id, name: 'Kasir 1' }),
  ) as { device_id: string; device_code: string; pairing_code: string };
  const deviceUserId = await createAuthUser(stack, { anonymous: true });
  const device = await userClient(stack, deviceUserId, { is_anonymous: true });
  ok(
    await device.rpc('claim_device', {
      pairing_code: registered.pairing_code,
      app_version: 'test',
    }),
  );
  members.device = { userId: deviceUserId, client: device };

  const roles = ok(await owner.from('roles').select('id, key')) as { id: string; key: StaffRole }[];
  const roleIds = Object.fromEntries(roles.map((r) => [r.key, r.id])) as Record<StaffRole, string>;
  const staffRows = ok(
    await owner
      .from('staff')
      .insert(
        (['owner', 'manager', 'supervisor', 'cashier'] as const).map((r) => ({
          tenant_id: tenantId,
          role_id: roleIds[r],
          name: `Staff ${r}`,
        })),
      )
      .select('id, role_id'),
  ) as { id: string; role_id: string }[];
  const staff = Object.fromEntries(
    staffRows.map((s) => [roles.find((r) => r.id === s.role_id)!.key, s.id]),
  ) as Record<StaffRole, string>;
  ok(
    await owner
      .from('staff_pins')
      .insert(staffRows.map((s) => ({ tenant_id: tenantId, staff_id: s.id, pin_hash: PIN_HASH })))
      .select('id'),
  );

  const count = options.products ?? 8;
  const products: Product[] = [];
  if (count > 0) {
    const rows = Array.from({ length: count }, (_, i) => ({
      tenant_id: tenantId,
      sku: `SKU-${i + 1}-${randomUUID().slice(0, 4)}`,
      name: `Produk ${i + 1}`,
      price: 1000 * (i + 1) + 500,
      tax_rate_bp: i % 3 === 0 ? 0 : 1100,
      barcodes: [`899${String(1_000_000_000 + i).slice(1)}`],
    }));
    products.push(...(await insertProducts(owner, rows)));
    if (options.stock) {
      ok(
        await owner.rpc('receive_stock', {
          location_id: created.location_id,
          lines: products.map((p) => ({ product_id: p.id, quantity: options.stock })),
          reference: 'opening stock',
        }),
      );
    }
  }

  return {
    id: tenantId,
    name,
    outletId: created.outlet_id,
    outletCode,
    locationId: created.location_id,
    outlet2Id: outlet2.id,
    location2Id: location2.id,
    warehouseId: warehouse.id,
    members,
    deviceId: registered.device_id,
    deviceCode: registered.device_code,
    staff,
    roleIds,
    products,
  };
}

/** A second till in the tenant's first outlet, paired the usual way; returns its client. */
export async function addDevice(
  stack: RunningStack,
  tenant: Tenant,
  name = 'Kasir',
): Promise<{ deviceId: string; deviceCode: string; client: SupabaseClient; userId: string }> {
  const registered = ok(
    await tenant.members.owner.client.rpc('register_device', { outlet_id: tenant.outletId, name }),
  ) as { device_id: string; device_code: string; pairing_code: string };
  const userId = await createAuthUser(stack, { anonymous: true });
  const client = await userClient(stack, userId, { is_anonymous: true });
  ok(
    await client.rpc('claim_device', {
      pairing_code: registered.pairing_code,
      app_version: 'test',
    }),
  );
  return { deviceId: registered.device_id, deviceCode: registered.device_code, client, userId };
}
