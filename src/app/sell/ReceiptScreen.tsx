import { ReceiptView } from '../../features/receipts/ui/ReceiptView';
import type { SaleRecord } from '../../features/sales/sale-record';
import type { Locale } from '../../lib/i18n';
import { db } from '../db';
import { useLiveQuery } from '../live';
import { receiptFromSale } from './receipt-data';
import { readShopFacts } from './shop';

export interface ReceiptScreenProps {
  saleId: string;
  outletId: string | undefined;
  cashier: string | null;
  locale: Locale;
}

/** A sale's receipt, read from this till's journal (so a reprint shows a void as it happened). */
export function ReceiptScreen({ saleId, outletId, cashier, locale }: ReceiptScreenProps) {
  const data = useLiveQuery(
    async () => {
      const sale = (await db.sales.get(saleId)) as SaleRecord | undefined;
      if (!sale) return null;
      const staff = await db.replica('staff').get(sale.staffId);
      const name = typeof staff?.name === 'string' ? staff.name : cashier;
      return receiptFromSale(sale, await readShopFacts(db, outletId), name);
    },
    [saleId, outletId, cashier],
    null,
  );
  return data ? <ReceiptView receipt={data} locale={locale} /> : null;
}
