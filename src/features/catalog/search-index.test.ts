import { describe, expect, it } from 'vitest';
import { prng } from '../../test/prng';
import { barcodeVariants, fold, productFromRow, type Product } from './model';
import { buildSearchIndex } from './search-index';
import { ean13, syntheticCatalog } from './synthetic-catalog';

const product = (over: Partial<Product> & Pick<Product, 'id' | 'name'>): Product => ({
  sku: null,
  barcodes: [],
  unit: 'pcs',
  price: 1000,
  taxRateBp: 1100,
  categoryId: 'c1',
  ...over,
});

const catalog = [
  product({ id: 'p1', name: 'Kopi Susu Kaleng', sku: 'LPK-0001', barcodes: ['8991000000015'] }),
  product({ id: 'p2', name: 'Café Arábica Bubuk', sku: 'LPK-0002', categoryId: 'c2' }),
  product({ id: 'p3', name: 'Susu UHT Cokelat', sku: 'LPK-0003', barcodes: ['0012345678905'] }),
  product({ id: 'p4', name: 'Kopi Hitam Sachet', sku: 'KP-10' }),
  product({ id: 'p5', name: 'Mi Goreng Spesial', sku: 'LPK-0005', categoryId: 'c2' }),
];
const names = (r: { products: Product[] }) => r.products.map((p) => p.name);

describe('fold', () => {
  it.each([
    ['Café Arábica', 'cafe arabica'],
    ['  KOPI—susu!! ', 'kopi susu'],
    ['Crème brûlée', 'creme brulee'],
    ['1,5 L', '1 5 l'],
    ['ＡＢＣ', 'abc'],
  ])('%s → %s', (input, out) => expect(fold(input)).toBe(out));
});

describe('search index', () => {
  const index = buildSearchIndex(catalog);

  it('matches word starts of the name, ignoring case and diacritics', () => {
    expect(names(index.search('kop'))).toEqual(['Kopi Hitam Sachet', 'Kopi Susu Kaleng']);
    expect(names(index.search('ARAB'))).toEqual(['Café Arábica Bubuk']);
    expect(names(index.search('café'))).toEqual(['Café Arábica Bubuk']);
    expect(names(index.search('cafe arabica'))).toEqual(['Café Arábica Bubuk']);
  });

  it('needs every query word, in any order', () => {
    expect(names(index.search('susu kopi'))).toEqual(['Kopi Susu Kaleng']);
    expect(names(index.search('susu'))).toEqual(['Susu UHT Cokelat', 'Kopi Susu Kaleng']);
    expect(index.search('kopi teh').total).toBe(0);
  });

  it('ranks names that start with the query before other matches', () => {
    expect(names(index.search('su'))).toEqual(['Susu UHT Cokelat', 'Kopi Susu Kaleng']);
  });

  it('finds SKUs whole, by part and compacted', () => {
    expect(names(index.search('LPK-0005'))).toEqual(['Mi Goreng Spesial']);
    expect(index.search('LPK-0005').exactCode).toBe(true);
    expect(names(index.search('lpk0003'))).toEqual(['Susu UHT Cokelat']);
    expect(index.search('lpk').total).toBe(4);
    expect(names(index.search('kp-10'))).toEqual(['Kopi Hitam Sachet']);
  });

  it('finds barcodes by prefix and exactly, first', () => {
    expect(names(index.search('89910'))).toEqual(['Kopi Susu Kaleng']);
    const exact = index.search('8991000000015');
    expect(exact.exactCode).toBe(true);
    expect(exact.total).toBe(1);
  });

  it('looks codes up as scanners send them', () => {
    expect(index.byCode('8991000000015')?.id).toBe('p1');
    // A UPC-A scan of an EAN-13 that starts with 0.
    expect(index.byCode('012345678905')?.id).toBe('p3');
    expect(index.byCode('lpk-0002')?.id).toBe('p2');
    expect(index.byCode('8990000000000')).toBeUndefined();
    expect(barcodeVariants('012345678905')).toEqual(['012345678905', '0012345678905']);
  });

  it('filters by category and honours the limit while counting all', () => {
    expect(names(index.search('m', { categoryId: 'c2' }))).toEqual(['Mi Goreng Spesial']);
    const limited = index.search('lpk', { limit: 2 });
    expect(limited.products).toHaveLength(2);
    expect(limited.total).toBe(4);
    expect(index.inCategory('c2').map((p) => p.id)).toEqual(['p2', 'p5']);
    expect(index.inCategory(null)).toHaveLength(5);
  });

  it('returns nothing for an empty or punctuation-only query', () => {
    expect(index.search('').total).toBe(0);
    expect(index.search(' -- ').total).toBe(0);
  });

  it('agrees with a brute-force scan on a random catalog', () => {
    const random = prng(7);
    const big = syntheticCatalog(3000, random);
    const idx = buildSearchIndex(big);
    const hays = big.map(
      (p) =>
        ` ${fold(`${p.name} ${p.sku ?? ''} ${(p.sku ?? '').replace(/\W/g, '')} ${p.barcodes.join(' ')}`)}`,
    );
    const queries = ['sed', 'kopi su', 'pedas mi', 'nescafe', 'sku-0001', 'isi 6', 'xyz', '8991'];
    for (const q of queries) {
      const tokens = fold(q).split(' ');
      const expected = big.filter((_, i) => tokens.every((t) => hays[i]!.includes(` ${t}`)));
      const got = idx.search(q, { limit: 100_000 });
      expect(got.total, q).toBe(expected.length);
      expect(new Set(got.products.map((p) => p.id)), q).toEqual(new Set(expected.map((p) => p.id)));
    }
  });
});

describe('productFromRow', () => {
  it('reads a replica row and skips tombstones and inactive products', () => {
    const row = {
      id: 'p1',
      name: 'Air Mineral Kecil',
      sku: 'LPK-0001',
      barcodes: ['8991000000015'],
      unit: 'pcs',
      price: 3000,
      tax_rate_bp: 1100,
      category_id: 'c1',
      active: true,
      deleted_at: null,
    };
    expect(productFromRow(row)).toMatchObject({ price: 3000, taxRateBp: 1100, categoryId: 'c1' });
    expect(productFromRow({ ...row, active: false })).toBeNull();
    expect(productFromRow({ ...row, deleted_at: '2025-01-01T00:00:00Z' })).toBeNull();
    expect(productFromRow({ ...row, price: 1.5 })).toBeNull();
  });

  it('makes valid EAN-13 codes', () => {
    expect(ean13('400638133393')).toBe('4006381333931');
    expect(ean13('899100000001')).toBe('8991000000010');
  });
});
