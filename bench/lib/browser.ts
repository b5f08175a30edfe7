import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Bundles a bench's page entry (TypeScript, imports relative to the repository root). */
export async function bundleForPage(
  entry: string,
  define: Record<string, string> = {},
): Promise<string> {
  const out = await build({
    stdin: { contents: entry, resolveDir: root, loader: 'ts' },
    bundle: true,
    format: 'iife',
    target: 'es2022',
    minify: true,
    write: false,
    define,
  });
  return out.outputFiles[0]!.text;
}

/**
 * Serves one page (`head` markup, then the bundle) on a free local port. The page is
 * cross-origin isolated, so performance.now() resolves to microseconds instead of 100 µs steps.
 */
export async function servePage(
  title: string,
  head: string,
  script: string,
): Promise<{ url: string; close(): void }> {
  const html = `<!doctype html><meta charset="utf-8"><title>${title}</title>
${head}<script src="/bench.js"></script>`;
  const server: Server = createServer((req, res) => {
    const isScript = req.url === '/bench.js';
    res.writeHead(200, {
      'content-type': isScript ? 'text/javascript' : 'text/html',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
      'cross-origin-resource-policy': 'same-origin',
    });
    res.end(isScript ? script : html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}
