import { fold } from '../src/features/catalog/model';
import { syntheticCatalog } from '../src/features/catalog/synthetic-catalog';
import { prng } from '../src/test/prng';
import { benchArgs, percentile, report } from './lib/args';
import { bundleForPage, launchChromium, servePage } from './lib/browser';

// Product search as the till runs it: the index code (src/features/catalog/search-index.ts)
// bundled for the page, a synthetic catalog of 50,000 products, and a query mix like a cashier's
// (typing a name letter by letter, a SKU, a scanned barcode, two words, a typo) timed query by
// query in real Chromium. The page is cross-origin isolated so performance.now() resolves to
// microseconds instead of the 100 µs it is coarsened to otherwise.

const { smoke } = benchArgs();
const PRODUCTS = smoke ? 5_000 : 50_000;
const QUERY_SEEDS = smoke ? 60 : 600;
const SCROLL_FRAMES = smoke ? 30 : 240;

const ENTRY = `
import { createElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { ProductGrid } from './src/features/catalog/ui/ProductGrid';
import { buildSearchIndex } from './src/features/catalog/search-index';
import { syntheticCatalog } from './src/features/catalog/synthetic-catalog';
import { prng } from './src/test/prng';
let catalog = [];
let index = null;
globalThis.bench = {
  makeCatalog(count, seed) { catalog = syntheticCatalog(count, prng(seed)); return catalog.length; },
  build() {
    const t0 = performance.now();
    index = buildSearchIndex(catalog);
    return performance.now() - t0;
  },
  run(queries, rounds) {
    const times = [];
    let found = 0;
    for (let r = 0; r < rounds; r++) {
      for (const q of queries) {
        const t0 = performance.now();
        const res = index.search(q, { limit: 200 });
        const t = performance.now() - t0;
        if (r === rounds - 1) { times.push(t); found += res.total; }
      }
    }
    return { times, found };
  },
  renderGrid() {
    const root = createRoot(document.getElementById('root'));
    const t0 = performance.now();
    flushSync(() =>
      root.render(createElement(ProductGrid, {
        products: index.products, stockOf: () => 12, onPick() {}, locale: 'id', currency: 'IDR',
      })),
    );
    return performance.now() - t0;
  },
  /** Scrolls the grid a screenful per frame and returns the time between frames. */
  scroll(frames) {
    const el = document.querySelector('.product-grid');
    return new Promise((resolve) => {
      const gaps = [];
      let last = performance.now();
      const step = () => {
        const now = performance.now();
        gaps.push(now - last);
        last = now;
        el.scrollTop += 600;
        if (gaps.length < frames) requestAnimationFrame(step);
        else resolve({ gaps: gaps.slice(1), rows: el.querySelectorAll('.product-row').length });
      };
      requestAnimationFrame(step);
    });
  },
};
`;

/** What a cashier types: prefixes of names as they type, codes, two-word and missing queries. */
function queryMix(count: number): string[] {
  const random = prng(42);
  const sample = syntheticCatalog(PRODUCTS, prng(1));
  const queries: string[] = [];
  for (let i = 0; i < count; i++) {
    const p = sample[Math.floor(random() * sample.length)]!;
    const words = fold(p.name).split(' ');
    const roll = random();
    if (roll < 0.5) {
      // Typing the first word and the start of the second, keystroke by keystroke.
      const text = `${words[0]} ${words[1] ?? ''}`.slice(0, 2 + Math.floor(random() * 10));
      for (let k = 1; k <= text.length; k++) queries.push(text.slice(0, k));
    } else if (roll < 0.65) {
      queries.push(p.barcodes[0]!);
    } else if (roll < 0.75) {
      queries.push(p.sku!.toLowerCase());
    } else if (roll < 0.85) {
      queries.push(`${words[1] ?? ''} ${words[2] ?? ''}`.trim());
    } else if (roll < 0.95) {
      queries.push(p.barcodes[0]!.slice(0, 4 + Math.floor(random() * 6)));
    } else {
      queries.push(`${words[0]}x${Math.floor(random() * 100)}`);
    }
  }
  return queries;
}

