import { expect, test } from '@playwright/test';

test('the app shell opens offline after the first visit', async ({ page, context }) => {
  await page.goto('/');
  await expect(page.getByTestId('app-shell')).toBeVisible();
  // The worker has precached the shell once it is active.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await expect(page.getByTestId('network-status')).toHaveText('Online');

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('app-shell')).toBeVisible();
  await expect(page.getByTestId('network-status')).toHaveText('Offline');
  await expect(page).toHaveTitle('Lapak POS');

  // A deep link is a navigation too: the worker answers it with the shell.
  await page.goto('/manager');
  await expect(page.getByTestId('app-shell')).toBeVisible();
});

test('the web app manifest makes Lapak installable', async ({ request }) => {
  const res = await request.get('/manifest.webmanifest');
  expect(res.ok()).toBe(true);
  const manifest = (await res.json()) as {
    icons: { src: string; sizes: string }[];
    display: string;
  };
  expect(manifest.display).toBe('standalone');
  for (const icon of manifest.icons) {
    const png = await request.get(icon.src);
    expect(png.ok(), icon.src).toBe(true);
    expect(png.headers()['content-type']).toBe('image/png');
  }
});
