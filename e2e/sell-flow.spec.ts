import { expect, test } from '@playwright/test';
import { DEMO, managerClient, pairTill, unlock } from './till-helpers';
import { PRODUCTS, payCash, scanBarcode, seedBarcode, tile } from './sell-helpers';

// The whole selling flow in Bahasa Indonesia, the till's default language.
test('sells by search, barcode and tap, pays cash with change, prints, and keeps selling offline', async ({
  page,
  context,
  baseURL,
}) => {
  await pairTill(page, 'Kasir E2E Jual');
  await unlock(page, DEMO.cashier.name, DEMO.cashier.pin);
  await expect(page.getByTestId('sell-screen')).toBeVisible();
  await expect(page.getByTestId('product-tile').first()).toBeVisible();

  // 1. Search as you type, case and accents folded.
  const search = page.getByRole('searchbox', { name: 'Cari produk' });
  await search.fill('AIR minéral kec');
  await tile(page, PRODUCTS.airMineral.name).click();
  // 2. A scanner's burst adds its product wherever focus is, here in the search box.
  await search.fill('');
  await search.focus();
  await scanBarcode(page, seedBarcode(PRODUCTS.tehMelati.n));
  await expect(search).toHaveValue('');
  // 3. A tap on a tile in a category.
  await page.getByRole('button', { name: 'Sembako', exact: true }).click();
  await tile(page, PRODUCTS.gulaPasir.name).click();

  const cart = page.getByTestId('cart');
  await expect(cart.getByTestId('cart-line')).toHaveCount(3);
  await expect(page.getByTestId('cart-total')).toHaveText('Rp 24.500');

  // An unknown barcode is explained, with a way to search for it instead.
  await page.getByRole('button', { name: 'Semua', exact: true }).click();
  await scanBarcode(page, '8990000000001');
  await expect(page.getByRole('alert')).toContainText('Barcode 8990000000001 tidak dikenal');

  // Pay cash: Rp 50.000 for Rp 24.500 gives Rp 25.500 change, shown live.
  await page.getByRole('button', { name: /^Bayar/ }).click();
  await page.getByRole('button', { name: 'Rp 50.000', exact: true }).click();
  await expect(page.getByTestId('pay-change')).toHaveText('Rp 25.500');
  await page.getByRole('button', { name: 'Selesaikan penjualan' }).click();
  const receipt = page.getByTestId('receipt');
  await expect(receipt).toBeVisible();
  await expect(page.getByTestId('receipt-no')).toHaveText(/^JKT1-T\d+-000001$/);
  const device = (await page.getByTestId('receipt-no').textContent())!.replace(/-000001$/, '');
  await expect(page.getByTestId('receipt-total')).toHaveText('Rp 24.500');
  await expect(page.getByTestId('receipt-change')).toHaveText('Rp 25.500');

  // Printing sets a thermal page size and shows only the receipt.
  await page.evaluate(() => {
    window.print = () => {
      (window as unknown as { printed: string }).printed =
        document.getElementById('receipt-page-size')?.textContent ?? '';
    };
  });
  await page.getByRole('button', { name: 'Cetak 58 mm' }).click();
  expect(await page.evaluate(() => (window as unknown as { printed: string }).printed)).toContain(
    'size: 58mm auto',
  );
  await page.emulateMedia({ media: 'print' });
  await expect(receipt).toBeVisible();
  await expect(page.getByRole('button', { name: 'Cetak 58 mm' })).toBeHidden();
  await page.screenshot({ path: test.info().outputPath('receipt-print.png') });
  await page.emulateMedia({ media: 'screen' });

  // Offline: five more sales, a reload, and they are all still there.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await context.setOffline(true);
  await page.getByRole('button', { name: 'Penjualan baru' }).click();
  for (let i = 0; i < 5; i++) {
    await page.getByRole('searchbox', { name: 'Cari produk' }).fill('kopi susu kaleng kecil');
    await tile(page, PRODUCTS.kopiSusu.name).click();
    await payCash(page, /^Uang pas/, 'Bayar Rp 8.000', 'Selesaikan penjualan');
    await page.getByRole('button', { name: 'Penjualan baru' }).click();
  }
  await page.reload();
  await unlock(page, DEMO.cashier.name, DEMO.cashier.pin);
  await page.getByRole('button', { name: 'Penjualan hari ini' }).click();
  const rows = page.getByTestId('history-row');
  await expect(rows).toHaveCount(6);
  await expect(rows.first()).toContainText('000006');
  await expect(rows.first().getByTestId('sync-state')).toHaveText('Belum terkirim');

  // Back online, the sales reach the server by themselves.
  await context.setOffline(false);
  await expect(rows.getByTestId('sync-state').filter({ hasText: 'Terkirim' })).toHaveCount(6, {
    timeout: 30_000,
  });

  // Exactly once, as the shop's manager reads it through the API: six sales of this till.
  const manager = await managerClient(baseURL!);
  const { data, error } = await manager
    .from('sales')
    .select('receipt_no, total')
    .like('receipt_no', `${device}-%`)
    .order('receipt_no');
  expect(error).toBeNull();
  expect(data!.map((s) => [s.receipt_no, Number(s.total)])).toEqual([
    [`${device}-000001`, 24_500],
    ...[2, 3, 4, 5, 6].map((n) => [`${device}-00000${n}`, 8_000]),
  ]);
  await manager.auth.signOut();
});
