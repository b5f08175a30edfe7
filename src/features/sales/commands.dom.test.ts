import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LapakDb } from '../../data/db';
import type { TillContext } from '../../data/till';
import type { OutboxEntry } from '../../data/types';
import { isDomainError } from '../../lib/errors';
import { testTillContext } from '../../test/till-context';
import { computeTotals } from '../../lib/totals';
import { completeSale, type CompleteSaleInput } from './commands';
import { createRefund } from './refund';
import { pendingStockDeltas, readHistory } from './repo';
import type { RefundPayload, SalePayload, SaleRecord } from './sale-record';
import { voidSale } from './void-sale';

const ANI = '00000000-0000-4000-8000-000000000403'; // cashier
const BUDI = '00000000-0000-4000-8000-000000000402'; // manager
const P = (n: number) => `00000000-0000-4000-8001-${String(n).padStart(12, '0')}`;

let db: LapakDb;
let ctx: TillContext;

beforeEach(async () => {
  db = new LapakDb(`sales-${crypto.randomUUID()}`);
  await db.replica('roles').bulkPut([
    { id: 'r-cashier', name: 'Cashier', permissions: ['sale.create', 'cash.drawer'] },
    {
      id: 'r-manager',
      name: 'Manager',
      permissions: ['sale.create', 'sale.void', 'refund.create', 'discount.override'],
    },
  ]);
  await db.replica('staff').bulkPut([
    { id: ANI, name: 'Ani', role_id: 'r-cashier', active: true },
    { id: BUDI, name: 'Budi', role_id: 'r-manager', active: true },
  ]);
  ctx = testTillContext(db, ANI, {
    catalogVersion: 3,
    shiftId: '00000000-0000-4000-8000-0000000009a1',
  });
});
afterEach(async () => {
  await db.delete();
});

const line = (n: number, quantity: number, unitPrice: number, taxRateBp = 1100) => ({
  productId: P(n),
  name: `Produk ${n}`,
  sku: `LPK-${n}`,
  quantity,
  unitPrice,
  taxRateBp,
});

const errorCode = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return isDomainError(e) ? e.code : String(e);
  }
  return 'no error';
};

async function outbox(): Promise<OutboxEntry[]> {
  return db.outbox.orderBy('deviceSeq').toArray();
}

/**
 * The rules app.sync_sale_complete applies to a payload, restated: the server recomputes the
 * totals and compares every field, and the tender must add up exactly.
 */
function expectServerAccepts(p: SalePayload) {
  const computed = computeTotals(
    {
      lines: p.lines.map((l) => ({
        quantity: l.quantity,
        unitPrice: l.unit_price,
        taxRateBp: l.tax_rate_bp,
        discount: l.discount,
      })),
      orderDiscount: p.order_discount,
    },
    { taxMode: p.tax_mode, cashRoundingStep: p.cash_rounding_step },
  );
  expect(p.totals).toEqual({
    subtotal: computed.subtotal,
    line_discount_total: computed.lineDiscountTotal,
    order_discount_total: computed.orderDiscountTotal,
    net_total: computed.netTotal,
    tax_total: computed.taxTotal,
    total: computed.total,
    rounding: computed.rounding,
    total_due: computed.totalDue,
  });
  expect(p.receipt_no).toMatch(/^[A-Z0-9]{2,8}-[A-Z0-9]{2,8}-([0-9]{6}|[1-9][0-9]{6,15})$/);
  expect(new Set(p.lines.map((l) => l.line_id)).size).toBe(p.lines.length);
  const allCash = p.payments.every((x) => x.method === 'cash');
  const due = allCash ? computed.totalDue : computed.total;
  const paid = p.payments.reduce((s, x) => s + x.amount, 0);
  expect(paid).toBe(due);
  for (const x of p.payments) {
    expect(x.amount).toBeGreaterThan(0);
    if (x.method === 'cash') {
      expect(x.status).toBe('confirmed');
      expect(x.change).toBe((x.tendered ?? x.amount) - x.amount);
    } else {
      expect(x.tendered).toBeNull();
    }
  }
}

