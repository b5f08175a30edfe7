import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningStack } from '../../local/stack';
import { startTestStack } from '../helpers/stack';
import { createAuthUser, failed, ok, userClient } from './helpers/clients';
import { payloadId, Till, type Mutation } from './helpers/till';
import { createTenant, type Tenant } from './helpers/world';

/**
 * The manager dashboard's RPCs (migration 20250601002200_dashboard.sql): today's KPIs in the
 * tenant's time zone, the sales feed with sync latency, the sales behind an alert, and who may
 * call them.
 */

let stack: RunningStack;
let shop: Tenant;
let other: Tenant;
let till: Till;
let till2: Till;
const DAY = '2025-01-06';

interface Summary {
  day: string;
  timezone: string;
  totals: {
    revenue: number;
    transactions: number;
    average_basket: number;
    voided: number;
    refunds: number;
    refund_count: number;
    net_revenue: number;
  };
  outlets: { outlet_id: string; revenue: number; transactions: number; refunds: number }[];
  hours: { hour: number; revenue: number; transactions: number }[];
  payments: { method: string; amount: number; count: number }[];
  cashiers: { staff_id: string; name: string; revenue: number; transactions: number }[];
  products: { product_id: string; name: string; quantity: number; revenue: number }[];
}

interface FeedRow {
  sale_id: string;
  receipt_no: string;
  device_name: string;
  device_code: string;
  staff_name: string;
  status: string;
  total_due: number;
  item_count: number;
  methods: string[];
  completed_at: string;
  received_at: string;
  latency_ms: number;
}

const due = (m: Mutation) => (m.payload.totals as { total_due: number }).total_due;

/** Sets the till's clock for one mutation (an ISO instant with an offset, as tills send). */
function at(m: Mutation, instant: string): Mutation {
  m.payload.completed_at = instant;
  return m;
}

async function pushAll(t: Till, mutations: Mutation[]): Promise<void> {
  const results = await t.push(mutations);
  for (const r of results) expect(r, JSON.stringify(r)).toMatchObject({ status: 'applied' });
}

let sales: Record<'cash' | 'qris' | 'split' | 'voided' | 'outlet2' | 'lateNight', Mutation>;
let refund: Mutation;
let nextDay: Mutation;

beforeAll(async () => {
  stack = await startTestStack({ seed: false });
  shop = await createTenant(stack, { products: 4, stock: 2 });
  other = await createTenant(stack, { products: 1 });
  till = new Till(shop, shop.members.device.client);

  // A second till at the second outlet, paired as a shop does it.
  const registered = ok(
    await shop.members.owner.client.rpc('register_device', {
      outlet_id: shop.outlet2Id,
      name: 'Kasir Cabang',
    }),
  ) as { device_code: string; pairing_code: string };
  const deviceUser = await createAuthUser(stack, { anonymous: true });
  const device2 = await userClient(stack, deviceUser, { is_anonymous: true });
  ok(
    await device2.rpc('claim_device', { pairing_code: registered.pairing_code, app_version: 't' }),
  );
  till2 = new Till(shop, device2, registered.device_code);

  const [p1, p2, p3] = shop.products as [
    (typeof shop.products)[0],
    (typeof shop.products)[0],
    (typeof shop.products)[0],
  ];
  sales = {
    // 3 units against a stock of 2: a negative-stock alert naming this sale.
    cash: till.sale([{ product: p1, quantity: 3 }], { payments: ['cash'] }),
    qris: till.sale([{ product: p2, quantity: 1 }], { payments: ['qris'], staff: 'supervisor' }),
    split: till.sale(
      [
        { product: p2, quantity: 2 },
        { product: p3, quantity: 1 },
      ],
      { payments: ['cash', 'ewallet'] },
    ),
    voided: till.sale([{ product: p3, quantity: 1 }]),
    outlet2: till2.sale([{ product: p3, quantity: 4 }], { outletId: shop.outlet2Id }),
    // 23:59:30 in Jakarta (UTC+7) is still the sixth there, though the seventh has begun nowhere.
    lateNight: at(till.sale([{ product: p1, quantity: 1 }]), '2025-01-06T16:59:30.000Z'),
  };
  nextDay = at(till.sale([{ product: p2, quantity: 1 }]), '2025-01-06T17:00:00.000Z');
  await pushAll(till, [
    sales.cash,
    sales.qris,
    sales.split,
    sales.voided,
    sales.lateNight,
    nextDay,
  ]);
  await pushAll(till2, [sales.outlet2]);
  await pushAll(till, [till.void(payloadId(sales.voided, 'sale_id'))]);
  refund = till.refund(sales.split, [{ line: 0, quantity: 1 }], 'cash');
  await pushAll(till, [refund]);
}, 240_000);

