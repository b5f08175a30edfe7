import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { signJwt } from '../supabase/local/jwt';
import type { RunningStack } from '../supabase/local/stack';
import { benchArgs, percentile, report } from './lib/args';
import { bootBenchStack } from './lib/boot';

// postgres_changes as the app uses it: every till of a shop subscribed to its tenant's sales,
// each with its own user token, so every change is checked against RLS once per subscriber.
// Latency runs from the writer's commit acknowledgement to the supabase-js callback.

const MIGRATION = `
create table public.bench_sales (
  id bigint primary key,
  tenant_id text not null,
  total numeric(12, 2) not null,
  note text
);
alter table public.bench_sales enable row level security;
create policy "members read their sales" on public.bench_sales for select to authenticated
  using (tenant_id = (auth.jwt() -> 'app_metadata' ->> 'tenant_id'));
alter publication supabase_realtime add table public.bench_sales;
`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Commit and delivery times by row id; a latency is recorded when both are known. */
class Clock {
  private commits = new Map<number, number>();
  private early = new Map<number, number[]>();
  readonly latencies: number[] = [];
  deliveries = 0;
  lastDelivery = 0;

  committed(id: number, at: number): void {
    this.commits.set(id, at);
    for (const d of this.early.get(id) ?? []) this.latencies.push(d - at);
    this.early.delete(id);
  }

  delivered(id: number): void {
    const at = performance.now();
    this.deliveries++;
    this.lastDelivery = at;
    const c = this.commits.get(id);
    if (c === undefined) this.early.set(id, [...(this.early.get(id) ?? []), at]);
    else this.latencies.push(at - c);
  }
}

async function subscribers(stack: RunningStack, n: number, clock: Clock) {
  const clients: SupabaseClient[] = [];
  await Promise.all(
    Array.from({ length: n }, async () => {
      const client = createClient(stack.url, stack.anonKey, {
        auth: { persistSession: false, autoRefreshToken: false },
        realtime: { transport: WebSocket as unknown as typeof globalThis.WebSocket },
      });
      clients.push(client);
      const token = await signJwt(
        {
          sub: randomUUID(),
          role: 'authenticated',
          exp: Math.floor(Date.now() / 1000) + 3600,
          app_metadata: { tenant_id: 'shop' },
        },
        stack.jwtSecret,
      );
      await client.realtime.setAuth(token);
      const channel = client.channel(`sales-${randomUUID()}`);
      const ready = new Promise<void>((resolve, reject) => {
        channel.on('system', {}, (p: { status?: string; message?: string }) =>
          p.status === 'ok' ? resolve() : reject(new Error(p.message)),
        );
      });
      channel.on(
        'postgres_changes',
        { event: 'INSERT', schema: 'public', table: 'bench_sales' },
        (p) => clock.delivered(Number((p.new as { id: number }).id)),
      );
      channel.subscribe();
      await ready;
    }),
  );
  return async () => {
    await Promise.all(clients.map((c) => c.removeAllChannels()));
  };
}

let nextId = 1;
async function insert(stack: RunningStack, clock: Clock): Promise<void> {
  const id = nextId++;
  await stack.db.query(
    `insert into bench_sales (id, tenant_id, total) values ($1, 'shop', 12500)`,
    [id],
  );
  clock.committed(id, performance.now());
}

/** Paced single-row commits: latency under a steady, realistic write rate. */
async function latencyRun(stack: RunningStack, n: number, rows: number, gapMs: number) {
  const clock = new Clock();
  const stop = await subscribers(stack, n, clock);
  for (let i = 0; i < rows; i++) {
    await insert(stack, clock);
    await sleep(gapMs);
  }
  const deadline = Date.now() + 10_000;
  while (clock.deliveries < rows * n && Date.now() < deadline) await sleep(20);
  await stop();
  const sorted = clock.latencies.sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    missing: rows * n - clock.deliveries,
  };
}

/** Back-to-back commits: how many deliveries per second the fan-out sustains. */
async function throughputRun(stack: RunningStack, n: number, rows: number) {
  const clock = new Clock();
  const stop = await subscribers(stack, n, clock);
  const start = performance.now();
  for (let i = 0; i < rows; i++) await insert(stack, clock);
  const deadline = Date.now() + 30_000;
  while (clock.deliveries < rows * n && Date.now() < deadline) await sleep(10);
  await stop();
  return {
    perSecond: Math.round((clock.deliveries / (clock.lastDelivery - start)) * 1000),
    missing: rows * n - clock.deliveries,
  };
}

const args = benchArgs();
const dir = await mkdtemp(join(tmpdir(), 'lapak-bench-realtime-'));
await mkdir(join(dir, 'migrations'));
await writeFile(join(dir, 'migrations', '20240101000000_bench.sql'), MIGRATION);
const { stack, cleanup } = await bootBenchStack(args.db, { supabaseDir: dir, seed: false });
try {
  const many = args.smoke ? 5 : 50;
  const s1 = await latencyRun(stack, 1, args.smoke ? 10 : 200, 10);
  const s50 = await latencyRun(stack, many, args.smoke ? 10 : 200, 20);
  const burst = await throughputRun(stack, many, args.smoke ? 20 : 400);
  const missing = s1.missing + s50.missing + burst.missing;
  console.error(
    `s1 p50 ${s1.p50} ms; s${many} p50 ${s50.p50} p99 ${s50.p99} ms; ${burst.perSecond} deliveries/s; missing ${missing}`,
  );
  report('realtime', {
    db: args.db === 'memory' ? 'pglite' : 'postgres',
    subscribers: many,
    latency_p50_ms_s1: s1.p50,
    latency_p50_ms_s50: s50.p50,
    latency_p99_ms_s50: s50.p99,
    deliveries_per_s: burst.perSecond,
    missing_deliveries: missing,
  });
} finally {
  await cleanup();
  await rm(dir, { recursive: true, force: true });
}
