// Renders public/favicon.svg into the PNG icons the web app manifest and iOS need, with Debian's
// Chromium. Run after changing the logo: `npx tsx scripts/make-icons.ts`; the PNGs are committed.
import { readFile } from 'node:fs/promises';
import { chromium } from '@playwright/test';

const svg = await readFile('public/favicon.svg', 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
const targets: { file: string; size: number; padding: number; background: string }[] = [
  { file: 'public/icons/icon-192.png', size: 192, padding: 0, background: 'transparent' },
  { file: 'public/icons/icon-512.png', size: 512, padding: 0, background: 'transparent' },
  // Maskable icons must keep their content inside the central 80 % safe zone.
  { file: 'public/icons/icon-maskable-512.png', size: 512, padding: 64, background: '#0f5d4a' },
  { file: 'public/icons/apple-touch-icon.png', size: 180, padding: 0, background: '#0f5d4a' },
];
try {
  for (const t of targets) {
    const page = await browser.newPage({ viewport: { width: t.size, height: t.size } });
    const inner = t.size - 2 * t.padding;
    await page.setContent(
      `<body style="margin:0;background:${t.background}"><div style="padding:${t.padding}px;width:${inner}px;height:${inner}px">${svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</div></body>`,
    );
    await page.screenshot({ path: t.file, omitBackground: t.background === 'transparent' });
    await page.close();
    console.log(`wrote ${t.file}`);
  }
} finally {
  await browser.close();
}
