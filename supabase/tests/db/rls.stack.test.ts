import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningStack } from '../../local/stack';
import { startTestStack } from '../helpers/stack';
import { failed, ok, supabaseClient } from './helpers/clients';
import { payloadId, Till } from './helpers/till';
import { createTenant, PIN_HASH, type Tenant } from './helpers/world';

/**
 * The policy matrix, built from the catalog: every table in `public` is tried by every kind of
 * caller with every operation through supabase-js, and what happens must match the map below.
 * A table that is not in the map, or has no RLS or no policy, fails the test; so does a table in
 * the map that no longer exists. Writes are sent with `Prefer: tx=rollback`, so the matrix leaves
 * the data as it found it.
 */

const ACTORS = ['anon', 'other', 'owner', 'manager', 'supervisor', 'cashier', 'device'] as const;
type Actor = (typeof ACTORS)[number];
const OPS = ['select', 'insert', 'update', 'delete'] as const;
type Op = (typeof OPS)[number];

const MEMBERS: Actor[] = ['owner', 'manager', 'supervisor', 'cashier', 'device'];
const MANAGERS: Actor[] = ['owner', 'manager'];
const SUPERVISORS: Actor[] = ['owner', 'manager', 'supervisor'];
const NOBODY: Actor[] = [];

interface Ctx {
  a: Tenant;
  ids: Record<string, string>;
  version(table: string, id: string): Promise<number>;
}

interface TableSpec {
  key?: string;
  allowed: Record<Op, Actor[]>;
  /** The row of the tenant under test that every attempt aims at. */
  target(ctx: Ctx): string;
  insert(ctx: Ctx): Record<string, unknown>;
  update(ctx: Ctx): Promise<Record<string, unknown>> | Record<string, unknown>;
}

const readOnly = (select: Actor[]) => ({ select, insert: NOBODY, update: NOBODY, delete: NOBODY });
const masterData = { select: MEMBERS, insert: MANAGERS, update: MANAGERS, delete: NOBODY };

