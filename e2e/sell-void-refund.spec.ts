import { expect, test, type Page } from '@playwright/test';
import { DEMO, pairTill, unlock } from './till-helpers';
import { PRODUCTS, tile } from './sell-helpers';

/** The cashier may not void or refund: a manager approves with their PIN on the spot. */
async function approveAsManager(page: Page) {
  const dialog = page.getByTestId('approval-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: new RegExp(`^${DEMO.supervisor.name}\\b`) }).click();
  await page.keyboard.type(DEMO.supervisor.pin);
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
}

function stockOf(text: string | null): number {
  return Number(/Stock (-?\d+)/.exec(text ?? '')?.[1]);
}

test('a manager approves a void and a refund with restock at the till (in English)', async ({
  page,
}) => {
  await pairTill(page, 'Kasir E2E Retur');
  await unlock(page, DEMO.cashier.name, DEMO.cashier.pin);
  await page.getByTestId('locale-switch').click();
  await expect(page.getByRole('searchbox', { name: 'Search products' })).toBeVisible();

  // A sale to void.
  await page.getByRole('searchbox', { name: 'Search products' }).fill('air mineral kecil');
  await tile(page, PRODUCTS.airMineral.name).click();
  await page.getByRole('button', { name: /^Pay/ }).click();
  await page.getByRole('button', { name: /^Exact/ }).click();
  await page.getByRole('button', { name: 'Complete sale' }).click();
  await expect(page.getByTestId('receipt')).toBeVisible();

  await page.getByRole('button', { name: 'Today’s sales' }).click();
  const first = page.getByTestId('history-row').first();
  await first.getByRole('button', { name: 'Void' }).click();
  await page.getByLabel('Reason for the void').fill('Wrong item');
  await page.getByRole('button', { name: 'Void sale' }).click();
  await approveAsManager(page);
  await expect(first).toContainText('Voided');
  await expect(first.getByRole('button', { name: 'Void' })).toBeDisabled();

  // A sale of two units, then one of them refunded and put back on the shelf.
  await page.getByRole('button', { name: /Back to selling/ }).click();
  const search = page.getByRole('searchbox', { name: 'Search products' });
  await search.fill('gula pasir kecil');
  const gula = tile(page, PRODUCTS.gulaPasir.name);
  const before = stockOf(await gula.textContent());
  await gula.click();
  await gula.click();
  await page.getByRole('button', { name: /^Pay/ }).click();
  await page.getByRole('button', { name: /^Exact/ }).click();
  await page.getByRole('button', { name: 'Complete sale' }).click();
  await page.getByRole('button', { name: 'New sale' }).click();
  await search.fill('gula pasir kecil');
  await expect(gula).toContainText(`Stock ${before - 2}`);

  await page.getByRole('button', { name: 'Today’s sales' }).click();
  const sale = page.getByTestId('history-row').first();
  await sale.getByRole('button', { name: 'Refund' }).click();
  const refund = page.getByTestId('refund-dialog');
  await refund.getByLabel(/Units of Gula Pasir Kecil to refund/).fill('1');
  await expect(refund.getByLabel('Put back in stock')).toBeChecked();
  await refund.getByLabel('Reason for the refund').fill('Damaged pack');
  await expect(refund.getByTestId('refund-total')).toHaveText('Pay back IDR 17,000 (Cash)');
  await refund.getByRole('button', { name: 'Refund', exact: true }).click();
  await approveAsManager(page);
  await expect(sale).toContainText('Refunded IDR 17,000');

  await page.getByRole('button', { name: /Back to selling/ }).click();
  await search.fill('gula pasir kecil');
  await expect(gula).toContainText(`Stock ${before - 1}`);

  // The server accepted the sales, the void and the refund: nothing waits, nothing was refused.
  await expect(page.getByTestId('sync-badge')).toHaveAttribute('data-health', 'synced', {
    timeout: 30_000,
  });
});
