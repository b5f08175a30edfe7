import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LapakDb } from '../../data/db';
import type { TillContext } from '../../data/till';
import { isDomainError } from '../../lib/errors';
import { testTillContext } from '../../test/till-context';
import { completeSale } from './commands';
import { confirmPayment, pendingPayments } from './confirm-payment';
import type { ConfirmPaymentPayload, SaleRecord } from './sale-record';
import { voidSale } from './void-sale';

const ANI = '00000000-0000-4000-8000-000000000403'; // cashier
const BUDI = '00000000-0000-4000-8000-000000000402'; // manager
const EKO = '00000000-0000-4000-8000-000000000404'; // deactivated
const PRODUCT = '00000000-0000-4000-8001-000000000001';

let db: LapakDb;
let ctx: TillContext;
let clock: Date;

beforeEach(async () => {
  db = new LapakDb(`confirm-${crypto.randomUUID()}`);
  await db.replica('roles').bulkPut([
    { id: 'r-cashier', name: 'Cashier', permissions: ['sale.create', 'cash.drawer'] },
    { id: 'r-manager', name: 'Manager', permissions: ['sale.create', 'sale.void'] },
  ]);
  await db.replica('staff').bulkPut([
    { id: ANI, name: 'Ani', role_id: 'r-cashier', active: true },
    { id: BUDI, name: 'Budi', role_id: 'r-manager', active: true },
    { id: EKO, name: 'Eko', role_id: 'r-cashier', active: false },
  ]);
  clock = new Date('2025-01-06T01:00:00.000Z');
  ctx = testTillContext(db, ANI, { catalogVersion: 3, shiftId: null, now: () => clock });
});
afterEach(async () => {
  await db.delete();
});

const errorCode = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return isDomainError(e) ? e.code : String(e);
  }
  return 'no error';
};

/** A Rp 45.000 sale paid Rp 20.000 in cash and the rest by QRIS, not yet seen to arrive. */
async function qrisSale(): Promise<SaleRecord> {
  const sale = await completeSale(ctx, {
    lines: [
      { productId: PRODUCT, name: 'Kopi Susu', quantity: 3, unitPrice: 15_000, taxRateBp: 1100 },
    ],
    payments: [
      { method: 'cash', amount: 20_000, tendered: 20_000 },
      { method: 'qris', amount: 25_000, reference: null, confirmed: false },
    ],
  });
  return (await db.sales.get(sale.id)) as SaleRecord;
}

const paymentId = (sale: SaleRecord, method: string) =>
  sale.payload.payments.find((p) => p.method === method)!.payment_id;

describe('confirmPayment', () => {
  it('shows the payment confirmed at once and queues payment.confirm after the sale', async () => {
    const sale = await qrisSale();
    expect(pendingPayments(sale).map((p) => p.method)).toEqual(['qris']);
    clock = new Date('2025-01-06T01:04:00.000Z');
    ctx = { ...ctx, staffId: BUDI };

    const payload = await confirmPayment(ctx, {
      saleId: sale.id,
      paymentId: paymentId(sale, 'qris'),
      reference: '  QR-998877  ',
    });
    expect(payload).toEqual<ConfirmPaymentPayload>({
      payment_id: paymentId(sale, 'qris'),
      sale_id: sale.id,
      reference: 'QR-998877',
      confirmed_at: '2025-01-06T01:04:00.000Z',
    });

    const after = (await db.sales.get(sale.id)) as SaleRecord;
    expect(pendingPayments(after)).toEqual([]);
    expect(after.payload.payments.map((p) => [p.method, p.status, p.reference])).toEqual([
      ['cash', 'confirmed', null],
      ['qris', 'confirmed', 'QR-998877'],
    ]);
    // Who confirmed is the member unlocked now, not the one who rang the sale up.
    expect(after.confirmations).toEqual([
      {
        paymentId: paymentId(sale, 'qris'),
        confirmedAt: '2025-01-06T01:04:00.000Z',
        staffId: BUDI,
      },
    ]);
    expect(after.staffId).toBe(ANI);
    // The sale's own sync state is untouched: it still waits for sale.complete to be pushed.
    expect(after.syncState).toBe('pending');

    const queued = await db.outbox.orderBy('deviceSeq').toArray();
    expect(queued.map((e) => [e.kind, e.staffId])).toEqual([
      ['sale.complete', ANI],
      ['payment.confirm', BUDI],
    ]);
    expect(queued[1]).toMatchObject({
      payload,
      approverStaffId: null,
      catalogVersion: 3,
      createdAt: '2025-01-06T01:04:00.000Z',
    });
    // The sale's queued payload keeps what the customer did at the counter: pending.
    expect((queued[0]!.payload as SaleRecord['payload']).payments.map((p) => p.status)).toEqual([
      'confirmed',
      'pending',
    ]);
  });

  it('queues nothing for a second tap, cash, another payment or sale, or a voided sale', async () => {
    const sale = await qrisSale();
    await confirmPayment(ctx, { saleId: sale.id, paymentId: paymentId(sale, 'qris') });
    const other = await qrisSale();
    const voided = await qrisSale();
    ctx = { ...ctx, staffId: BUDI };
    await voidSale(ctx, { saleId: voided.id, reason: 'salah input' });
    ctx = { ...ctx, staffId: ANI };
    const before = await db.outbox.count();

    const cases: [() => Promise<unknown>, string][] = [
      [
        () => confirmPayment(ctx, { saleId: sale.id, paymentId: paymentId(sale, 'qris') }),
        'payment_settled',
      ],
      [
        () => confirmPayment(ctx, { saleId: sale.id, paymentId: paymentId(sale, 'cash') }),
        'payment_settled',
      ],
      [
        () => confirmPayment(ctx, { saleId: sale.id, paymentId: paymentId(other, 'qris') }),
        'unknown_payment',
      ],
      [
        () =>
          confirmPayment(ctx, { saleId: crypto.randomUUID(), paymentId: paymentId(other, 'qris') }),
        'unknown_sale',
      ],
      [
        () => confirmPayment(ctx, { saleId: voided.id, paymentId: paymentId(voided, 'qris') }),
        'sale_voided',
      ],
      [() => confirmPayment(ctx, { saleId: sale.id, paymentId: 'qris' }), 'invalid_input'],
      [
        () =>
          confirmPayment(ctx, {
            saleId: other.id,
            paymentId: paymentId(other, 'qris'),
            reference: 'x'.repeat(201),
          }),
        'invalid_input',
      ],
      [
        () =>
          confirmPayment(
            { ...ctx, staffId: EKO },
            { saleId: other.id, paymentId: paymentId(other, 'qris') },
          ),
        'approval_required',
      ],
    ];
    for (const [attempt, code] of cases) expect(await errorCode(attempt())).toBe(code);
    expect(await db.outbox.count()).toBe(before);
    const untouched = (await db.sales.get(other.id)) as SaleRecord;
    expect(pendingPayments(untouched).map((p) => p.method)).toEqual(['qris']);
    expect(untouched.confirmations).toBeUndefined();
  });

  it('refuses a sale the server rejected: it has no payment there to confirm', async () => {
    const sale = await qrisSale();
    await db.sales.update(sale.id, { syncState: 'rejected' });
    expect(
      await errorCode(confirmPayment(ctx, { saleId: sale.id, paymentId: paymentId(sale, 'qris') })),
    ).toBe('sale_rejected');
    expect(pendingPayments((await db.sales.get(sale.id)) as SaleRecord)).toEqual([]);
  });
});