const TABLES: Record<string, TableSpec> = {
  tenants: {
    allowed: { select: MEMBERS, insert: NOBODY, update: MANAGERS, delete: NOBODY },
    target: (c) => c.a.id,
    insert: () => ({ name: 'Toko Baru' }),
    update: async (c) => ({ name: 'Toko Ganti', version: await c.version('tenants', c.a.id) }),
  },
  memberships: {
    // Everyone reads their own membership; the target is the cashier's.
    allowed: {
      select: ['owner', 'manager', 'cashier'],
      insert: NOBODY,
      update: ['owner'],
      delete: ['owner'],
    },
    target: (c) => c.ids.cashierMembership!,
    insert: (c) => ({ tenant_id: c.a.id, user_id: c.ids.stranger!, role: 'owner' }),
    update: () => ({ role: 'supervisor' }),
  },
  profiles: {
    key: 'user_id',
    // The target is the owner's own profile; inserting one for somebody else is never allowed.
    allowed: { select: ['owner'], insert: NOBODY, update: ['owner'], delete: NOBODY },
    target: (c) => c.a.members.owner.userId,
    insert: (c) => ({ user_id: c.ids.stranger!, active_tenant_id: c.a.id }),
    update: () => ({ display_name: 'Sari' }),
  },
  outlets: {
    allowed: masterData,
    target: (c) => c.a.outletId,
    insert: (c) => ({
      tenant_id: c.a.id,
      code: `X${randomUUID()
        .slice(0, 5)
        .toUpperCase()
        .replace(/[^A-Z0-9]/g, '1')}`,
      name: 'Outlet X',
    }),
    update: async (c) => ({
      name: 'Outlet Ganti',
      version: await c.version('outlets', c.a.outletId),
    }),
  },
  locations: {
    allowed: masterData,
    target: (c) => c.a.warehouseId,
    insert: (c) => ({
      tenant_id: c.a.id,
      code: `L${randomUUID()
        .slice(0, 6)
        .toUpperCase()
        .replace(/[^A-Z0-9]/g, '1')}`,
      name: 'Rak',
      kind: 'warehouse',
    }),
    update: async (c) => ({
      name: 'Gudang 2',
      version: await c.version('locations', c.a.warehouseId),
    }),
  },
  devices: {
    allowed: readOnly(['owner', 'manager', 'supervisor', 'device']),
    target: (c) => c.a.deviceId,
    insert: (c) => ({
      tenant_id: c.a.id,
      outlet_id: c.a.outletId,
      name: 'Palsu',
      device_no: 99,
      device_code: 'T99',
    }),
    update: () => ({ name: 'Ganti' }),
  },
  roles: {
    allowed: masterData,
    target: (c) => c.a.roleIds.cashier,
    insert: (c) => ({ tenant_id: c.a.id, name: `Barista ${randomUUID().slice(0, 4)}` }),
    update: async (c) => ({
      name: 'Kasir Senior',
      version: await c.version('roles', c.a.roleIds.cashier),
    }),
  },
  role_permissions: {
    allowed: { select: MEMBERS, insert: MANAGERS, update: NOBODY, delete: MANAGERS },
    target: (c) => c.ids.permission!,
    insert: (c) => ({
      tenant_id: c.a.id,
      role_id: c.a.roleIds.cashier,
      permission: 'reports.view',
    }),
    update: () => ({ permission: 'sale.void' }),
  },
  staff: {
    allowed: masterData,
    target: (c) => c.a.staff.cashier,
    insert: (c) => ({ tenant_id: c.a.id, role_id: c.a.roleIds.cashier, name: 'Dewi' }),
    update: async (c) => ({ name: 'Ani S.', version: await c.version('staff', c.a.staff.cashier) }),
  },
  staff_pins: {
    // PIN hashes: owners, managers and tills only — never a cashier's own account.
    allowed: {
      select: ['owner', 'manager', 'device'],
      insert: MANAGERS,
      update: MANAGERS,
      delete: NOBODY,
    },
    target: (c) => c.ids.pin!,
    insert: (c) => ({ tenant_id: c.a.id, staff_id: c.ids.staffWithoutPin!, pin_hash: PIN_HASH }),
    update: () => ({ pin_hash: PIN_HASH }),
  },
  categories: {
    allowed: masterData,
    target: (c) => c.ids.category!,
    insert: (c) => ({ tenant_id: c.a.id, name: 'Frozen' }),
    update: async (c) => ({
      name: 'Minuman Dingin',
      version: await c.version('categories', c.ids.category!),
    }),
  },
  catalog_versions: {
    key: 'tenant_id',
    allowed: readOnly(MEMBERS),
    target: (c) => c.a.id,
    insert: (c) => ({ tenant_id: c.a.id }),
    update: () => ({ version: 99 }),
  },
  products: {
    allowed: masterData,
    target: (c) => c.a.products[0]!.id,
    insert: (c) => ({ tenant_id: c.a.id, name: 'Kopi Tubruk', price: 5000 }),
    update: async (c) => ({
      price: 7000,
      version: await c.version('products', c.a.products[0]!.id),
    }),
  },
  product_price_history: {
    allowed: readOnly(MEMBERS),
    target: (c) => c.ids.priceHistory!,
    insert: (c) => ({
      tenant_id: c.a.id,
      product_id: c.a.products[0]!.id,
      catalog_version: 77,
      price: 1,
      tax_rate_bp: 0,
    }),
    update: () => ({ price: 1 }),
  },
  customers: {
    allowed: masterData,
    target: (c) => c.ids.customer!,
    insert: (c) => ({ tenant_id: c.a.id, name: 'Bu Rina' }),
    update: async (c) => ({
      name: 'Pak Joko W.',
      version: await c.version('customers', c.ids.customer!),
    }),
  },
  shifts: {
    allowed: readOnly(['owner', 'manager', 'supervisor', 'device']),
    target: (c) => c.ids.shift!,
    insert: (c) => ({
      id: randomUUID(),
      tenant_id: c.a.id,
      outlet_id: c.a.outletId,
      device_id: c.a.deviceId,
      opened_by_staff_id: c.a.staff.cashier,
      opening_float: 0,
      opened_at: new Date().toISOString(),
      open_mutation_id: randomUUID(),
    }),
    update: () => ({ opening_float: 1 }),
  },
  cash_movements: {
    allowed: readOnly(['owner', 'manager', 'supervisor', 'device']),
    target: (c) => c.ids.cashMovement!,
    insert: (c) => ({
      id: randomUUID(),
      tenant_id: c.a.id,
      shift_id: c.ids.shift,
      device_id: c.a.deviceId,
      staff_id: c.a.staff.cashier,
      kind: 'out',
      amount: 1,
      reason: 'x',
      occurred_at: new Date().toISOString(),
      mutation_id: randomUUID(),
    }),
    update: () => ({ amount: 2 }),
  },
  sales: {
    allowed: readOnly(['owner', 'manager', 'supervisor', 'device']),
    target: (c) => c.ids.sale!,
    insert: (c) => ({ id: randomUUID(), tenant_id: c.a.id, receipt_no: 'AB-T1-000001' }),
    update: () => ({ total: 1 }),
  },
  sale_items: {
    allowed: readOnly(['owner', 'manager', 'supervisor', 'device']),
    target: (c) => c.ids.saleItem!,
    insert: (c) => ({ id: randomUUID(), tenant_id: c.a.id, sale_id: c.ids.sale, line_no: 9 }),
    update: () => ({ unit_price: 1 }),
  },
  refunds: {
    allowed: readOnly(['owner', 'manager', 'supervisor', 'device']),
    target: (c) => c.ids.refund!,
    insert: (c) => ({ id: randomUUID(), tenant_id: c.a.id, sale_id: c.ids.sale }),
    update: () => ({ total: 0 }),
  },
  refund_items: {
    allowed: readOnly(['owner', 'manager', 'supervisor', 'device']),
    target: (c) => c.ids.refundItem!,
    insert: (c) => ({ tenant_id: c.a.id, refund_id: c.ids.refund, sale_item_id: c.ids.saleItem }),
    update: () => ({ amount: 0 }),
  },
  payments: {
    allowed: readOnly(['owner', 'manager', 'supervisor', 'device']),
    target: (c) => c.ids.payment!,
    insert: (c) => ({
      id: randomUUID(),
      tenant_id: c.a.id,
      sale_id: c.ids.sale,
      method: 'cash',
      amount: 1,
      status: 'confirmed',
    }),
    update: () => ({ status: 'refunded' }),
  },
  stock_levels: {
    // Quantities change only with a movement; the reorder level alone is editable (tested below).
    allowed: readOnly(MEMBERS),
    target: (c) => c.ids.level!,
    insert: (c) => ({
      tenant_id: c.a.id,
      product_id: c.a.products[1]!.id,
      location_id: c.a.warehouseId,
      quantity: 5,
    }),
    update: () => ({ quantity: 1_000_000 }),
  },
  stock_movements: {
    allowed: readOnly(SUPERVISORS),
    target: (c) => c.ids.movement!,
    insert: (c) => ({
      tenant_id: c.a.id,
      product_id: c.a.products[0]!.id,
      location_id: c.a.locationId,
      kind: 'receiving',
      quantity: 5,
    }),
    update: () => ({ quantity: 500 }),
  },
  sync_mutations: {
    allowed: readOnly(['owner', 'manager', 'supervisor', 'device']),
    target: (c) => c.ids.mutation!,
    insert: (c) => ({
      tenant_id: c.a.id,
      id: randomUUID(),
      device_id: c.a.deviceId,
      kind: 'sale.complete',
      status: 'applied',
    }),
    update: () => ({ status: 'rejected', code: 'x' }),
  },
  alerts: {
    allowed: { select: SUPERVISORS, insert: NOBODY, update: SUPERVISORS, delete: NOBODY },
    target: (c) => c.ids.alert!,
    insert: (c) => ({ tenant_id: c.a.id, kind: 'price_mismatch' }),
    update: () => ({ resolved_at: new Date().toISOString(), resolution_note: 'sudah dicek' }),
  },
  audit_log: {
    allowed: readOnly(MANAGERS),
    target: (c) => c.ids.audit!,
    insert: (c) => ({ tenant_id: c.a.id, table_name: 'x', action: 'insert' }),
    update: () => ({ action: 'delete' }),
  },
};

