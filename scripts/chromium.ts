// Debian's Chromium (never a downloaded browser), and the flags it runs headless with here: the
// end-to-end tests and the browser benches launch it the same way.
export const chromiumPath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
