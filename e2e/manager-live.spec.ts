import { expect, test, type Page } from '@playwright/test';
import { DEMO, pairTill, snapshot, unlock } from './till-helpers';
import { PRODUCTS, payCash, tile } from './sell-helpers';

/** One cash sale of a bottle of water, exact money; returns its receipt number. */
async function sellWater(till: Page): Promise<string> {
  const search = till.getByRole('searchbox', { name: 'Cari produk' });
  await search.fill('air mineral kecil');
  await tile(till, PRODUCTS.airMineral.name).click();
  await payCash(till, /^Uang pas/, 'Bayar Rp 3.000', 'Selesaikan penjualan');
  const receipt = (await till.getByTestId('receipt-no').textContent()) ?? '';
  await till.getByRole('button', { name: 'Penjualan baru' }).click();
  return receipt;
}

/** Revenue as the KPI card shows it ("Rp 24.500" → 24500). */
async function revenue(manager: Page): Promise<number> {
  const text = (await manager.getByTestId('kpi-revenue').locator('.kpi-value').textContent()) ?? '';
  return Number(text.replace(/\D/g, ''));
}

test('the manager watches a till sell online and offline, live', async ({ browser }, testInfo) => {
  test.slow();
  const tillName = `Kasir Live ${Date.now().toString(36)}`;
  const tillContext = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  const managerContext = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const till = await tillContext.newPage();
  const manager = await managerContext.newPage();

  // The till: paired, unlocked, precached so it keeps selling offline.
  await pairTill(till, tillName);
  await unlock(till, DEMO.cashier.name, DEMO.cashier.pin);
  await expect(till.getByTestId('sell-screen')).toBeVisible();
  await till.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });

  // The manager: a browser that is not a till, signing in with email and password.
  await manager.goto('/manager');
  await expect(manager.getByTestId('pairing')).toHaveCount(0);
  const signIn = manager.getByTestId('manager-signin');
  await signIn.getByLabel('Email').fill(DEMO.manager.email);
  await signIn.getByLabel('Kata sandi').fill('salah-sekali');
  await signIn.getByRole('button', { name: 'Masuk' }).click();
  await expect(signIn.getByRole('alert')).toHaveText('Email atau kata sandi salah.');
  await signIn.getByLabel('Kata sandi').fill(DEMO.manager.password);
  await signIn.getByRole('button', { name: 'Masuk' }).click();
  await expect(manager.getByTestId('manager-dashboard')).toBeVisible();
  await expect(manager.getByTestId('dash-live')).toHaveText('Langsung');

  const card = manager.getByTestId('fleet-till').filter({ hasText: tillName });
  await expect(card).toBeVisible();
  await expect(card.getByTestId('till-status')).toHaveText('Online', { timeout: 15_000 });
  await expect(card).toContainText(DEMO.cashier.name);
  await expect(card.getByTestId('till-pending')).toHaveText('0');

  // Online: the sale is on the manager's screen within a second of the receipt.
  const before = await revenue(manager);
  const online = await sellWater(till);
  const shownAt = Date.now();
  await expect(manager.locator(`[data-receipt="${online}"]`)).toBeVisible({ timeout: 1_000 });
  testInfo.annotations.push({
    type: 'online sale visible after',
    description: `${Date.now() - shownAt} ms`,
  });
  await expect.poll(() => revenue(manager)).toBe(before + PRODUCTS.airMineral.price);
  await snapshot(manager, 'dashboard-online-sale');

  // Record every pending count the till's card shows from here on.
  await manager.evaluate(() => {
    const w = window as unknown as { pendingSeen: string[] };
    w.pendingSeen = [];
    new MutationObserver(() => {
      for (const el of document.querySelectorAll('[data-testid="till-pending"]')) {
        w.pendingSeen.push(el.textContent ?? '');
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });

  // Offline: two sales wait in the till's outbox; the server has neither.
  await tillContext.setOffline(true);
  await expect(till.getByTestId('network-status')).toHaveText('Offline');
  const offline = [await sellWater(till), await sellWater(till)];
  await expect(till.getByTestId('sync-badge')).toHaveText('2 menunggu');
  for (const receipt of offline) {
    await expect(manager.locator(`[data-receipt="${receipt}"]`)).toHaveCount(0);
  }
  await snapshot(till, 'till-offline-backlog');
  await snapshot(manager, 'dashboard-till-offline');

  // Back online: the backlog arrives, with its sync latency, and the till's outbox empties.
  await tillContext.setOffline(false);
  for (const receipt of offline) {
    await expect(manager.locator(`[data-receipt="${receipt}"]`)).toBeVisible({ timeout: 30_000 });
  }
  await expect
    .poll(() => revenue(manager), { timeout: 10_000 })
    .toBe(before + 3 * PRODUCTS.airMineral.price);
  await expect(card.getByTestId('till-status')).toHaveText('Online', { timeout: 30_000 });
  await expect(card.getByTestId('till-pending')).toHaveText('0', { timeout: 30_000 });
  const backlogRow = manager.locator(`[data-receipt="${offline[0]}"]`);
  await expect(backlogRow.getByTestId('feed-latency')).toContainText('Jeda sinkron');
  const seen = await manager.evaluate(
    () => (window as unknown as { pendingSeen: string[] }).pendingSeen,
  );
  testInfo.annotations.push({ type: 'pending counts seen', description: seen.join(',') });
  // The till announced its backlog when it came back, then the count fell to zero as it pushed.
  const backlogShownAt = seen.findIndex((v) => v.startsWith('2'));
  expect(backlogShownAt).toBeGreaterThanOrEqual(0);
  expect(seen.slice(backlogShownAt).some((v) => v === '0')).toBe(true);
  await snapshot(manager, 'dashboard-after-backlog');

  // The same dashboard in English, and on a phone.
  await manager.getByTestId('locale-switch').click();
  await expect(manager.getByTestId('dash-live')).toHaveText('Live');
  await expect(manager.getByTestId('kpi-transactions')).toContainText('Transactions');
  await manager.setViewportSize({ width: 390, height: 844 });
  await snapshot(manager, 'dashboard-phone-en');

  // The manager's sign-out leaves the till in the same browser profile untouched, and vice versa.
  await expect(till.getByTestId('staff-chip')).toHaveText(`Kasir: ${DEMO.cashier.name}`);
  await managerContext.close();
  await tillContext.close();
});

test('a till and the dashboard share one browser without signing each other out', async ({
  page,
}) => {
  await pairTill(page, `Kasir Satu Browser ${Date.now().toString(36)}`);
  await unlock(page, DEMO.cashier.name, DEMO.cashier.pin);
  await expect(page.getByTestId('sell-screen')).toBeVisible();

  // The owner opens the dashboard in the till's own browser.
  const dashboard = await page.context().newPage();
  await dashboard.goto('/manager');
  const signIn = dashboard.getByTestId('manager-signin');
  await signIn.getByLabel('Email').fill('owner@lapak.test');
  await signIn.getByLabel('Kata sandi').fill(DEMO.manager.password);
  await signIn.getByRole('button', { name: 'Masuk' }).click();
  await expect(dashboard.getByTestId('manager-dashboard')).toBeVisible();
  await dashboard.getByRole('button', { name: 'Keluar' }).click();
  await expect(dashboard.getByTestId('manager-signin')).toBeVisible();
  await dashboard.close();

  // The till still syncs as itself.
  const receipt = await sellWater(page);
  expect(receipt).toMatch(/^JKT1-T\d+-000001$/);
  await expect(page.getByTestId('sync-badge')).toHaveAttribute('data-health', 'synced', {
    timeout: 15_000,
  });
});
