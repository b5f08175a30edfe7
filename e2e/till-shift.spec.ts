import { expect, test } from '@playwright/test';
import { DEMO, pairTill, unlock } from './till-helpers';

test('a cashier opens a shift, moves cash, and closes with a blind count that shows the variance', async ({
  page,
}) => {
  await pairTill(page, 'Kasir E2E Shift');
  await unlock(page, DEMO.cashier.name, DEMO.cashier.pin);
  await expect(page.getByTestId('no-shift-banner')).toBeVisible();
  await page.getByTestId('no-shift-banner').getByRole('button').click();

  const open = page.getByTestId('open-shift');
  await open.getByLabel('Modal awal di laci').fill('200.000');
  await open.getByRole('button', { name: 'Buka shift' }).click();
  await expect(page.getByTestId('shift-summary')).toContainText('Rp 200.000');

  const move = page.getByTestId('cash-move');
  await move.getByLabel('Jumlah').fill('50rb');
  await move.getByRole('button', { name: 'Tukar uang kecil' }).click();
  await move.getByRole('button', { name: 'Catat' }).click();
  await expect(move.getByRole('status')).toContainText('Kas masuk');
  await move.getByText('Kas keluar').click();
  await move.getByLabel('Jumlah').fill('20.000');
  await move.getByRole('textbox', { name: 'Alasan' }).fill('Beli galon');
  await move.getByRole('button', { name: 'Catat' }).click();
  await expect(page.getByTestId('shift-summary')).toContainText('Beli galon');

  // Blind count: nothing on screen says what the drawer should hold until the count is in.
  const close = page.getByTestId('close-shift');
  await expect(page.getByText('230.000')).toHaveCount(0);
  await close.getByLabel('Uang tunai yang dihitung').fill('225.000');
  await close.getByRole('button', { name: 'Tutup shift' }).click();
  await close.getByRole('alertdialog').getByRole('button', { name: 'Tutup shift' }).click();

  const result = page.getByTestId('shift-closed');
  await expect(result.getByTestId('expected-cash')).toContainText('230.000');
  await expect(result.getByTestId('counted-cash')).toContainText('225.000');
  await expect(result.getByTestId('variance')).toContainText('Kurang Rp 5.000');
  await page.screenshot({ path: test.info().outputPath('shift-closed.png') });

  // The four mutations reached the server and none was rejected.
  await expect(page.getByTestId('sync-badge')).toHaveAttribute('data-health', 'synced', {
    timeout: 15_000,
  });
  await page.getByTestId('sync-badge').click();
  await expect(page.getByTestId('sync-pending')).toHaveText('0');
  await expect(page.getByTestId('attention-list')).toContainText('Tidak ada yang ditolak server.');

  // With the shift closed, the till asks for a new one again.
  await page.getByRole('link', { name: 'Jual' }).click();
  await expect(page.getByTestId('no-shift-banner')).toBeVisible();
});
