import { expect, test } from '@playwright/test';
import { DEMO, managerClient, pairTill, snapshot, unlock } from './till-helpers';
import { PRODUCTS, tile } from './sell-helpers';

// In Bahasa Indonesia, the till's default language.
test('a manager approves a changed price on the spot, and a QRIS payment is confirmed later from the history', async ({
  page,
  baseURL,
}) => {
  await pairTill(page, 'Kasir E2E Harga');
  await unlock(page, DEMO.cashier.name, DEMO.cashier.pin);
  const search = page.getByRole('searchbox', { name: 'Cari produk' });
  await search.fill('kopi susu kaleng kecil');
  await tile(page, PRODUCTS.kopiSusu.name).click();
  await tile(page, PRODUCTS.kopiSusu.name).click();
  await expect(page.getByTestId('cart-total')).toHaveText('Rp 16.000');

  // The cashier rings the cans up at Rp 6.000 (dented); Ani lacks price.override, Budi approves.
  await page.getByRole('button', { name: `Ubah ${PRODUCTS.kopiSusu.name}` }).click();
  const editor = page.getByTestId('discount-editor');
  await editor.getByTestId('line-price').fill('6000');
  await expect(editor).toContainText('Harga diubah (katalog Rp 8.000)');
  await editor.getByRole('button', { name: 'Simpan' }).click();
  const approval = page.getByTestId('approval-dialog');
  await expect(approval.getByRole('heading', { name: 'Persetujuan manajer' })).toBeVisible();
  await expect(
    approval.getByRole('heading', { name: 'Perlu persetujuan: ubah harga' }),
  ).toBeVisible();
  // Only members who may approve are offered; the cashier is not one of them.
  await expect(
    approval.getByRole('button', { name: new RegExp(`^${DEMO.cashier.name}\\b`) }),
  ).toHaveCount(0);
  await snapshot(page, 'approval-dialog');
  await approval.getByRole('button', { name: new RegExp(`^${DEMO.supervisor.name}\\b`) }).click();
  await page.keyboard.type(DEMO.supervisor.pin);
  await page.keyboard.press('Enter');
  await expect(approval).toBeHidden();
  await expect(editor).toBeHidden();
  await expect(page.getByTestId('cart-total')).toHaveText('Rp 12.000');
  await expect(page.getByTestId('cart-line')).toContainText('2 × Rp 6.000');
  await expect(page.getByTestId('price-changed')).toHaveText('Harga diubah (katalog Rp 8.000)');

  // Paid by QRIS, not yet seen to arrive: the sale completes with the payment pending.
  await page.getByRole('button', { name: /^Bayar/ }).click();
  await page.getByRole('radio', { name: 'QRIS' }).check();
  await page.getByRole('button', { name: 'Tambah QRIS' }).click();
  await page.getByRole('button', { name: 'Selesaikan penjualan' }).click();
  await expect(page.getByTestId('receipt')).toBeVisible();
  const receiptNo = (await page.getByTestId('receipt-no').textContent())!.trim();
  await expect(page.getByTestId('receipt')).toContainText('menunggu');

  await page.getByRole('button', { name: 'Penjualan hari ini' }).click();
  const row = page.getByTestId('history-row').first();
  await expect(row.getByTestId('payment-pending')).toHaveText('QRIS Rp 12.000 menunggu konfirmasi');
  await snapshot(page, 'history-pending');
  await row.getByRole('button', { name: 'Konfirmasi QRIS' }).click();
  await expect(page.getByTestId('history-notice')).toHaveText('QRIS Rp 12.000 dikonfirmasi.');
  await expect(row.getByTestId('payment-pending')).toHaveCount(0);
  await expect(row.getByRole('button', { name: 'Konfirmasi QRIS' })).toHaveCount(0);
  await expect(row.getByTestId('sync-state')).toHaveText('Terkirim', { timeout: 30_000 });

  // The server has the price as rung up, flagged as an override approved by Budi, and the QRIS
  // payment confirmed once by the cashier.
  const manager = await managerClient(baseURL!);
  const sale = await manager.from('sales').select('id, total').eq('receipt_no', receiptNo).single();
  expect(sale.error).toBeNull();
  expect(Number(sale.data!.total)).toBe(12_000);
  // The confirmation is its own mutation, pushed after the sale.
  await expect
    .poll(
      async () => {
        const { data } = await manager
          .from('payments')
          .select('method, status')
          .eq('sale_id', sale.data!.id);
        return data;
      },
      { timeout: 30_000 },
    )
    .toEqual([{ method: 'qris', status: 'confirmed' }]);
  const items = await manager
    .from('sale_items')
    .select('unit_price, catalog_price, price_override, quantity')
    .eq('sale_id', sale.data!.id);
  expect(
    items.data?.map((i) => [Number(i.unit_price), Number(i.catalog_price), i.price_override]),
  ).toEqual([[6_000, PRODUCTS.kopiSusu.price, true]]);
  const mismatches = await manager
    .from('alerts')
    .select('id')
    .eq('kind', 'price_mismatch')
    .eq('sale_id', sale.data!.id);
  expect(mismatches.data).toEqual([]);
  await manager.auth.signOut();
});