// The grid's few layout rules from src/app/sell/sell.css: a fixed-height scroller.
const HEAD = `<style>.product-grid{height:600px;width:900px;overflow-y:auto;contain:strict}
.product-grid-inner{position:relative;margin:0;padding:0;list-style:none}
.product-row{position:absolute;top:0;left:0;width:100%;display:grid;gap:8px}
.product-tile{height:104px}</style>
<div id="root"></div>`;

const server = await servePage('search bench', HEAD, await bundleForPage(ENTRY));
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.goto(server.url);
  if (!(await page.evaluate(() => crossOriginIsolated))) {
    console.error('warning: page is not cross-origin isolated; timings are coarse');
  }
  const cdp = await page.context().newCDPSession(page);
  const heapMb = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize / 2 ** 20;
  };

  await page.evaluate((n) => (globalThis as never as BenchApi).bench.makeCatalog(n, 1), PRODUCTS);
  const heapCatalog = await heapMb();
  // The first build also compiles the code; the figure is a warm rebuild, as after a catalog sync.
  await page.evaluate(() => (globalThis as never as BenchApi).bench.build());
  const builds: number[] = [];
  for (let i = 0; i < 3; i++) {
    builds.push(await page.evaluate(() => (globalThis as never as BenchApi).bench.build()));
  }
  const heapIndexed = await heapMb();

  const queries = queryMix(QUERY_SEEDS);
  const { times, found } = await page.evaluate(
    ([q]) => (globalThis as never as BenchApi).bench.run(q, 3),
    [queries] as const,
  );
  const sorted = [...times].sort((a, b) => a - b);

  // The product grid at the same size: first render, then scrolling a screenful per frame.
  const renderMs = await page.evaluate(() => (globalThis as never as BenchApi).bench.renderGrid());
  const { gaps, rows } = await page.evaluate(
    (frames) => (globalThis as never as BenchApi).bench.scroll(frames),
    SCROLL_FRAMES,
  );
  const frames = [...gaps].sort((a, b) => a - b);
  console.error(
    `grid: first render ${renderMs.toFixed(1)} ms, ${rows} rows in the DOM, ` +
      `frame p95 ${percentile(frames, 95)} ms, max ${percentile(frames, 100)} ms`,
  );
  console.error(
    `${PRODUCTS} products, ${queries.length} queries (${found} hits): ` +
      `p50 ${percentile(sorted, 50)} ms, p95 ${percentile(sorted, 95)} ms, ` +
      `p99 ${percentile(sorted, 99)} ms, max ${percentile(sorted, 100)} ms; ` +
      `build ${builds.map((b) => b.toFixed(1)).join(' / ')} ms; heap catalog ${heapCatalog.toFixed(1)} MB, ` +
      `with index ${heapIndexed.toFixed(1)} MB`,
  );
  report('search', {
    products: PRODUCTS,
    queries: queries.length,
    query_p50_ms_50k: percentile(sorted, 50),
    query_p95_ms_50k: percentile(sorted, 95),
    query_p99_ms_50k: percentile(sorted, 99),
    build_ms_50k: Math.round(Math.min(...builds) * 10) / 10,
    heap_mb_50k: Math.round(heapIndexed * 10) / 10,
    index_heap_mb_50k: Math.round((heapIndexed - heapCatalog) * 10) / 10,
    grid_render_ms_50k: Math.round(renderMs * 10) / 10,
    grid_frame_p95_ms_50k: percentile(frames, 95),
    smoke,
  });
} finally {
  await browser.close();
  server.close();
}

interface BenchApi {
  bench: {
    makeCatalog(count: number, seed: number): number;
    build(): number;
    run(queries: readonly string[], rounds: number): { times: number[]; found: number };
    renderGrid(): number;
    scroll(frames: number): Promise<{ gaps: number[]; rows: number }>;
  };
}