describe('completeSale', () => {
  it('queues a sale.complete whose payload the server accepts, with change and a receipt number', async () => {
    const sale = await completeSale(ctx, {
      lines: [line(1, 2, 8_000), line(2, 1, 75_000, 0), line(3, 3, 3_500)],
      payments: [{ method: 'cash', amount: 110_000, tendered: 110_000 }],
    });
    expect(sale.receiptNo).toBe('JKT1-T1-000001');
    expect(sale.change).toBe(110_000 - 101_500);
    const [entry] = await outbox();
    expect(entry).toMatchObject({ kind: 'sale.complete', staffId: ANI, catalogVersion: 3 });
    expectServerAccepts(entry!.payload as SalePayload);
    const row = (await db.sales.get(sale.id)) as SaleRecord;
    expect(row).toMatchObject({ status: 'completed', syncState: 'pending', due: 101_500 });

    const next = await completeSale(ctx, {
      lines: [line(1, 1, 8_000)],
      payments: [{ method: 'qris', amount: 8_000, confirmed: false }],
    });
    expect(next.receiptNo).toBe('JKT1-T1-000002');
    const p = (await outbox())[1]!.payload as SalePayload;
    expect(p.payments[0]).toMatchObject({ method: 'qris', status: 'pending', amount: 8_000 });
    expectServerAccepts(p);
  });

  it('splits tender and rounds an all-cash sale', async () => {
    ctx.settings.cashRoundingStep = 500;
    const cash = await completeSale(ctx, {
      lines: [line(1, 1, 8_250)],
      payments: [{ method: 'cash', amount: 10_000, tendered: 10_000 }],
    });
    expect(cash.due).toBe(8_500);
    expect(cash.change).toBe(1_500);
    const split = await completeSale(ctx, {
      lines: [line(1, 1, 8_250)],
      payments: [
        { method: 'ewallet', amount: 5_000 },
        { method: 'cash', amount: 5_000, tendered: 5_000 },
      ],
    });
    expect(split.due).toBe(8_250);
    expect(split.change).toBe(1_750);
    for (const e of await outbox()) expectServerAccepts(e.payload as SalePayload);
  });

  it('needs a manager for a discount and records the approver', async () => {
    const input: CompleteSaleInput = {
      lines: [{ ...line(1, 2, 8_000), discount: { kind: 'percent', bp: 1000 } }],
      orderDiscount: { kind: 'amount', amount: 400 },
      payments: [{ method: 'cash', amount: 14_000, tendered: 14_000 }],
    };
    expect(await errorCode(completeSale(ctx, input))).toBe('approval_required');
    expect(await errorCode(completeSale(ctx, { ...input, approverStaffId: ANI }))).toBe(
      'permission_denied',
    );
    const sale = await completeSale(ctx, { ...input, approverStaffId: BUDI });
    expect(sale.due).toBe(14_000);
    const [entry] = await outbox();
    expect(entry!.approverStaffId).toBe(BUDI);
    expectServerAccepts(entry!.payload as SalePayload);
  });

  it('refuses short payment and empty carts, and leaves nothing behind', async () => {
    expect(
      await errorCode(
        completeSale(ctx, {
          lines: [line(1, 1, 8_000)],
          payments: [{ method: 'cash', amount: 5_000, tendered: 5_000 }],
        }),
      ),
    ).toBe('insufficient_payment');
    expect(
      await errorCode(completeSale(ctx, { lines: [], payments: [{ method: 'cash', amount: 1 }] })),
    ).toBe('invalid_cart');
    expect(await outbox()).toEqual([]);
    expect(await db.sales.count()).toBe(0);
  });
});

describe('voidSale', () => {
  const sell = () =>
    completeSale(ctx, {
      lines: [line(1, 2, 8_000), line(2, 1, 75_000, 0)],
      payments: [{ method: 'cash', amount: 100_000, tendered: 100_000 }],
    });

  it('needs sale.void or a manager, then marks the sale voided and queues sale.void', async () => {
    const sale = await sell();
    expect(await errorCode(voidSale(ctx, { saleId: sale.id, reason: 'salah input' }))).toBe(
      'approval_required',
    );
    const payload = await voidSale(ctx, {
      saleId: sale.id,
      reason: 'salah input',
      approverStaffId: BUDI,
    });
    expect(Object.keys(payload).sort()).toEqual(['reason', 'sale_id', 'voided_at']);
    const entries = await outbox();
    expect(entries[1]).toMatchObject({ kind: 'sale.void', approverStaffId: BUDI, payload });
    expect(await db.sales.get(sale.id)).toMatchObject({
      status: 'voided',
      voidReason: 'salah input',
    });
    expect(
      await errorCode(voidSale(ctx, { saleId: sale.id, reason: 'lagi', approverStaffId: BUDI })),
    ).toBe('already_voided');
  });

  it('is for the shift the sale was in', async () => {
    const sale = await sell();
    ctx.shiftId = '00000000-0000-4000-8000-0000000009a2';
    ctx.staffId = BUDI;
    expect(await errorCode(voidSale(ctx, { saleId: sale.id, reason: 'x' }))).toBe('other_shift');
  });
});

