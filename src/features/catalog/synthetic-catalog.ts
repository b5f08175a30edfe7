import type { Product } from './model';

/**
 * A catalog of any size that looks like a real Indonesian shop's: brand + product + variant +
 * pack size, some names with diacritics, SKUs and EAN-13 barcodes (GS1 Indonesia prefix 899).
 * For the search bench and tests at scales the demo seed does not reach. Deterministic for a
 * given `random`.
 */

const BRANDS = [
  'Sedap',
  'Indomi',
  'Kapal Api',
  'Sari Roti',
  'Ultra',
  'Frisian',
  'Aqua',
  'Teh Botol',
  'ABC',
  'Bango',
  'Sasa',
  'Royco',
  'Rinso',
  'Sunlight',
  'Lifebuoy',
  'Pepsodent',
  'Biskuat',
  'Chitato',
  'Qtela',
  'Tango',
  'Beng-Beng',
  'Silverqueen',
  'Khong Guan',
  'Roma',
  'Nescafé',
  'Café Bali',
  'Gulaku',
  'Rose Brand',
  'Bimoli',
  'Filma',
  'Dancow',
  'Milo',
  'Pocari',
  'Mizone',
  'Sprite',
];
const ITEMS = [
  'Mi Goreng',
  'Mi Kuah Soto',
  'Kopi Susu',
  'Kopi Hitam',
  'Teh Melati',
  'Teh Manis',
  'Susu UHT',
  'Air Mineral',
  'Roti Tawar',
  'Roti Cokelat',
  'Biskuit Kelapa',
  'Wafer Keju',
  'Keripik Singkong',
  'Kecap Manis',
  'Saus Sambal',
  'Saus Tomat',
  'Minyak Goreng',
  'Gula Pasir',
  'Tepung Terigu',
  'Beras Pandan',
  'Sabun Mandi',
  'Sampo',
  'Pasta Gigi',
  'Deterjen',
  'Pewangi',
  'Crème Sachet',
  'Sardén Kaleng',
  'Kornet Sapi',
  'Cokelat Batang',
  'Permen Mint',
  'Jus Jeruk',
  'Minuman Isotonik',
];
const VARIANTS = [
  'Original',
  'Pedas',
  'Extra Pedas',
  'Ayam Bawang',
  'Rendang',
  'Jeruk Nipis',
  'Stroberi',
  'Vanila',
  'Cokelat',
  'Lemon',
  'Sereh',
  'Lidah Buaya',
  'Melon',
  'Durian',
  'Pandan',
  'Light',
];
const SIZES = [
  '50 g',
  '100 g',
  '250 g',
  '500 g',
  '1 kg',
  '200 ml',
  '600 ml',
  '1,5 L',
  'Isi 6',
  'Sachet',
];

const pick = <T>(list: readonly T[], random: () => number): T =>
  list[Math.floor(random() * list.length)]!;

/** EAN-13 check digit (weights 1, 3, 1, 3 … from the left). */
export function ean13(twelve: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(twelve[i]) * (i % 2 === 0 ? 1 : 3);
  return `${twelve}${(10 - (sum % 10)) % 10}`;
}

export function syntheticCatalog(
  count: number,
  random: () => number,
  categoryIds: readonly string[] = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8'],
): Product[] {
  const products: Product[] = [];
  for (let i = 1; i <= count; i++) {
    const name = `${pick(BRANDS, random)} ${pick(ITEMS, random)} ${pick(VARIANTS, random)} ${pick(SIZES, random)}`;
    const hex = i.toString(16).padStart(12, '0');
    products.push({
      id: `00000000-0000-4000-8000-${hex}`,
      name,
      sku: `SKU-${String(i).padStart(6, '0')}`,
      barcodes: [ean13(`899${String(100_000_000 + i).slice(-9)}`)],
      unit: 'pcs',
      price: 500 * (1 + Math.floor(random() * 200)),
      taxRateBp: random() < 0.2 ? 0 : 1100,
      categoryId: pick(categoryIds, random),
    });
  }
  return products;
}
