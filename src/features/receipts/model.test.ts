import { describe, expect, it } from 'vitest';
import { COLUMNS, receiptAsText, type ReceiptData } from './model';

const receipt: ReceiptData = {
  shopName: 'Toko Lapak Demo',
  header: 'Toko Lapak Demo\nJl. Kemang Raya No. 8, Jakarta Selatan',
  footer: 'Terima kasih sudah berbelanja!',
  outletName: 'Lapak Jakarta',
  receiptNo: 'JKT1-T1-000042',
  issuedAt: '2025-06-01T03:04:05Z',
  cashier: 'Ani',
  currency: 'IDR',
  taxMode: 'inclusive',
  lines: [
    {
      name: 'Kopi Susu Kaleng Kecil',
      quantity: 2,
      unitPrice: 8_000,
      gross: 16_000,
      discount: 1_600,
      note: null,
    },
    {
      name: 'Gula Pasir Kecil',
      quantity: 1,
      unitPrice: 17_000,
      gross: 17_000,
      discount: 0,
      note: 'bungkus',
    },
  ],
  subtotal: 33_000,
  discountTotal: 2_600,
  taxTotal: 1_431,
  rounding: 0,
  totalDue: 30_400,
  payments: [
    { method: 'qris', amount: 10_000, tendered: null, change: null, pending: true },
    { method: 'cash', amount: 20_400, tendered: 50_000, change: 29_600, pending: false },
  ],
  change: 29_600,
  voided: false,
};

describe('receipt as text', () => {
  it.each([58, 80] as const)('fits %i mm paper and says everything the paper says', (paper) => {
    const text = receiptAsText(receipt, 'id', COLUMNS[paper]);
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(COLUMNS[paper]);
    expect(text).toContain('JKT1-T1-000042');
    expect(text).toMatch(/TOTAL\s+Rp\s30\.400/);
    expect(text).toMatch(/Diskon pesanan\s+-Rp\s1\.000/);
    expect(text).toMatch(/QRIS \(menunggu\)\s+Rp\s10\.000/);
    expect(text).toMatch(/Kembali\s+Rp\s29\.600/);
    expect(text).toContain('bungkus');
    // The shop name is printed once even though the header repeats it.
    expect(text.match(/Toko Lapak Demo/g)).toHaveLength(1);
  });

  it('marks a voided sale and speaks English', () => {
    const text = receiptAsText({ ...receipt, voided: true }, 'en');
    expect(text).toContain('*** VOIDED ***');
    expect(text).toMatch(/Change\s+IDR\s29,600/);
  });
});
