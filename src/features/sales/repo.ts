import type { LapakDb } from '../../data/db';
import type { JournalSyncState, MetaRow, OutboxEntry } from '../../data/types';
import { emptyCart, type Cart, type ParkedCart } from './model';
import type {
  RefundPayload,
  RefundRecord,
  SalePayload,
  SaleRecord,
  VoidPayload,
} from './sale-record';

// Carts are the till's own scratch state, not mutations: they live in `meta` beside the
// counters, so a reload, a crash or a closed tab keeps what was rung up and what was parked.
const CART_KEY = 'sales.cart';
const PARKED_KEY = 'sales.parked';

export interface SavedCarts {
  cart: Cart;
  parked: ParkedCart[];
}

const isCart = (v: unknown): v is Cart =>
  typeof v === 'object' && v !== null && Array.isArray((v as Cart).lines);

export async function loadCarts(db: LapakDb): Promise<SavedCarts> {
  const [cart, parked] = await db.meta.bulkGet([CART_KEY, PARKED_KEY]);
  return {
    cart: isCart(cart?.value) ? cart.value : emptyCart(),
    parked: Array.isArray(parked?.value)
      ? (parked.value as ParkedCart[]).filter((p) => isCart(p?.cart))
      : [],
  };
}

/** The meta row that holds the current cart, for a transaction that saves it with something else. */
export function cartRow(cart: Cart): MetaRow {
  return { key: CART_KEY, value: cart };
}

export async function saveCarts(db: LapakDb, carts: SavedCarts): Promise<void> {
  await db.meta.bulkPut([cartRow(carts.cart), { key: PARKED_KEY, value: carts.parked }]);
}

export type MutationState = JournalSyncState | 'none';

export interface HistoryEntry {
  sale: SaleRecord;
  refunds: RefundRecord[];
  /** The void's own journey to the server. */
  voidState: MutationState;
  /** Why the server refused this sale or its void, when it did. */
  rejection: string | null;
}

/** This till's sales since `since`, newest first, with their refunds and sync state. */
export async function readHistory(db: LapakDb, since: Date): Promise<HistoryEntry[]> {
  const from = since.toISOString();
  return db.transaction('r', [db.sales, db.refunds, db.outbox, db.attention], async () => {
    const sales = (await db.sales
      .where('createdAt')
      .aboveOrEqual(from)
      .reverse()
      .toArray()) as SaleRecord[];
    const ids = sales.map((s) => s.id);
    const refunds = (await db.refunds.where('saleId').anyOf(ids).toArray()) as RefundRecord[];
    // By the saleId index: the outbox and the kept rejections can be far larger than one day.
    const voidsPending = new Set(
      (await db.outbox.where('saleId').anyOf(ids).toArray())
        .filter((e) => e.kind === 'sale.void')
        .map((e) => (e.payload as VoidPayload).sale_id),
    );
    const rejected = new Map<string, string>();
    for (const a of await db.attention.where('entry.saleId').anyOf(ids).toArray()) {
      if (a.entry.saleId) rejected.set(`${a.entry.kind}:${a.entry.saleId}`, a.code);
    }
    return sales.map((sale) => {
      const voidRejected = rejected.get(`sale.void:${sale.id}`);
      const voidState: MutationState =
        sale.status !== 'voided'
          ? 'none'
          : voidsPending.has(sale.id)
            ? 'pending'
            : voidRejected
              ? 'rejected'
              : 'synced';
      return {
        sale,
        refunds: refunds.filter((r) => r.saleId === sale.id),
        voidState,
        rejection:
          rejected.get(`sale.complete:${sale.id}`) ??
          voidRejected ??
          rejected.get(`payment.confirm:${sale.id}`) ??
          null,
      };
    });
  });
}

/**
 * How this till's unsynced work changes stock: sales not yet on the server take their units off,
 * voids and restocking refunds put them back. Added to the server's level, it is what the shelf
 * holds as far as this till knows. Entries leave the outbox once the server has them, and the
 * level pulled right after includes them.
 */
export async function pendingStockDeltas(db: LapakDb): Promise<Map<string, number>> {
  return db.transaction('r', [db.outbox, db.sales], async () => {
    const entries: OutboxEntry[] = await db.outbox.toArray();
    const delta = new Map<string, number>();
    const add = (productId: string, q: number) =>
      delta.set(productId, (delta.get(productId) ?? 0) + q);
    for (const e of entries) {
      if (e.kind === 'sale.complete') {
        for (const l of (e.payload as SalePayload).lines) add(l.product_id, -l.quantity);
      } else if (e.kind === 'sale.void') {
        const sale = (await db.sales.get((e.payload as VoidPayload).sale_id)) as
          SaleRecord | undefined;
        for (const l of sale?.payload.lines ?? []) add(l.product_id, l.quantity);
      } else if (e.kind === 'refund.create') {
        const p = e.payload as RefundPayload;
        const sale = (await db.sales.get(p.sale_id)) as SaleRecord | undefined;
        for (const r of p.lines) {
          const line = sale?.payload.lines.find((l) => l.line_id === r.sale_item_id);
          if (r.restock && line) add(line.product_id, r.quantity);
        }
      }
    }
    return delta;
  });
}
