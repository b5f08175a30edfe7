import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningStack } from '../../local/stack';
import { startTestStack } from '../helpers/stack';
import { snapshot, type Snapshot } from './helpers/snapshot';
import { payloadId, Till, type Mutation, type PushResult } from './helpers/till';
import { createTenant, type Tenant } from './helpers/world';

/**
 * However a batch reaches the server — twice, in overlapping pieces, shuffled, or cut off by a
 * transaction that never commits — the end state is the one a single clean push produces.
 */

let stack: RunningStack;
beforeAll(async () => {
  stack = await startTestStack({ seed: false });
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

interface Scenario {
  tenant: Tenant;
  till: Till;
  batch: Mutation[];
  labels: Map<string, string>;
}

/** The same mutations, structurally, for a fresh tenant: every kind, dependencies, a rejection. */
async function scenario(): Promise<Scenario> {
  const tenant = await createTenant(stack, { products: 6, stock: 1000 });
  const till = new Till(tenant, tenant.members.device.client);
  const [p0, p1, p2, p3, p4, p5] = tenant.products as [
    Tenant['products'][0],
    Tenant['products'][0],
    Tenant['products'][0],
    Tenant['products'][0],
    Tenant['products'][0],
    Tenant['products'][0],
  ];
  const customer = till.customer();
  const shift = till.shiftOpen(150_000);
  const shiftId = payloadId(shift, 'shift_id');
  const sale1 = till.sale(
    [
      { product: p0, quantity: 2 },
      { product: p1, quantity: 1 },
    ],
    {
      customerId: payloadId(customer, 'customer_id'),
      shiftId,
    },
  );
  const sale2 = till.sale([{ product: p2, quantity: 3 }], { payments: ['qris'], shiftId });
  const sale3 = till.sale(
    [
      { product: p0, quantity: 4, discount: { kind: 'percent', bp: 1000 } },
      { product: p3, quantity: 1 },
    ],
    { payments: ['qris', 'cash'], approver: 'manager', shiftId },
  );
  const move = till.cashMove(shiftId, 'out', 5_000);
  const void2 = till.void(payloadId(sale2, 'sale_id'));
  const refund3 = till.refund(sale3, [{ line: 0, quantity: 1 }], 'cash');
  const adjust = till.adjust([{ product_id: p4.id, delta: -2 }]);
  const bad = till.sale([{ product: p1, quantity: 1 }]);
  (bad.payload.totals as { total: number }).total += 1;
  const transfer = till.transfer([{ product_id: p5.id, quantity: 3 }], tenant.location2Id);
  const sale5 = till.sale([{ product: p1, quantity: 2 }], { payments: ['card'] });
  const batch = [
    customer,
    shift,
    sale1,
    sale2,
    sale3,
    move,
    void2,
    refund3,
    adjust,
    bad,
    transfer,
    sale5,
  ];

  // Stable names for every id, so snapshots of different tenants compare.
  const labels = new Map<string, string>();
  const label = (id: string, name: string) => {
    if (!labels.has(id)) labels.set(id, name);
  };
  label(tenant.deviceId, 'device');
  label(tenant.locationId, 'location');
  label(tenant.location2Id, 'location2');
  label(tenant.outletId, 'outlet');
  tenant.products.forEach((p, i) => label(p.id, `product${i}`));
  for (const [role, id] of Object.entries(tenant.staff)) label(id, `staff:${role}`);
  let n = 0;
  JSON.stringify(batch).replace(
    /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g,
    (id) => {
      label(id, `id${(n += 1)}`);
      return id;
    },
  );
  return { tenant, till, batch, labels };
}

function snap(s: Scenario): Promise<Snapshot> {
  return snapshot(stack, s.tenant.id, s.labels, [
    [`${s.tenant.outletCode}-`, 'OUTLET-'],
    ...s.tenant.products.map((p, i): [string, string] => [p.sku, `sku${i}`]),
  ]);
}

function statuses(results: PushResult[]): string[] {
  return results.map((r) => (r.code ? `${r.status}:${r.code}` : r.status));
}

/** Pushes until nothing is left to retry, always in the given order. */
async function drain(till: Till, batch: Mutation[]): Promise<void> {
  let pending = batch;
  for (let round = 0; pending.length > 0; round += 1) {
    expect(round).toBeLessThan(batch.length + 1);
    const results = await till.push(pending);
    pending = pending.filter((_, i) => results[i]!.status === 'retry');
  }
}

const CLEAN = [
  'applied',
  'applied',
  'applied',
  'applied',
  'applied',
  'applied',
  'applied',
  'applied',
  'applied',
  'rejected:totals_mismatch',
  'applied',
  'applied',
];

describe('exactly-once sync_push', () => {
  let reference: Snapshot;

  beforeAll(async () => {
    const s = await scenario();
    expect(statuses(await s.till.push(s.batch))).toEqual(CLEAN);
    reference = await snap(s);
  }, 180_000);

  it('a clean push writes what the batch says', () => {
    expect(reference.sales).toHaveLength(4);
    expect(reference.sync_mutations).toHaveLength(12);
    expect(reference.refunds).toHaveLength(1);
    expect(reference.alerts).toEqual([expect.objectContaining({ kind: 'rejected_mutation' })]);
  });

  it('the same batch pushed twice: the second push changes nothing and reports duplicates', async () => {
    const s = await scenario();
    await s.till.push(s.batch);
    const again = await s.till.push(s.batch);
    expect(again.map((r) => r.status)).toEqual(Array(12).fill('duplicate'));
    expect(again[9]).toMatchObject({ original_status: 'rejected', code: 'totals_mismatch' });
    expect(again[2]).toMatchObject({
      original_status: 'applied',
      result: { sale_id: payloadId(s.batch[2]!, 'sale_id') },
    });
    expect(await snap(s)).toEqual(reference);
  });

  it('overlapping batches', async () => {
    const s = await scenario();
    await s.till.push(s.batch.slice(0, 8));
    const second = await s.till.push(s.batch.slice(4));
    expect(statuses(second)).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
      'duplicate',
      'applied',
      'rejected:totals_mismatch',
      'applied',
      'applied',
    ]);
    expect(await snap(s)).toEqual(reference);
  });

  it('mutations reordered: dependencies answer retry until they can apply', async () => {
    const s = await scenario();
    const reversed = [...s.batch].reverse();
    const first = await s.till.push(reversed);
    // The refund, the void and the sales in the shift wait for what they depend on.
    expect(
      first
        .filter((r) => r.status === 'retry')
        .map((r) => r.code)
        .sort(),
    ).toEqual(
      [
        'sale_not_found',
        'sale_not_found',
        'shift_not_found',
        'shift_not_found',
        'shift_not_found',
        'shift_not_found',
      ].sort(),
    );
    await drain(s.till, reversed);
    expect(await snap(s)).toEqual(reference);
  });

  it('a batch cut off mid-way (the response was lost) and retried whole', async () => {
    const s = await scenario();
    await s.till.push(s.batch.slice(0, 5));
    const retried = await s.till.push(s.batch);
    expect(statuses(retried)).toEqual([...Array(5).fill('duplicate'), ...CLEAN.slice(5)]);
    expect(await snap(s)).toEqual(reference);
  });

  it('a push whose transaction never commits leaves no trace, and the retry applies everything', async () => {
    const s = await scenario();
    const claims = JSON.stringify({ sub: s.tenant.members.device.userId, role: 'authenticated' });
    await expect(
      stack.db.transaction(async (tx) => {
        await tx.query(
          "select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)",
          [claims],
        );
        const res = await tx.query<{ r: { results: PushResult[] } }>(
          'select public.sync_push($1::jsonb) as r',
          [JSON.stringify(s.batch)],
        );
        expect(statuses(res.rows[0]!.r.results)).toEqual(CLEAN);
        throw new Error('connection lost before commit');
      }),
    ).rejects.toThrow('connection lost before commit');
    expect(statuses(await s.till.push(s.batch))).toEqual(CLEAN);
    expect(await snap(s)).toEqual(reference);
  });

  it('a replay from another till of the same tenant cannot apply it twice either', async () => {
    const s = await scenario();
    await s.till.push(s.batch);
    const { addDevice } = await import('./helpers/world');
    const other = await addDevice(stack, s.tenant);
    const { data } = await other.client.rpc('sync_push', { mutations: s.batch });
    expect((data as { results: PushResult[] }).results.map((r) => r.status)).toEqual(
      Array(12).fill('duplicate'),
    );
    // Not even the receipt of the push moves anything but that till's telemetry.
    expect(await snap(s)).toEqual(reference);
  });
});