afterAll(async () => {
  await stack?.stop();
});

describe('dashboard_summary', () => {
  it("sums the day's completed sales, per outlet and overall, in the tenant's time zone", async () => {
    const s = ok(
      await shop.members.manager.client.rpc('dashboard_summary', { day: DAY }),
    ) as Summary;
    const counted = [sales.cash, sales.qris, sales.split, sales.outlet2, sales.lateNight];
    const revenue = counted.reduce((sum, m) => sum + due(m), 0);
    const refunded = refund.payload.total as number;
    expect(s.day).toBe(DAY);
    expect(s.timezone).toBe('Asia/Jakarta');
    expect(s.totals).toEqual({
      revenue,
      transactions: 5,
      average_basket: Math.round(revenue / 5),
      voided: 1,
      refunds: refunded,
      refund_count: 1,
      net_revenue: revenue - refunded,
    });
    const byOutlet = Object.fromEntries(s.outlets.map((o) => [o.outlet_id, o]));
    expect(byOutlet[shop.outletId]).toMatchObject({
      revenue: revenue - due(sales.outlet2),
      transactions: 4,
      refunds: refunded,
    });
    expect(byOutlet[shop.outlet2Id]).toMatchObject({
      revenue: due(sales.outlet2),
      transactions: 1,
      refunds: 0,
    });

    // The till's clock is 08:00 in Jakarta for the morning sales; the late one is at 23:59.
    expect(s.hours).toHaveLength(24);
    expect(s.hours[8]).toEqual({
      hour: 8,
      revenue: revenue - due(sales.lateNight),
      transactions: 4,
    });
    expect(s.hours[23]).toEqual({ hour: 23, revenue: due(sales.lateNight), transactions: 1 });
    expect(s.hours.filter((h) => h.transactions > 0)).toHaveLength(2);

    const methods = Object.fromEntries(s.payments.map((p) => [p.method, p]));
    expect(Object.keys(methods).sort()).toEqual(['cash', 'ewallet', 'qris']);
    expect(methods.qris).toEqual({ method: 'qris', amount: due(sales.qris), count: 1 });
    expect(s.payments.reduce((sum, p) => sum + p.amount, 0)).toBe(revenue);

    const cashiers = Object.fromEntries(s.cashiers.map((c) => [c.staff_id, c]));
    expect(cashiers[shop.staff.supervisor]).toMatchObject({
      name: 'Staff supervisor',
      revenue: due(sales.qris),
      transactions: 1,
    });
    expect(cashiers[shop.staff.cashier]!.transactions).toBe(4);

    // Product 3: one in the split sale and four at the second outlet (the voided one not counted).
    const p3 = s.products.find((p) => p.product_id === shop.products[2]!.id);
    expect(p3?.quantity).toBe(5);
    expect(s.products.reduce((sum, p) => sum + p.revenue, 0)).toBe(revenue);
  });

  it('narrows to one outlet, counts the next day apart, and defaults to today', async () => {
    const manager = shop.members.manager.client;
    const one = ok(
      await manager.rpc('dashboard_summary', { day: DAY, outlet_id: shop.outlet2Id }),
    ) as Summary;
    expect(one.totals).toMatchObject({ revenue: due(sales.outlet2), transactions: 1, refunds: 0 });
    expect(one.outlets).toHaveLength(2);

    const seventh = ok(await manager.rpc('dashboard_summary', { day: '2025-01-07' })) as Summary;
    expect(seventh.totals).toMatchObject({ revenue: due(nextDay), transactions: 1 });
    expect(seventh.hours[0]).toMatchObject({ transactions: 1 });

    const today = ok(await manager.rpc('dashboard_summary', {})) as Summary;
    const jakartaToday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(
      new Date(),
    );
    expect(today.day).toBe(jakartaToday);
    const before = today.totals.transactions;
    const now = at(
      till.sale([{ product: shop.products[3]! }].map((l) => ({ ...l, quantity: 1 }))),
      new Date().toISOString(),
    );
    await pushAll(till, [now]);
    const after = ok(await manager.rpc('dashboard_summary', {})) as Summary;
    expect(after.totals.transactions).toBe(before + 1);
    expect(after.totals.revenue - today.totals.revenue).toBe(due(now));
  });

  it('is for owners, managers and supervisors only', async () => {
    for (const role of ['owner', 'supervisor'] as const) {
      const s = ok(await shop.members[role].client.rpc('dashboard_summary', { day: DAY }));
      expect((s as Summary).totals.transactions).toBe(5);
    }
    for (const role of ['cashier', 'device'] as const) {
      expect(failed(await shop.members[role].client.rpc('dashboard_summary', {}))).toMatchObject({
        code: '42501',
        hint: 'permission_denied',
      });
      expect(failed(await shop.members[role].client.rpc('dashboard_sales', {}))).toMatchObject({
        hint: 'permission_denied',
      });
    }
    const stranger = await userClient(stack, await createAuthUser(stack));
    expect(failed(await stranger.rpc('dashboard_summary', {}))).toMatchObject({
      code: '42501',
      hint: 'not_a_member',
    });
  });

  it("shows another tenant's manager nothing of this shop", async () => {
    const them = other.members.manager.client;
    const s = ok(await them.rpc('dashboard_summary', { day: DAY })) as Summary;
    expect(s.totals).toMatchObject({ revenue: 0, transactions: 0, refunds: 0, voided: 0 });
    expect(s.outlets.map((o) => o.outlet_id).sort()).toEqual(
      [other.outletId, other.outlet2Id].sort(),
    );
    expect(s.payments).toEqual([]);
    expect(s.cashiers).toEqual([]);
    expect(s.products).toEqual([]);
    expect(ok(await them.rpc('dashboard_sales', { day: DAY }))).toEqual([]);
    expect(
      failed(await them.rpc('dashboard_summary', { day: DAY, outlet_id: shop.outletId })),
    ).toMatchObject({ hint: 'unknown_outlet' });
    const alert = ok(await shop.members.manager.client.from('alerts').select('id').limit(1)) as {
      id: string;
    }[];
    expect(alert).toHaveLength(1);
    expect(failed(await them.rpc('dashboard_alert', { alert_id: alert[0]!.id }))).toMatchObject({
      hint: 'unknown_alert',
    });
  });

  it('validates its arguments', async () => {
    const manager = shop.members.manager.client;
    expect(failed(await manager.rpc('dashboard_summary', { top_products: 0 }))).toMatchObject({
      code: 'P0001',
      hint: 'invalid_payload',
    });
    expect(failed(await manager.rpc('dashboard_sales', { max_rows: 501 }))).toMatchObject({
      hint: 'invalid_payload',
    });
  });
});

