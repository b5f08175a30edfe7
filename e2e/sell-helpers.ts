import { expect, type Page } from '@playwright/test';
import { ean13 } from '../src/features/catalog/synthetic-catalog';

/**
 * Products of the demo seed (supabase/seed.sql): product n is base ⌈n/4⌉ in pack (n−1) mod 4,
 * its barcode 899 + (100000 + 7n) on nine digits + the EAN-13 check digit.
 */
export const seedBarcode = (n: number) => ean13(`899${String(100_000 + n * 7).padStart(9, '0')}`);

export const PRODUCTS = {
  airMineral: { name: 'Air Mineral Kecil', price: 3_000, n: 1 },
  tehMelati: { name: 'Teh Melati Botol Kecil', price: 4_500, n: 5 },
  gulaPasir: { name: 'Gula Pasir Kecil', price: 17_000, n: 85 },
  kopiSusu: { name: 'Kopi Susu Kaleng Kecil', price: 8_000, n: 9 },
} as const;

/** A keyboard-wedge scanner: the digits a few milliseconds apart, then Enter. */
export async function scanBarcode(page: Page, code: string): Promise<void> {
  await page.keyboard.type(code, { delay: 5 });
  await page.keyboard.press('Enter');
}

export function tile(page: Page, name: string) {
  return page.getByTestId('product-tile').filter({ hasText: name }).first();
}

/** Pays the cart in cash with the quick button for `note` (its formatted text) and completes. */
export async function payCash(page: Page, note: RegExp, pay: string, complete: string) {
  await page.getByRole('button', { name: pay }).click();
  await expect(page.getByTestId('pay-panel')).toBeVisible();
  await page.getByRole('button', { name: note }).click();
  await page.getByRole('button', { name: complete }).click();
  await expect(page.getByTestId('receipt')).toBeVisible();
}