let stack: RunningStack;
let a: Tenant;
let b: Tenant;
let clients: Record<Actor, SupabaseClient>;
const ids: Record<string, string> = {};

async function scalar(sql: string, params: unknown[] = []): Promise<string> {
  const { rows } = await stack.db.query<{ v: string }>(sql, params);
  if (!rows[0]) throw new Error(`no row for ${sql}`);
  return String(rows[0].v);
}

beforeAll(async () => {
  stack = await startTestStack({ seed: false });
  a = await createTenant(stack, { products: 3, stock: 20 });
  b = await createTenant(stack, { products: 1 });
  clients = {
    anon: supabaseClient(stack),
    other: b.members.owner.client,
    owner: a.members.owner.client,
    manager: a.members.manager.client,
    supervisor: a.members.supervisor.client,
    cashier: a.members.cashier.client,
    device: a.members.device.client,
  };

  // One row of every kind in tenant A, written the way the product writes it.
  const till = new Till(a, a.members.device.client);
  const customer = till.customer();
  const shift = till.shiftOpen(50_000);
  const sale = till.sale([{ product: a.products[1]!, quantity: 2 }], {
    shiftId: payloadId(shift, 'shift_id'),
  });
  const move = till.cashMove(payloadId(shift, 'shift_id'), 'in', 10_000);
  const refund = till.refund(sale, [{ line: 0, quantity: 1 }]);
  const rejected = till.sale([{ product: a.products[1]!, quantity: 1 }]);
  (rejected.payload.totals as { total: number }).total += 1;
  const results = await till.push([customer, shift, sale, move, refund, rejected]);
  expect(results.map((r) => r.status)).toEqual([
    'applied',
    'applied',
    'applied',
    'applied',
    'applied',
    'rejected',
  ]);
  ok(
    await a.members.owner.client
      .from('categories')
      .insert({ tenant_id: a.id, name: 'Minuman' })
      .select('id'),
  );

  ids.customer = payloadId(customer, 'customer_id');
  ids.shift = payloadId(shift, 'shift_id');
  ids.sale = payloadId(sale, 'sale_id');
  ids.saleItem = (sale.payload.lines as { line_id: string }[])[0]!.line_id;
  ids.cashMovement = payloadId(move, 'cash_movement_id');
  ids.refund = payloadId(refund, 'refund_id');
  ids.mutation = sale.id;
  ids.payment = (sale.payload.payments as { payment_id: string }[])[0]!.payment_id;
  ids.refundItem = await scalar('select id as v from public.refund_items where refund_id = $1', [
    ids.refund,
  ]);
  ids.category = await scalar('select id as v from public.categories where tenant_id = $1', [a.id]);
  ids.alert = await scalar(
    "select id as v from public.alerts where tenant_id = $1 and kind = 'rejected_mutation'",
    [a.id],
  );
  ids.audit = await scalar(
    'select id::text as v from public.audit_log where tenant_id = $1 limit 1',
    [a.id],
  );
  ids.level = await scalar(
    'select id as v from public.stock_levels where product_id = $1 and location_id = $2',
    [a.products[1]!.id, a.locationId],
  );
  ids.movement = await scalar(
    "select id as v from public.stock_movements where sale_id = $1 and kind = 'sale'",
    [ids.sale],
  );
  ids.priceHistory = await scalar(
    'select id as v from public.product_price_history where product_id = $1',
    [a.products[0]!.id],
  );
  ids.permission = await scalar(
    "select id as v from public.role_permissions where role_id = $1 and permission = 'sale.create'",
    [a.roleIds.cashier],
  );
  ids.pin = await scalar('select id as v from public.staff_pins where staff_id = $1', [
    a.staff.cashier,
  ]);
  ids.cashierMembership = await scalar(
    'select id as v from public.memberships where user_id = $1',
    [a.members.cashier.userId],
  );
  ids.staffWithoutPin = await scalar(
    "insert into public.staff (tenant_id, role_id, name) values ($1, $2, 'Tanpa PIN') returning id as v",
    [a.id, a.roleIds.cashier],
  );
  ids.stranger = await scalar(
    "insert into auth.users (id, aud, role, email) values (gen_random_uuid(), 'authenticated', 'authenticated', $1) returning id as v",
    [`${randomUUID()}@example.test`],
  );
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

const ctx = (): Ctx => ({
  a,
  ids,
  async version(table, id) {
    return Number(await scalar(`select version as v from public.${table} where id = $1`, [id]));
  },
});

/** Did the operation reach the target row (and, for writes, would it have committed)? */
async function attempt(table: string, spec: TableSpec, actor: Actor, op: Op): Promise<boolean> {
  const client = clients[actor];
  const key = spec.key ?? 'id';
  const target = spec.target(ctx());
  const rollback = 'return=representation, tx=rollback';
  let res: { data: unknown; error: unknown };
  switch (op) {
    case 'select':
      res = await client.from(table).select('*').eq(key, target);
      break;
    case 'insert':
      res = await client
        .from(table)
        .insert(spec.insert(ctx()))
        .select()
        .setHeader('Prefer', rollback);
      break;
    case 'update':
      res = await client
        .from(table)
        .update(await spec.update(ctx()))
        .eq(key, target)
        .select()
        .setHeader('Prefer', rollback);
      break;
    case 'delete':
      res = await client
        .from(table)
        .delete()
        .eq(key, target)
        .select()
        .setHeader('Prefer', rollback);
      break;
  }
  return !res.error && Array.isArray(res.data) && res.data.length === 1;
}

describe('row level security, from the catalog', () => {
  it('every table in public has RLS on, at least one policy, and an entry in the matrix', async () => {
    const { rows } = await stack.db.query<{ table: string; rls: boolean; policies: unknown }>(
      `select c.relname as table, c.relrowsecurity as rls,
              (select count(*) from pg_catalog.pg_policies p where p.schemaname = 'public' and p.tablename = c.relname) as policies
       from pg_catalog.pg_class c
       where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
       order by 1`,
    );
    const problems = rows.flatMap((r) => [
      ...(r.rls ? [] : [`${r.table}: RLS is off`]),
      ...(Number(r.policies) > 0 ? [] : [`${r.table}: no policy`]),
      ...(r.table in TABLES ? [] : [`${r.table}: missing from the expected-access map`]),
    ]);
    const inCatalog = new Set(rows.map((r) => r.table));
    for (const t of Object.keys(TABLES))
      if (!inCatalog.has(t)) problems.push(`${t}: in the map, not in the catalog`);
    expect(problems).toEqual([]);
  });

  it('anon holds no privilege on any table in public', async () => {
    const { rows } = await stack.db.query<{ table: string }>(
      `select c.relname as table from pg_catalog.pg_class c
       where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p', 'v')
         and has_table_privilege('anon', c.oid, 'select, insert, update, delete, truncate, references, trigger')`,
    );
    expect(rows).toEqual([]);
  });

  for (const [table, spec] of Object.entries(TABLES)) {
    it(`${table}: who may select, insert, update, delete`, async () => {
      const seen: Record<Op, Actor[]> = { select: [], insert: [], update: [], delete: [] };
      for (const op of OPS) {
        for (const actor of ACTORS) {
          if (await attempt(table, spec, actor, op)) seen[op].push(actor);
        }
      }
      expect(seen).toEqual(spec.allowed);
    });
  }
});

describe('details the matrix cannot show', () => {
  it('the matrix wrote nothing: every allowed write was rolled back', async () => {
    expect(await scalar('select name as v from public.tenants where id = $1', [a.id])).toBe(a.name);
    expect(
      await scalar('select count(*) as v from public.memberships where id = $1', [
        ids.cashierMembership,
      ]),
    ).toBe('1');
    expect(
      await scalar('select count(*) as v from public.role_permissions where id = $1', [
        ids.permission,
      ]),
    ).toBe('1');
    expect(await scalar("select count(*) as v from public.categories where name = 'Frozen'")).toBe(
      '0',
    );
  });

  it('managers may set a reorder level, never a quantity', async () => {
    const level = ok(
      await a.members.manager.client
        .from('stock_levels')
        .update({ reorder_level: 7 })
        .eq('id', ids.level!)
        .select(),
    );
    expect(level).toHaveLength(1);
    const cashier = await a.members.cashier.client
      .from('stock_levels')
      .update({ reorder_level: 1 })
      .eq('id', ids.level!)
      .select();
    expect(cashier.data ?? []).toEqual([]);
  });

  it('master data edits must carry the version they were based on, and a stale one conflicts', async () => {
    const product = a.products[2]!;
    const v = Number(
      await scalar('select version as v from public.products where id = $1', [product.id]),
    );
    const missing = failed(
      await a.members.owner.client
        .from('products')
        .update({ name: 'Tanpa versi' })
        .eq('id', product.id),
    );
    expect(missing).toMatchObject({ code: 'P0001', hint: 'version_required' });
    const fresh = ok(
      await a.members.owner.client
        .from('products')
        .update({ name: 'Baru', version: v })
        .eq('id', product.id)
        .select('version'),
    );
    expect(fresh).toEqual([{ version: v + 1 }]);
    const stale = await a.members.manager.client
      .from('products')
      .update({ name: 'Basi', version: v })
      .eq('id', product.id);
    expect(stale.status).toBe(409);
    expect(stale.error).toMatchObject({ code: 'PT409', hint: 'version_conflict' });
  });

  it('a tenant row cannot be moved to another tenant, even by its owner', async () => {
    const v = Number(
      await scalar('select version as v from public.customers where id = $1', [ids.customer]),
    );
    const moved = await a.members.owner.client
      .from('customers')
      .update({ tenant_id: b.id, version: v })
      .eq('id', ids.customer!)
      .select();
    expect(moved.error).not.toBeNull();
  });

  it('a member cannot make another tenant active in their profile', async () => {
    const res = await a.members.owner.client
      .from('profiles')
      .update({ active_tenant_id: b.id })
      .eq('user_id', a.members.owner.userId)
      .select();
    expect(res.error).toMatchObject({ code: '42501' });
  });

  it("a sale cannot reference another tenant's product, even written directly", async () => {
    await expect(
      stack.db.query(
        `insert into public.sale_items (id, tenant_id, sale_id, line_no, product_id, name, quantity, unit_price,
           tax_rate_bp, gross, line_discount, order_discount, net, tax, total)
         values (gen_random_uuid(), $1, $2, 9, $3, 'x', 1, 1, 0, 1, 0, 0, 1, 0, 1)`,
        [a.id, ids.sale, b.products[0]!.id],
      ),
    ).rejects.toThrow(/foreign key/);
  });
});