describe('dashboard_sales', () => {
  it('lists the day’s sales newest first with till, cashier and sync latency', async () => {
    const rows = ok(
      await shop.members.manager.client.rpc('dashboard_sales', { day: DAY, max_rows: 10 }),
    ) as FeedRow[];
    expect(rows.map((r) => r.sale_id).sort()).toEqual(
      Object.values(sales)
        .map((m) => payloadId(m, 'sale_id'))
        .sort(),
    );
    const received = rows.map((r) => Date.parse(r.received_at));
    expect([...received].sort((a, b) => b - a)).toEqual(received);
    for (const r of rows) {
      expect(r.latency_ms).toBe(Date.parse(r.received_at) - Date.parse(r.completed_at));
    }
    const split = rows.find((r) => r.sale_id === payloadId(sales.split, 'sale_id'))!;
    expect(split).toMatchObject({
      device_name: 'Kasir 1',
      device_code: shop.deviceCode,
      staff_name: 'Staff cashier',
      status: 'completed',
      total_due: due(sales.split),
      item_count: 3,
      methods: ['cash', 'ewallet'],
    });
    const branch = rows.find((r) => r.sale_id === payloadId(sales.outlet2, 'sale_id'))!;
    expect(branch.device_name).toBe('Kasir Cabang');
    expect(rows.find((r) => r.sale_id === payloadId(sales.voided, 'sale_id'))!.status).toBe(
      'voided',
    );
  });
});