describe('createRefund', () => {
  it('refunds one unit of a line by its share, with restock, and never more than was sold', async () => {
    const sale = await completeSale(ctx, {
      lines: [line(1, 3, 10_000), line(2, 1, 75_000, 0)],
      orderDiscount: null,
      payments: [{ method: 'cash', amount: 105_000, tendered: 105_000 }],
    });
    ctx.staffId = BUDI;
    const saleLine = ((await db.sales.get(sale.id)) as SaleRecord).payload.lines[0]!;
    const refund = await createRefund(ctx, {
      saleId: sale.id,
      reason: 'rusak',
      lines: [{ saleItemId: saleLine.line_id, quantity: 1, restock: true }],
    });
    expect(refund.due).toBe(10_000);
    const entry = (await outbox()).at(-1)!;
    expect(entry.kind).toBe('refund.create');
    const p = entry.payload as RefundPayload;
    expect(p).toMatchObject({
      sale_id: sale.id,
      reason: 'rusak',
      total: 10_000,
      lines: [{ sale_item_id: saleLine.line_id, quantity: 1, restock: true }],
      payments: [{ method: 'cash', amount: 10_000, reference: null }],
    });
    // Two more units are left to refund, not three.
    expect(
      await errorCode(
        createRefund(ctx, {
          saleId: sale.id,
          reason: 'rusak',
          lines: [{ saleItemId: saleLine.line_id, quantity: 3, restock: false }],
        }),
      ),
    ).toBe('refund_exceeds_sale');
    // A sale with refunds is not voided: the rest is refunded instead.
    expect(await errorCode(voidSale(ctx, { saleId: sale.id, reason: 'x' }))).toBe(
      'sale_has_refunds',
    );
  });

  it('shares a discounted line so that its parts add up to what it sold for', async () => {
    ctx.staffId = BUDI;
    const sale = await completeSale(ctx, {
      lines: [{ ...line(1, 3, 10_000), discount: { kind: 'amount', amount: 1_000 } }],
      payments: [{ method: 'qris', amount: 29_000 }],
    });
    const id = ((await db.sales.get(sale.id)) as SaleRecord).payload.lines[0]!.line_id;
    const parts = [];
    for (let i = 0; i < 3; i++) {
      const r = await createRefund(ctx, {
        saleId: sale.id,
        reason: 'retur',
        lines: [{ saleItemId: id, quantity: 1, restock: false }],
      });
      parts.push(r.due);
      expect(r.payload.payments[0]?.method).toBe('qris');
    }
    expect(parts).toEqual([9_667, 9_666, 9_667]);
    expect(parts.reduce((a, b) => a + b)).toBe(29_000);
  });
});

describe('what the till shows before the server answers', () => {
  it('takes unsynced sales off the stock and puts voids and restocked refunds back', async () => {
    ctx.staffId = BUDI;
    const kept = await completeSale(ctx, {
      lines: [line(1, 3, 10_000), line(2, 2, 5_000)],
      payments: [{ method: 'cash', amount: 40_000, tendered: 40_000 }],
    });
    const voided = await completeSale(ctx, {
      lines: [line(1, 1, 10_000)],
      payments: [{ method: 'cash', amount: 10_000 }],
    });
    expect(Object.fromEntries(await pendingStockDeltas(db))).toEqual({ [P(1)]: -4, [P(2)]: -2 });

    await voidSale(ctx, { saleId: voided.id, reason: 'batal' });
    const lines = ((await db.sales.get(kept.id)) as SaleRecord).payload.lines;
    await createRefund(ctx, {
      saleId: kept.id,
      reason: 'retur',
      lines: [
        { saleItemId: lines[0]!.line_id, quantity: 1, restock: true },
        { saleItemId: lines[1]!.line_id, quantity: 1, restock: false },
      ],
    });
    expect(Object.fromEntries(await pendingStockDeltas(db))).toEqual({ [P(1)]: -2, [P(2)]: -2 });

    const history = await readHistory(db, new Date(0));
    expect(history.map((h) => h.sale.receiptNo)).toEqual(['JKT1-T1-000002', 'JKT1-T1-000001']);
    expect(history[0]).toMatchObject({ voidState: 'pending', rejection: null });
    expect(history[1]!.refunds.map((r) => r.due)).toEqual([15_000]);
  });
});
