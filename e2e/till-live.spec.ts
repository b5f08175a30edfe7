import { expect, test } from '@playwright/test';
import { DEMO, managerClient, pairTill, unlock } from './till-helpers';
import { tile } from './sell-helpers';

function ok<T>(res: { data: T | null; error: unknown }): T {
  if (res.error) throw new Error(JSON.stringify(res.error));
  return res.data as T;
}

/** The PIN hash in the till's replica (IndexedDB `lapak`, table `staff`), read in the page. */
function staffPinHash(id: string): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('lapak');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const get = open.result.transaction('staff').objectStore('staff').get(id);
      get.onerror = () => reject(get.error);
      get.onsuccess = () => {
        open.result.close();
        resolve((get.result as { pin_hash?: string | null } | undefined)?.pin_hash ?? null);
      };
    };
  });
}

// Bahasa Indonesia, the till's default language.
test("the back office's changes reach an open till while it sells, without a reload", async ({
  page,
  baseURL,
}) => {
  const manager = await managerClient(baseURL!);
  await pairTill(page, 'Kasir E2E Langsung');
  await unlock(page, DEMO.cashier.name, DEMO.cashier.pin);
  await expect(page.getByTestId('sell-screen')).toBeVisible();

  // A price change shows on the product tile the cashier is looking at.
  const name = 'Teh Celup Melati Kecil';
  await page.getByRole('searchbox', { name: 'Cari produk' }).fill(name.toLowerCase());
  await expect(tile(page, name)).toContainText('Rp 8.500');
  const product = ok(
    await manager.from('products').select('id, version').eq('name', name).single(),
  ) as { id: string; version: number };
  ok(
    await manager
      .from('products')
      .update({ price: 9_500, version: product.version })
      .eq('id', product.id)
      .select('id'),
  );
  await expect(tile(page, name)).toContainText('Rp 9.500', { timeout: 3_000 });

  // A new cashier with a PIN can unlock the till moments after the manager adds her.
  const cashierRole = ok(
    await manager.from('roles').select('id, tenant_id').eq('key', 'cashier').single(),
  ) as { id: string; tenant_id: string };
  const dewi = ok(
    await manager
      .from('staff')
      .insert({ tenant_id: cashierRole.tenant_id, role_id: cashierRole.id, name: 'Dewi Langsung' })
      .select('id, version')
      .single(),
  ) as { id: string; version: number };
  ok(await manager.rpc('set_staff_pin', { staff_id: dewi.id, pin: '4455' }));
  await page.getByTestId('lock-button').click();
  await expect(page.getByTestId('lock-screen')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Dewi Langsung\b/ })).toBeVisible({
    timeout: 5_000,
  });
  // Her PIN hash rides with the pull the new row asked for; wrong guesses would lock the pad out.
  await expect
    .poll(() => page.evaluate(staffPinHash, dewi.id), { timeout: 5_000 })
    .toMatch(/^\$2[aby]\$/);
  await unlock(page, 'Dewi Langsung', '4455');
  await expect(page.getByTestId('staff-chip')).toHaveText('Kasir: Dewi Langsung');

  // Deactivated in the back office: the till locks her out at once.
  ok(
    await manager
      .from('staff')
      .update({ active: false, version: dewi.version })
      .eq('id', dewi.id)
      .select('id'),
  );
  await expect(page.getByTestId('lock-screen')).toBeVisible({ timeout: 3_000 });
  await expect(
    page.getByText('Staf tadi sudah dinonaktifkan oleh manajer.', { exact: false }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: /^Dewi Langsung\b/ })).toContainText('Nonaktif');

  manager.realtime.disconnect();
});
