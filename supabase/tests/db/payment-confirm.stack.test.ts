import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningStack } from '../../local/stack';
import { startTestStack } from '../helpers/stack';
import { ok } from './helpers/clients';
import { payloadId, Till, type Mutation } from './helpers/till';
import { createTenant, type Tenant } from './helpers/world';

/**
 * payment.confirm: a QRIS / e-wallet payment recorded as pending at the sale moves to confirmed
 * once, when the cashier sees the money arrive (docs/sync-protocol.md §4.10).
 */

let stack: RunningStack;
let shop: Tenant;
let other: Tenant;
let till: Till;
let otherTill: Till;

beforeAll(async () => {
  stack = await startTestStack({ seed: false });
  shop = await createTenant(stack, { products: 3, stock: 50 });
  other = await createTenant(stack, { products: 1, stock: 5 });
  till = new Till(shop, shop.members.device.client);
  otherTill = new Till(other, other.members.device.client);
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

interface PaymentRow {
  status: string;
  confirmed_at: Date | string | null;
  external_reference: string | null;
}

async function payment(id: string): Promise<PaymentRow> {
  const { rows } = await stack.db.query<PaymentRow>(
    'select status, confirmed_at, external_reference from public.payments where id = $1',
    [id],
  );
  if (rows.length !== 1) throw new Error(`payment ${id}: ${rows.length} rows`);
  return rows[0]!;
}

async function audits(paymentId: string): Promise<Record<string, unknown>[]> {
  const { rows } = await stack.db.query<Record<string, unknown>>(
    `select staff_id, approver_staff_id, device_id, old, new from public.audit_log
     where table_name = 'payments' and row_id = $1 order by id`,
    [paymentId],
  );
  return rows;
}

/** A sale paid by QRIS (and cash, when split) whose QRIS part is still pending. */
function pendingSale(t: Till = till, methods: ('qris' | 'cash')[] = ['qris']): Mutation {
  const sale = t.sale([{ product: t.tenant.products[0]!, quantity: 2 }], { payments: methods });
  for (const p of sale.payload.payments as { method: string; status: string }[]) {
    if (p.method !== 'cash') p.status = 'pending';
  }
  return sale;
}

function paymentOf(sale: Mutation, method = 'qris'): string {
  const payments = sale.payload.payments as { payment_id: string; method: string }[];
  return payments.find((p) => p.method === method)!.payment_id;
}

function confirm(
  t: Till,
  sale: Mutation,
  fields: Record<string, unknown> = {},
  staff: 'cashier' | 'manager' = 'cashier',
): Mutation {
  return t.envelope(
    'payment.confirm',
    {
      payment_id: paymentOf(sale),
      sale_id: payloadId(sale, 'sale_id'),
      reference: 'QRIS-7781',
      confirmed_at: '2025-01-06T08:30:00.000+07:00',
      ...fields,
    },
    { staff },
  );
}

describe('payment.confirm', () => {
  it('moves a pending payment to confirmed once, audited with the staff member and device', async () => {
    const sale = pendingSale();
    const first = confirm(till, sale);
    const results = await till.push([sale, first]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(results[1]!.result).toMatchObject({
      payment_id: paymentOf(sale),
      sale_id: payloadId(sale, 'sale_id'),
      status: 'confirmed',
    });
    const row = await payment(paymentOf(sale));
    expect(row.status).toBe('confirmed');
    expect(new Date(row.confirmed_at!).toISOString()).toBe('2025-01-06T01:30:00.000Z');
    expect(row.external_reference).toBe('QRIS-7781');
    expect(await audits(paymentOf(sale))).toEqual([
      expect.objectContaining({
        staff_id: shop.staff.cashier,
        device_id: shop.deviceId,
        old: expect.objectContaining({ status: 'pending' }),
        new: expect.objectContaining({ status: 'confirmed', reference: 'QRIS-7781' }),
      }),
    ]);

    // The same mutation again is a duplicate; another confirmation of the same payment (a second
    // tap, another till) applies as a no-op: nothing changes and nothing more is audited.
    const again = confirm(till, sale, { reference: 'OTHER', confirmed_at: '2025-01-07T00:00:00Z' });
    const [dup, second] = await till.push([first, again]);
    expect(dup).toMatchObject({ status: 'duplicate', original_status: 'applied' });
    expect(second).toMatchObject({ status: 'applied', result: { status: 'confirmed' } });
    expect((await payment(paymentOf(sale))).external_reference).toBe('QRIS-7781');
    expect(new Date((await payment(paymentOf(sale))).confirmed_at!).toISOString()).toBe(
      '2025-01-06T01:30:00.000Z',
    );
    expect(await audits(paymentOf(sale))).toHaveLength(1);
  });

  it('waits for a sale that has not arrived, storing nothing', async () => {
    const sale = pendingSale();
    const early = confirm(till, sale);
    const [r] = await till.push([early]);
    expect(r).toMatchObject({ status: 'retry', code: 'sale_not_found' });
    const { rows } = await stack.db.query('select 1 from public.sync_mutations where id = $1', [
      early.id,
    ]);
    expect(rows).toHaveLength(0);
    expect((await till.push([sale, early])).map((x) => x.status)).toEqual(['applied', 'applied']);
    expect((await payment(paymentOf(sale))).status).toBe('confirmed');
  });

  it('refuses what is not a pending payment of one of the tenant’s sales, changing nothing', async () => {
    const sale = pendingSale(till, ['qris', 'cash']);
    const foreign = pendingSale(otherTill);
    expect((await otherTill.push([foreign])).map((r) => r.status)).toEqual(['applied']);
    const cases: [Mutation, string][] = [
      [confirm(till, sale, { payment_id: randomUUID() }), 'unknown_payment'],
      // A payment of the tenant's sale, named under another of its sales.
      [confirm(till, sale, { payment_id: paymentOf(foreign) }), 'unknown_payment'],
      [confirm(till, foreign), 'unknown_sale'],
      [confirm(till, sale, { confirmed_at: '2025-01-06 08:30' }), 'invalid_payload'],
      [confirm(till, sale, { confirmed_at: undefined }), 'invalid_payload'],
      [confirm(till, sale, { reference: 'x'.repeat(201) }), 'invalid_payload'],
      [confirm(till, sale, { payment_id: 'qris-1' }), 'invalid_payload'],
    ];
    const results = await till.push([sale, ...cases.map(([m]) => m)]);
    expect(results.map((r) => r.code ?? r.status)).toEqual([
      'applied',
      ...cases.map(([, code]) => code),
    ]);
    expect((await payment(paymentOf(sale))).status).toBe('pending');
    expect((await payment(paymentOf(foreign))).status).toBe('pending');
    expect(await audits(paymentOf(sale))).toHaveLength(0);

    // The cash part was confirmed at the sale: confirming it is the same no-op as a second tap.
    const cash = confirm(till, sale, { payment_id: paymentOf(sale, 'cash') });
    expect((await till.push([cash]))[0]).toMatchObject({
      status: 'applied',
      result: { status: 'confirmed' },
    });
  });

  it('a voided sale or a failed payment cannot be confirmed any more', async () => {
    const voided = pendingSale();
    const failed = pendingSale();
    expect(
      (await till.push([voided, failed, till.void(payloadId(voided, 'sale_id'))])).map(
        (r) => r.status,
      ),
    ).toEqual(['applied', 'applied', 'applied']);
    ok(
      await shop.members.manager.client.rpc('set_payment_status', {
        payment_id: paymentOf(failed),
        status: 'failed',
      }),
    );
    const results = await till.push([confirm(till, voided), confirm(till, failed)]);
    expect(results.map((r) => r.code ?? r.status)).toEqual(['sale_voided', 'payment_settled']);
    expect((await payment(paymentOf(voided))).status).toBe('failed');
    expect((await payment(paymentOf(failed))).status).toBe('failed');
  });

  it('needs an active staff member of the tenant', async () => {
    const sale = pendingSale();
    const stranger = confirm(till, sale);
    stranger.staff_id = other.staff.cashier;
    const results = await till.push([sale, stranger]);
    expect(results.map((r) => r.code ?? r.status)).toEqual(['applied', 'unknown_staff']);
    expect((await payment(paymentOf(sale))).status).toBe('pending');
  });
});
