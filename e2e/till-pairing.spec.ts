import { expect, test } from '@playwright/test';
import { DEMO, pairTill, unlock } from './till-helpers';

test('a manager pairs a till, staff unlock with a PIN, and the till works through an offline reload', async ({
  page,
  context,
}) => {
  await pairTill(page, 'Kasir E2E Pairing');
  await expect(page.getByTestId('till-name')).toContainText('Kasir E2E Pairing');
  await page.screenshot({ path: test.info().outputPath('lock-screen.png') });

  // A wrong PIN is refused; the right one unlocks.
  await unlock(page, DEMO.cashier.name, '9999');
  await expect(page.getByTestId('lock-message')).toContainText('PIN salah');
  await page.keyboard.type(DEMO.cashier.pin);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('staff-chip')).toHaveText(`Kasir: ${DEMO.cashier.name}`);
  await expect(page.getByTestId('sync-badge')).toHaveAttribute('data-health', 'synced');

  // The worker must control the page before the network goes.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await context.setOffline(true);
  await page.reload();

  // Still paired after an offline reload, and locked again: the lock screen, staff from IndexedDB.
  await expect(page.getByTestId('network-status')).toHaveText('Offline');
  await expect(page.getByTestId('lock-screen')).toBeVisible();
  await expect(page.getByTestId('pairing')).toHaveCount(0);
  await unlock(page, DEMO.cashier.name, DEMO.cashier.pin);
  await expect(page.getByTestId('staff-chip')).toHaveText(`Kasir: ${DEMO.cashier.name}`);

  // Work done offline waits in the outbox, and the status bar says so.
  await page.getByRole('link', { name: 'Shift' }).click();
  await page.getByLabel('Modal awal di laci').fill('100rb');
  await page.getByRole('button', { name: 'Buka shift' }).click();
  await expect(page.getByTestId('sync-badge')).toHaveText('1 menunggu');
  await expect(page.getByTestId('sync-badge')).toHaveAttribute('data-health', 'offline');

  // Unpairing with unsent work takes a typed word after a plain warning.
  await page.getByRole('link', { name: 'Pengaturan' }).click();
  await page.getByRole('button', { name: 'Lepas pasangan…' }).click();
  const unpair = page.getByTestId('unpair-panel');
  await expect(unpair).toContainText('1 catatan belum terkirim');
  const confirm = unpair.getByRole('button', { name: 'Lepas pasangan dan hapus data' });
  await expect(confirm).toBeDisabled();
  await unpair.getByLabel('Ketik HAPUS untuk tetap melanjutkan').fill('hapus');
  await expect(confirm).toBeEnabled();
  await unpair.getByRole('button', { name: 'Batal' }).click();
  await page.screenshot({ path: test.info().outputPath('offline-pending.png') });

  // Back online, the outbox drains by itself.
  await context.setOffline(false);
  await expect(page.getByTestId('network-status')).toHaveText('Online');
  await expect(page.getByTestId('sync-badge')).toHaveAttribute('data-health', 'synced', {
    timeout: 15_000,
  });

  // The language switch changes every label; locking is one tap.
  await page.getByTestId('locale-switch').click();
  await expect(page.getByTestId('staff-chip')).toHaveText(`Cashier: ${DEMO.cashier.name}`);
  await expect(page.getByRole('navigation', { name: 'Till menu' })).toBeVisible();
  await expect(page.getByTestId('sync-badge')).toHaveText('Synced');
  await page.getByTestId('lock-button').click();
  await expect(page.getByRole('heading', { name: 'Who is on the till?' })).toBeVisible();
});
