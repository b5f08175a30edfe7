import { benchArgs, percentile, report } from './lib/args';
import { bundleForPage, launchChromium, servePage } from './lib/browser';

// Checkout latency on the device: the till's real store (src/app/store.ts) over a real IndexedDB
// in Chromium holding a replica of 20,000 products, timed from "pay" (the sales slice's
// checkout → completeSale → one strict-durability Dexie transaction) to the store showing the
// next, empty cart. In the same run and the same database, the floor: one raw strict-durability
// IndexedDB transaction writing one row in each of two stores. Checkouts and floor transactions
// alternate, so both see the same disk and the same background work.

const { smoke } = benchArgs();
const PRODUCTS = smoke ? 2_000 : 20_000;
const ROUNDS = smoke ? 20 : 300;

const ENTRY = `
import { LapakDb } from './src/data/db';
import { setMeta } from './src/data/meta';
import { useAppStore } from './src/app/store';
import { syntheticCatalog } from './src/features/catalog/synthetic-catalog';
import { prng } from './src/test/prng';
import { computeTotals } from './src/lib/totals';
import { amountDue } from './src/lib/payments';

let db, ctx, products, random;
const device = {
  deviceId: '00000000-0000-4000-8000-0000000000d1',
  tenantId: '00000000-0000-4000-8000-0000000000a1',
  outletId: '00000000-0000-4000-8000-0000000000b1',
  outletCode: 'JKT1',
  deviceCode: 'T1',
};

function floorTx(i) {
  // What any durable two-store write costs: the lower bound of a checkout.
  return new Promise((resolve, reject) => {
    const tx = db.backendDB().transaction(['outbox', 'sales'], 'readwrite', { durability: 'strict' });
    tx.objectStore('outbox').put({ id: 'floor-o-' + i, deviceSeq: -1 - i, nextAttemptAt: 0 });
    tx.objectStore('sales').put({ id: 'floor-s-' + i, createdAt: '', syncState: 'floor', mutationId: '' });
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
}

globalThis.bench = {
  async setup(count) {
    db = new LapakDb('lapak-bench');
    await db.open();
    random = prng(7);
    products = syntheticCatalog(count, prng(1));
    const rows = products.map((p) => ({
      id: p.id, name: p.name, sku: p.sku, barcodes: p.barcodes, unit: p.unit, price: p.price,
      tax_rate_bp: p.taxRateBp, category_id: p.categoryId, active: true, deleted_at: null,
      version: 1, catalog_version: 1,
    }));
    for (let i = 0; i < rows.length; i += 2000) await db.replica('products').bulkPut(rows.slice(i, i + 2000));
    await setMeta(db.meta, 'device', device);
    const state = useAppStore.getState();
    await state.restoreCarts(db);
    await state.loadCatalog(db);
    ctx = {
      db, device, staffId: '00000000-0000-4000-8000-0000000000c1',
      settings: { currency: 'IDR', taxMode: 'inclusive', cashRoundingStep: 0 },
      catalogVersion: 1, shiftId: null,
    };
    return { replica: await db.replica('products').count(), indexed: useAppStore.getState().searchIndex.products.length };
  },
  async round(i) {
    const store = useAppStore.getState();
    const lines = 1 + Math.floor(random() * 4);
    for (let k = 0; k < lines; k++) {
      const p = products[Math.floor(random() * products.length)];
      store.addToCart({ id: p.id, name: p.name, sku: p.sku, price: p.price, taxRateBp: p.taxRateBp }, 1 + Math.floor(random() * 2));
    }
    // The cart is saved after every change, one durable write after another; at a real till
    // they have all landed long before the customer pays, so wait until the last one has.
    const rungUp = JSON.stringify(useAppStore.getState().cart);
    while (JSON.stringify((await db.meta.get('sales.cart'))?.value) !== rungUp) {
      await new Promise((r) => setTimeout(r, 2));
    }
    const cash = random() < 0.6;
    const cart = useAppStore.getState().cart;
    const totals = computeTotals({ lines: cart.lines, orderDiscount: cart.orderDiscount }, ctx.settings);
    const due = amountDue(totals, [cash ? 'cash' : 'qris']);
    let floorMs;
    const timeFloor = async () => { const t = performance.now(); await floorTx(i); floorMs = performance.now() - t; };
    if (i % 2 === 0) await timeFloor();
    const cartId = useAppStore.getState().cart.id;
    const t0 = performance.now();
    const sale = await store.checkout(ctx, { payments: [cash ? { method: 'cash', amount: due } : { method: 'qris', amount: due }] });
    const commitMs = performance.now() - t0;
    if (sale.due !== due) throw new Error('the sale is not the cart that was paid for');
    const after = useAppStore.getState().cart;
    if (after.id === cartId || after.lines.length !== 0) throw new Error('the store still shows the paid cart');
    if (i % 2 === 1) await timeFloor();
    return { commitMs, floorMs };
  },
  async check() {
    return { sales: await db.sales.where('syncState').equals('pending').count(), outbox: await db.outbox.where('deviceSeq').above(0).count() };
  },
};
`;

interface BenchApi {
  bench: {
    setup(count: number): Promise<{ replica: number; indexed: number }>;
    round(i: number): Promise<{ commitMs: number; floorMs: number }>;
    check(): Promise<{ sales: number; outbox: number }>;
  };
}

const server = await servePage(
  'checkout bench',
  '',
  await bundleForPage(ENTRY, { 'import.meta.env.DEV': 'false', 'import.meta.env.PROD': 'true' }),
);
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto(server.url);
  const loaded = await page.evaluate(
    (n) => (globalThis as never as BenchApi).bench.setup(n),
    PRODUCTS,
  );
  if (loaded.replica !== PRODUCTS || loaded.indexed !== PRODUCTS) {
    throw new Error(`the replica holds ${JSON.stringify(loaded)}, expected ${PRODUCTS}`);
  }
  const warmUp = smoke ? 3 : 20;
  const commits: number[] = [];
  const floors: number[] = [];
  for (let i = 0; i < warmUp + ROUNDS; i++) {
    const r = await page.evaluate((n) => (globalThis as never as BenchApi).bench.round(n), i);
    if (i >= warmUp) {
      commits.push(r.commitMs);
      floors.push(r.floorMs);
    }
  }
  const done = await page.evaluate(() => (globalThis as never as BenchApi).bench.check());
  if (done.sales !== warmUp + ROUNDS || done.outbox !== warmUp + ROUNDS) {
    throw new Error(`expected ${warmUp + ROUNDS} sales queued, found ${JSON.stringify(done)}`);
  }
  commits.sort((a, b) => a - b);
  floors.sort((a, b) => a - b);
  console.error(
    `${PRODUCTS} products, ${ROUNDS} checkouts: commit p50 ${percentile(commits, 50)} ms, ` +
      `p95 ${percentile(commits, 95)} ms, max ${percentile(commits, 100)} ms; ` +
      `raw strict two-store transaction p50 ${percentile(floors, 50)} ms, ` +
      `p95 ${percentile(floors, 95)} ms`,
  );
  report('checkout', {
    commit_p50_ms: percentile(commits, 50),
    commit_p95_ms: percentile(commits, 95),
    idb_strict_p50_ms: percentile(floors, 50),
    idb_strict_p95_ms: percentile(floors, 95),
    commit_over_floor_p95:
      Math.round((percentile(commits, 95) / percentile(floors, 95)) * 100) / 100,
    products: PRODUCTS,
    checkouts: ROUNDS,
    smoke,
  });
} finally {
  await browser.close();
  server.close();
}