describe('dashboard_alert', () => {
  it('opens a negative-stock alert onto the sales behind it', async () => {
    const manager = shop.members.manager.client;
    const alerts = ok(
      await manager.from('alerts').select('id, kind, product_id').eq('kind', 'negative_stock'),
    ) as { id: string; product_id: string }[];
    const alert = alerts.find((a) => a.product_id === shop.products[0]!.id);
    expect(alert).toBeDefined();
    const detail = ok(await manager.rpc('dashboard_alert', { alert_id: alert!.id })) as {
      alert: { kind: string };
      product: { name: string };
      sales: { sale_id: string; receipt_no: string; items: { quantity: number }[] }[];
    };
    expect(detail.alert.kind).toBe('negative_stock');
    expect(detail.product.name).toBe(shop.products[0]!.name);
    expect(detail.sales.map((x) => x.sale_id)).toContain(payloadId(sales.cash, 'sale_id'));
    const cash = detail.sales.find((x) => x.sale_id === payloadId(sales.cash, 'sale_id'))!;
    expect(cash.receipt_no).toBe(sales.cash.payload.receipt_no);
    expect(cash.items).toEqual([expect.objectContaining({ quantity: 3 })]);
  });

  it('opens a rejected mutation with the reason the server gave', async () => {
    const bad = till.sale([{ product: shop.products[1]!, quantity: 1 }]);
    (bad.payload.totals as { total: number }).total += 1;
    const [result] = await till.push([bad]);
    expect(result).toMatchObject({ status: 'rejected', code: 'totals_mismatch' });
    const manager = shop.members.manager.client;
    const alert = ok(
      await manager
        .from('alerts')
        .select('id')
        .eq('kind', 'rejected_mutation')
        .eq('mutation_id', bad.id)
        .single(),
    ) as { id: string };
    const detail = ok(await manager.rpc('dashboard_alert', { alert_id: alert.id })) as {
      mutation: { kind: string; code: string; staff_name: string; payload: { receipt_no: string } };
      sales: unknown[];
    };
    expect(detail.mutation).toMatchObject({
      kind: 'sale.complete',
      code: 'totals_mismatch',
      staff_name: 'Staff cashier',
      payload: { receipt_no: bad.payload.receipt_no },
    });
    expect(detail.sales).toEqual([]);

    // Resolving is an update of the resolution columns; the server records who did it.
    ok(
      await manager
        .from('alerts')
        .update({ resolved_at: new Date().toISOString(), resolution_note: 'dicek' })
        .eq('id', alert.id)
        .select('id'),
    );
    const resolved = ok(
      await manager.from('alerts').select('resolved_by').eq('id', alert.id).single(),
    ) as { resolved_by: string };
    expect(resolved.resolved_by).toBe(shop.members.manager.userId);
  });
});
