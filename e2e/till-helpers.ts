import { expect, test, type Page } from '@playwright/test';
import { WebSocket } from 'ws';
import { createLapakClient } from '../src/lib/supabase';

export const DEMO = {
  manager: { email: 'manager@lapak.test', password: 'lapak-demo-123' },
  owner: { name: 'Ibu Sari', pin: '1111' },
  supervisor: { name: 'Budi', pin: '2222' },
  cashier: { name: 'Ani', pin: '3333' },
} as const;

/**
 * Pairs the page's till the way a shop does: the demo manager signs in, registers a new till at
 * the Jakarta outlet, and the first download runs until the lock screen shows. The UI starts in
 * Bahasa Indonesia.
 */
export async function pairTill(page: Page, tillName: string): Promise<void> {
  await page.goto('/');
  await page.getByRole('textbox', { name: 'Email manajer' }).fill(DEMO.manager.email);
  await page.getByLabel('Kata sandi').fill(DEMO.manager.password);
  await page.getByRole('button', { name: 'Masuk sebagai manajer' }).click();
  await page.getByRole('radio', { name: /Lapak Jakarta/ }).check();
  await page.getByRole('textbox', { name: 'Nama kasir' }).fill(tillName);
  await page.getByRole('button', { name: 'Daftarkan kasir' }).click();
  await expect(page.getByTestId('lock-screen')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('button', { name: new RegExp(DEMO.cashier.name) })).toBeVisible();
}

/** Picks the staff tile and types the PIN on the physical keyboard. */
export async function unlock(page: Page, name: string, pin: string): Promise<void> {
  await page.getByRole('button', { name: new RegExp(`^${name}\\b`) }).click();
  await expect(page.getByTestId('pin-pad')).toBeVisible();
  await page.keyboard.type(pin);
  await page.keyboard.press('Enter');
}

/** The server as the shop's manager reads it: the demo manager signed in with supabase-js. */
export async function managerClient(baseURL: string) {
  const res = await fetch(new URL('/lapak-config.json', baseURL));
  const { anonKey } = (await res.json()) as { anonKey: string };
  // Node 20 has no WebSocket of its own for supabase-js's realtime client.
  const client = createLapakClient({ url: baseURL, anonKey, realtimeTransport: WebSocket });
  const { error } = await client.auth.signInWithPassword(DEMO.manager);
  if (error) throw error;
  return client;
}

/** A full-page screenshot kept in the test's output folder and attached to its report. */
export async function snapshot(page: Page, name: string): Promise<void> {
  const path = test.info().outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await test.info().attach(name, { path, contentType: 'image/png' });
}
