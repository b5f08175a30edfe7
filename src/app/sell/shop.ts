import type { LapakDb } from '../../data/db';
import type { ShopFacts } from './receipt-data';

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

/** What a receipt prints about the shop, from the replica's tenant and outlet rows. */
export async function readShopFacts(db: LapakDb, outletId: string | undefined): Promise<ShopFacts> {
  const [tenant] = await db.replica('tenants').toArray();
  const outlet = outletId ? await db.replica('outlets').get(outletId) : undefined;
  return {
    shopName: text(tenant?.name) ?? 'Lapak',
    outletName: text(outlet?.name),
    header: text(tenant?.receipt_header),
    footer: text(tenant?.receipt_footer),
    currency: text(tenant?.currency) ?? 'IDR',
  };
}

/** Local midnight: "today" at the till is the till's own day. */
export function startOfToday(now = new Date()): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate());
}
