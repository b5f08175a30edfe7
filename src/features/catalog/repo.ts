import type { LapakDb } from '../../data/db';
import {
  categoryFromRow,
  productFromRow,
  sortCategories,
  type Category,
  type Product,
} from './model';

export interface CatalogSnapshot {
  products: Product[];
  categories: Category[];
}

/** The sellable catalog as the replica holds it now. */
export async function readCatalog(db: LapakDb): Promise<CatalogSnapshot> {
  const [productRows, categoryRows] = await db.transaction(
    'r',
    [db.replica('products'), db.replica('categories')],
    () => Promise.all([db.replica('products').toArray(), db.replica('categories').toArray()]),
  );
  const products: Product[] = [];
  for (const row of productRows) {
    const p = productFromRow(row);
    if (p) products.push(p);
  }
  const categories = sortCategories(
    categoryRows.map(categoryFromRow).filter((c): c is Category => c !== null),
  );
  return { products, categories };
}

/**
 * Stock on the shelf as the server last said, per product, at the till's sales location (a till
 * replicates only its own outlet's levels; other clients pass the location to pick).
 */
export async function readStockLevels(
  db: LapakDb,
  locationId?: string,
): Promise<Map<string, number>> {
  const rows = await db.replica('stock_levels').toArray();
  const levels = new Map<string, number>();
  for (const row of rows) {
    if (locationId !== undefined && row.location_id !== locationId) continue;
    const q = Number(row.quantity);
    if (typeof row.product_id === 'string' && Number.isSafeInteger(q)) {
      levels.set(row.product_id, (levels.get(row.product_id) ?? 0) + q);
    }
  }
  return levels;
}
