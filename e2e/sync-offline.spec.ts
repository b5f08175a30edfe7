import { expect, test, type Page } from '@playwright/test';
import { DEMO, managerClient, pairTill, snapshot, unlock } from './till-helpers';
import { PRODUCTS, payCash, tile } from './sell-helpers';

const SALES = 20;

async function openHistory(page: Page) {
  await page.getByRole('button', { name: 'Penjualan hari ini' }).click();
  return page.getByTestId('history-row');
}

// The promise of DESIGN §1: a sale that happened is never lost and never counted twice.
test('twenty sales made offline survive a reload and reach the server exactly once', async ({
  page,
  context,
  baseURL,
}) => {
  // Twenty checkouts through the UI, a reload and a second page: three times the usual budget.
  test.slow();
  const tillName = `Kasir Offline ${Date.now().toString(36)}`;
  // Count the pairing's request for persistent storage; the browser decides whether to grant it.
  await page.addInitScript(() => {
    const storage = navigator.storage;
    const persist = storage.persist.bind(storage);
    const w = window as unknown as { persistRequests: number };
    w.persistRequests = 0;
    storage.persist = () => {
      w.persistRequests++;
      return persist();
    };
  });
  await pairTill(page, tillName);
  expect(
    await page.evaluate(() => (window as unknown as { persistRequests: number }).persistRequests),
  ).toBe(1);
  await unlock(page, DEMO.cashier.name, DEMO.cashier.pin);
  await expect(page.getByTestId('sell-screen')).toBeVisible();
  // The shell must be precached before the network goes, or the offline reload has nothing.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });

  await context.setOffline(true);
  await expect(page.getByTestId('network-status')).toHaveText('Offline');
  const receipts: string[] = [];
  const search = page.getByRole('searchbox', { name: 'Cari produk' });
  for (let i = 0; i < SALES; i++) {
    await search.fill('air mineral kecil');
    await tile(page, PRODUCTS.airMineral.name).click();
    await payCash(page, /^Uang pas/, 'Bayar Rp 3.000', 'Selesaikan penjualan');
    receipts.push((await page.getByTestId('receipt-no').textContent()) ?? '');
    await page.getByRole('button', { name: 'Penjualan baru' }).click();
  }
  expect(new Set(receipts).size).toBe(SALES);
  expect(receipts.at(-1)).toMatch(/^JKT1-T\d+-000020$/);

  // Settings tell how much the browser holds and warn before unpairing would lose the sales.
  const menu = page.getByRole('navigation', { name: 'Menu kasir' });
  await menu.getByRole('link', { name: 'Pengaturan' }).click();
  const storage = page.getByTestId('storage-panel');
  await expect(storage.getByTestId('storage-usage')).toHaveText(/^[\d.,]+ (B|KB|MB|GB)\b/);
  await expect(storage.locator('dt:text-is("Kapasitas") + dd')).toHaveText(/^[\d.,]+ (MB|GB|TB)$/);
  await page.getByRole('button', { name: 'Lepas pasangan…' }).click();
  await expect(page.getByRole('alertdialog')).toContainText(
    `PERINGATAN: ${SALES} catatan belum terkirim dan 0 ditolak server.`,
  );
  await expect(page.getByRole('button', { name: 'Lepas pasangan dan hapus data' })).toBeDisabled();
  await snapshot(page, 'offline-unpair-warning');
  await page.getByRole('button', { name: 'Batal' }).click();
  await menu.getByRole('link', { name: 'Jual' }).click();

  // A reload with no network: the worker serves the shell and IndexedDB has every sale.
  await page.reload();
  await expect(page.getByTestId('network-status')).toHaveText('Offline');
  await unlock(page, DEMO.cashier.name, DEMO.cashier.pin);
  let rows = await openHistory(page);
  await expect(rows).toHaveCount(SALES);
  await expect(rows.getByTestId('sync-state').filter({ hasText: 'Belum terkirim' })).toHaveCount(
    SALES,
  );
  for (const no of receipts) await expect(rows.filter({ hasText: no })).toHaveCount(1);
  await snapshot(page, 'offline-history-pending');

  // The cashier closes the app; the network comes back; the app is opened again.
  await page.close();
  await context.setOffline(false);
  const again = await context.newPage();
  await again.goto('/');
  await unlock(again, DEMO.cashier.name, DEMO.cashier.pin);
  rows = await openHistory(again);
  await expect(rows).toHaveCount(SALES);
  await expect(rows.getByTestId('sync-state').filter({ hasText: 'Terkirim' })).toHaveCount(SALES, {
    timeout: 30_000,
  });
  await snapshot(again, 'online-history-synced');

  // On the server: exactly these twenty sales, once each, from this till's twenty mutations.
  const manager = await managerClient(baseURL!);
  const device = await manager
    .from('devices')
    .select('id, last_device_seq')
    .eq('name', tillName)
    .single();
  if (device.error) throw device.error;
  expect(device.data.last_device_seq).toBe(SALES);
  const sales = await manager
    .from('sales')
    .select('receipt_no, total_due, status')
    .eq('device_id', device.data.id);
  if (sales.error) throw sales.error;
  expect(sales.data.map((s) => s.receipt_no).sort()).toEqual([...receipts].sort());
  expect(sales.data.every((s) => s.total_due === PRODUCTS.airMineral.price)).toBe(true);
  expect(sales.data.every((s) => s.status === 'completed')).toBe(true);
  const mutations = await manager
    .from('sync_mutations')
    .select('device_seq, kind, status')
    .eq('device_id', device.data.id)
    .order('device_seq');
  if (mutations.error) throw mutations.error;
  expect(mutations.data).toEqual(
    receipts.map((_, i) => ({ device_seq: i + 1, kind: 'sale.complete', status: 'applied' })),
  );
});
