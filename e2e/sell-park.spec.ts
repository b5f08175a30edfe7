import { expect, test } from '@playwright/test';
import { DEMO, pairTill, unlock } from './till-helpers';
import { PRODUCTS, tile } from './sell-helpers';

test('parks carts, resumes them, and keeps them through a reload', async ({ page }) => {
  await pairTill(page, 'Kasir E2E Parkir');
  await unlock(page, DEMO.cashier.name, DEMO.cashier.pin);
  const search = page.getByRole('searchbox', { name: 'Cari produk' });
  const lines = page.getByTestId('cart').getByTestId('cart-line');

  await search.fill('kopi susu kaleng kecil');
  await tile(page, PRODUCTS.kopiSusu.name).click();
  await page.getByRole('button', { name: 'Simpan sementara' }).click();
  await expect(lines).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Tersimpan (1)' })).toBeVisible();

  // A second customer meanwhile; quantity typed, zero refused.
  await search.fill('gula pasir kecil');
  await tile(page, PRODUCTS.gulaPasir.name).click();
  const qty = page.getByLabel(`Jumlah ${PRODUCTS.gulaPasir.name}`);
  await qty.fill('3');
  await qty.press('Enter');
  await expect(page.getByTestId('cart-total')).toHaveText('Rp 51.000');
  await qty.fill('0');
  await qty.press('Enter');
  await expect(qty).toHaveValue('3');
  await expect(
    page.getByRole('button', { name: `Kurangi ${PRODUCTS.gulaPasir.name}` }),
  ).toBeEnabled();

  // The cart and the parked one survive a reload.
  await page.reload();
  await unlock(page, DEMO.cashier.name, DEMO.cashier.pin);
  await expect(page.getByTestId('cart-total')).toHaveText('Rp 51.000');
  await page.getByRole('button', { name: 'Tersimpan (1)' }).click();
  await page.getByTestId('parked-list').getByRole('button', { name: 'Lanjutkan' }).click();
  // Resuming swaps: the open cart is parked in its place.
  await expect(lines).toHaveCount(1);
  await expect(lines.first()).toContainText(PRODUCTS.kopiSusu.name);
  await expect(page.getByRole('button', { name: 'Tersimpan (1)' })).toBeVisible();
});
