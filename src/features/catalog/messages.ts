import { defineMessages, translate, type Locale } from '../../lib/i18n';

export const catalogMessages = defineMessages({
  id: {
    searchLabel: 'Cari produk',
    searchPlaceholder: 'Nama, SKU atau barcode',
    clearSearch: 'Hapus pencarian',
    allCategories: 'Semua',
    categories: 'Kategori',
    results: '{count} produk',
    resultsOne: '1 produk',
    resultsMore: 'Lebih dari {count} produk, ketik lebih banyak',
    noResults: 'Tidak ada produk yang cocok dengan “{query}”.',
    emptyCatalog: 'Katalog masih kosong. Tunggu sinkronisasi selesai.',
    loading: 'Memuat katalog…',
    stock: 'Stok {count}',
    outOfStock: 'Stok habis',
    addProduct: 'Tambah {name}, {price}',
    scanCamera: 'Pindai dengan kamera',
    cameraTitle: 'Arahkan kamera ke barcode',
    cameraClose: 'Tutup kamera',
    cameraDenied: 'Kamera tidak bisa dibuka: {reason}',
    products: 'Produk',
  },
  en: {
    searchLabel: 'Search products',
    searchPlaceholder: 'Name, SKU or barcode',
    clearSearch: 'Clear search',
    allCategories: 'All',
    categories: 'Categories',
    results: '{count} products',
    resultsOne: '1 product',
    resultsMore: 'More than {count} products, keep typing',
    noResults: 'No product matches “{query}”.',
    emptyCatalog: 'The catalog is empty. Wait for sync to finish.',
    loading: 'Loading the catalog…',
    stock: 'Stock {count}',
    outOfStock: 'Out of stock',
    addProduct: 'Add {name}, {price}',
    scanCamera: 'Scan with the camera',
    cameraTitle: 'Point the camera at a barcode',
    cameraClose: 'Close the camera',
    cameraDenied: 'The camera could not open: {reason}',
    products: 'Products',
  },
});

export type CatalogMessage = keyof (typeof catalogMessages)['en'];

export function catalogText(locale: Locale) {
  return (key: CatalogMessage, params?: Record<string, string | number>) =>
    translate(catalogMessages, locale, key, params);
}
