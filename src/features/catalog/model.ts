import type { ReplicaRow } from '../../data/types';

/**
 * The catalog as the till sells from it: plain data read from the replica tables (`products`,
 * `categories`, `stock_levels`), named in camelCase once here so the rest of the till never sees
 * the server's column names. Other features may import this file (it is the catalog's model).
 */

export interface Product {
  readonly id: string;
  readonly name: string;
  readonly sku: string | null;
  readonly barcodes: readonly string[];
  readonly unit: string;
  /** Minor units, tax included or not as the tenant's tax mode says. */
  readonly price: number;
  readonly taxRateBp: number;
  readonly categoryId: string | null;
}

export interface Category {
  readonly id: string;
  readonly name: string;
  readonly parentId: string | null;
  readonly sortOrder: number;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const int = (v: unknown, fallback = 0): number =>
  typeof v === 'number' && Number.isSafeInteger(v) ? v : fallback;

/** A sellable product, or null for tombstones, inactive rows and rows the till cannot price. */
export function productFromRow(row: ReplicaRow): Product | null {
  if (row.deleted_at != null || row.active === false) return null;
  const name = str(row.name);
  // bigint columns arrive as JSON numbers; a price the till cannot hold exactly is not sold.
  if (name === null || !Number.isSafeInteger(row.price)) return null;
  return {
    id: row.id,
    name,
    sku: str(row.sku),
    barcodes: Array.isArray(row.barcodes)
      ? row.barcodes.filter((b): b is string => typeof b === 'string')
      : [],
    unit: str(row.unit) ?? 'pcs',
    price: row.price as number,
    taxRateBp: int(row.tax_rate_bp),
    categoryId: str(row.category_id),
  };
}

export function categoryFromRow(row: ReplicaRow): Category | null {
  if (row.deleted_at != null) return null;
  const name = str(row.name);
  if (name === null) return null;
  return { id: row.id, name, parentId: str(row.parent_id), sortOrder: int(row.sort_order) };
}

export function sortCategories(categories: readonly Category[]): Category[] {
  return [...categories].sort(
    (a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'id'),
  );
}

/**
 * Folds text for matching: Unicode compatibility form, diacritics stripped ("Kopi Arábica" →
 * "kopi arabica"), lower case, and anything that is not a letter or digit turned into a space.
 */
const PLAIN_ASCII = /^[\x20-\x7e]*$/;

export function fold(text: string): string {
  // Most names and every code are printable ASCII: skip the Unicode passes for them (they are
  // most of the cost of building the search index).
  if (PLAIN_ASCII.test(text)) {
    return text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  }
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Scanners of some makes send an EAN-13 that starts with 0 as a 12-digit UPC-A, and some shops
 * key in a code with spaces: the forms a printed code may arrive in, most likely first.
 */
export function barcodeVariants(code: string): string[] {
  const digits = code.replace(/\s+/g, '');
  const variants = [digits];
  if (/^\d{12}$/.test(digits)) variants.push(`0${digits}`);
  if (/^0\d{12}$/.test(digits)) variants.push(digits.slice(1));
  return variants;
}

/** Does the code look like a barcode rather than something typed into a search box? */
export function looksLikeBarcode(text: string): boolean {
  return /^\d{8,14}$/.test(text.trim());
}
