import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { accessToken } from '../supabase/tests/db/helpers/clients';
import { Till, type Mutation } from '../supabase/tests/db/helpers/till';
import {
  addDevice,
  createTenant,
  type Product,
  type Tenant,
} from '../supabase/tests/db/helpers/world';
import { benchArgs, percentile, report } from './lib/args';
import { bootBenchStack } from './lib/boot';

// Sale throughput of rpc/sync_push through the stack's REST API, as tills use it: each client is
// its own paired device with its own JWT, pushing sales (3 lines each) one per request or 100 per
// request, on 1 or 32 keep-alive connections, over 5 hot products or spread over 500.

interface Client {
  headers: Record<string, string>;
  bodies: string[];
  sales: number;
}

interface Run {
  salesPerS: number;
  p50: number;
  p99: number;
  errors: number;
  notApplied: number;
  /** Server event-loop busy time per sale (µs): the stack's own cost, whatever else runs. */
  busyUsPerSale: number;
}

// The load generator runs in its own thread so the server's event loop is measured alone: each
// client sends its pushes back to back on its own keep-alive connection.
const LOADER = `
const { parentPort, workerData } = require('node:worker_threads');
const { Pool } = require(workerData.undici);
const { url, clients } = workerData;
const pool = new Pool(url, { connections: clients.length, pipelining: 1 });
const latencies = [];
let errors = 0, notApplied = 0;
async function run(c) {
  for (const body of c.bodies) {
    const t0 = performance.now();
    const res = await pool.request({ method: 'POST', path: '/rest/v1/rpc/sync_push', headers: c.headers, body });
    const text = await res.body.text();
    latencies.push(performance.now() - t0);
    if (res.statusCode >= 300) { errors++; continue; }
    for (const r of JSON.parse(text).results) if (r.status !== 'applied') notApplied++;
  }
}
const start = performance.now();
Promise.all(clients.map(run)).then(async () => {
  const seconds = (performance.now() - start) / 1000;
  await pool.close();
  parentPort.postMessage({ latencies, seconds, errors, notApplied });
});
`;

async function load(url: string, clients: Client[]): Promise<Run> {
  const undici = createRequire(import.meta.url).resolve('undici');
  const elu0 = performance.eventLoopUtilization();
  const result = await new Promise<{
    latencies: number[];
    seconds: number;
    errors: number;
    notApplied: number;
  }>((done, fail) => {
    const w = new Worker(LOADER, { eval: true, workerData: { undici, url, clients } });
    w.once('message', done);
    w.once('error', fail);
  });
  const elu = performance.eventLoopUtilization(elu0);
  const sales = clients.reduce((s, c) => s + c.sales, 0);
  const latencies = result.latencies.sort((a, b) => a - b);
  return {
    salesPerS: Math.round(sales / result.seconds),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors: result.errors,
    notApplied: result.notApplied,
    busyUsPerSale: Math.round((elu.active * 1000) / Math.max(sales, 1)),
  };
}

interface Till32 {
  till: Till;
  headers: Record<string, string>;
}

/** A deterministic pseudo-random sequence, so runs are comparable. */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

/** `pushes` requests of `perPush` sales each per till; 3 distinct products per sale. */
function workload(
  tills: Till32[],
  products: Product[],
  pushes: number,
  perPush: number,
  seed: number,
): Client[] {
  const random = rng(seed);
  return tills.map(({ till, headers }) => {
    const bodies: string[] = [];
    for (let i = 0; i < pushes; i += 1) {
      const batch: Mutation[] = [];
      for (let j = 0; j < perPush; j += 1) {
        const picked = new Set<Product>();
        while (picked.size < 3) picked.add(products[Math.floor(random() * products.length)]!);
        batch.push(
          till.sale(
            [...picked].map((product) => ({ product, quantity: 1 + Math.floor(random() * 3) })),
            { payments: random() < 0.6 ? ['cash'] : ['qris'] },
          ),
        );
      }
      bodies.push(JSON.stringify({ mutations: batch }));
    }
    return { headers, bodies, sales: pushes * perPush };
  });
}

