import { defineMessages, translate, type Locale } from '../../lib/i18n';

export const receiptMessages = defineMessages({
  id: {
    receiptNo: 'No.',
    date: 'Tanggal',
    cashier: 'Kasir',
    voided: 'DIBATALKAN',
    discount: 'Diskon',
    orderDiscount: 'Diskon pesanan',
    subtotal: 'Subtotal',
    taxIncluded: 'Termasuk PPN',
    tax: 'PPN',
    rounding: 'Pembulatan',
    total: 'TOTAL',
    change: 'Kembali',
    pending: 'menunggu',
    cash: 'Tunai',
    qris: 'QRIS',
    ewallet: 'E-wallet',
    card: 'Kartu',
    transfer: 'Transfer',
    receipt: 'Struk {receipt}',
    print58: 'Cetak 58 mm',
    print80: 'Cetak 80 mm',
    shareText: 'Bagikan teks',
    shareImage: 'Bagikan gambar',
    copied: 'Struk disalin ke papan klip.',
    shared: 'Struk dibagikan.',
    saved: 'Gambar struk diunduh.',
    shareFailed: 'Tidak bisa membagikan: {reason}',
  },
  en: {
    receiptNo: 'No.',
    date: 'Date',
    cashier: 'Cashier',
    voided: 'VOIDED',
    discount: 'Discount',
    orderDiscount: 'Order discount',
    subtotal: 'Subtotal',
    taxIncluded: 'Tax included',
    tax: 'Tax',
    rounding: 'Rounding',
    total: 'TOTAL',
    change: 'Change',
    pending: 'pending',
    cash: 'Cash',
    qris: 'QRIS',
    ewallet: 'E-wallet',
    card: 'Card',
    transfer: 'Transfer',
    receipt: 'Receipt {receipt}',
    print58: 'Print 58 mm',
    print80: 'Print 80 mm',
    shareText: 'Share as text',
    shareImage: 'Share as image',
    copied: 'Receipt copied to the clipboard.',
    shared: 'Receipt shared.',
    saved: 'Receipt image downloaded.',
    shareFailed: 'Could not share: {reason}',
  },
});

type Key = keyof (typeof receiptMessages)['en'];

export function receiptText(locale: Locale) {
  return (key: Key, params?: Record<string, string | number>) =>
    translate(receiptMessages, locale, key, params);
}