async function main(): Promise<void> {
  const { db, smoke } = benchArgs();
  const { stack, cleanup } = await bootBenchStack(db, { seed: false });
  try {
    const onPg = stack.db.kind === 'postgres';
    // PGlite serializes every transaction, so it gets a smaller (still steady-state) workload.
    const scale = smoke ? 0 : onPg ? 1 : 0.25;
    const n = (full: number, min: number) => Math.max(min, Math.round(full * scale));

    const shop: Tenant = await createTenant(stack, { products: 500, stock: 1_000_000_000 });
    const hot = shop.products.slice(0, 5);
    const tills: Till32[] = [];
    const makeTill = async (client: Tenant['members']['device'], deviceCode: string) => {
      const till = new Till(shop, client.client, deviceCode);
      const token = await accessToken(stack, client.userId, { is_anonymous: true });
      tills.push({
        till,
        headers: {
          apikey: stack.anonKey,
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-profile': 'public',
        },
      });
    };
    await makeTill(shop.members.device, shop.deviceCode);
    for (let i = 1; i < 32; i += 1) {
      const d = await addDevice(stack, shop, `Kasir ${i + 1}`);
      await makeTill({ userId: d.userId, client: d.client }, d.deviceCode);
    }
    const one = tills.slice(0, 1);

    await load(stack.url, workload(tills, shop.products, n(20, 1), 1, 1)); // warm-up
    await load(stack.url, workload(tills, shop.products, n(2, 1), 100, 2));

    const singleC1 = await load(stack.url, workload(one, shop.products, n(1_000, 5), 1, 3));
    const singleC32 = await load(stack.url, workload(tills, shop.products, n(150, 2), 1, 4));
    const hotSingleC32 = await load(stack.url, workload(tills, hot, n(150, 2), 1, 5));
    const batchedC1 = await load(
      stack.url,
      workload(one, shop.products, n(30, 1), smoke ? 10 : 100, 6),
    );
    const batchedC32 = await load(
      stack.url,
      workload(tills, shop.products, n(5, 1), smoke ? 10 : 100, 7),
    );
    const hotBatchedC32 = await load(stack.url, workload(tills, hot, n(5, 1), smoke ? 10 : 100, 8));

    const runs = { singleC1, singleC32, hotSingleC32, batchedC1, batchedC32, hotBatchedC32 };
    console.error(`sale-rpc bench on ${stack.db.kind}: ${JSON.stringify(runs)}`);
    const all = Object.values(runs);
    report('sale-rpc', {
      db: stack.db.kind,
      smoke,
      single_sales_per_s_c1: singleC1.salesPerS,
      single_p50_ms_c1: singleC1.p50,
      single_p99_ms_c1: singleC1.p99,
      single_sales_per_s_c32: singleC32.salesPerS,
      single_p50_ms_c32: singleC32.p50,
      single_p99_ms_c32: singleC32.p99,
      hot_single_sales_per_s_c32: hotSingleC32.salesPerS,
      hot_single_p99_ms_c32: hotSingleC32.p99,
      batched_sales_per_s_c1: batchedC1.salesPerS,
      batched_p99_ms_c1: batchedC1.p99,
      batched_sales_per_s_c32: batchedC32.salesPerS,
      batched_p50_ms_c32: batchedC32.p50,
      batched_p99_ms_c32: batchedC32.p99,
      hot_batched_sales_per_s_c32: hotBatchedC32.salesPerS,
      hot_batched_p99_ms_c32: hotBatchedC32.p99,
      server_busy_us_per_sale_single_c32: singleC32.busyUsPerSale,
      server_busy_us_per_sale_batched_c32: batchedC32.busyUsPerSale,
      not_applied: all.reduce((s, r) => s + r.notApplied, 0),
      errors: all.reduce((s, r) => s + r.errors, 0),
    });
  } finally {
    await cleanup();
  }
}

await main();
