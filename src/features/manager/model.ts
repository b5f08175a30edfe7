import { z } from 'zod';
import { TillPresenceSchema, type TillPresence } from '../../lib/presence';

/**
 * The manager dashboard's data, as the dashboard RPCs (supabase/migrations/…_dashboard.sql) and
 * the tables answer it, and the pure rules that turn it into what the screen shows: the fleet
 * merged with presence, feed rows from live changes, sync latency. No React, no network.
 */

const int = z.number().int();
const isoTime = z.string().min(1);

export const KpiSchema = z.object({
  revenue: int,
  transactions: int,
  average_basket: int,
  refunds: int,
  refund_count: int,
});

export const SummarySchema = z.object({
  day: z.string(),
  timezone: z.string(),
  currency: z.string(),
  currency_exponent: int,
  /** The day's bounds as instants: sales completed in [from, to) count for it. */
  from: isoTime,
  to: isoTime,
  totals: KpiSchema.extend({ voided: int, net_revenue: int }),
  outlets: z.array(
    KpiSchema.extend({ outlet_id: z.string(), code: z.string(), name: z.string(), voided: int }),
  ),
  hours: z.array(z.object({ hour: int, revenue: int, transactions: int })),
  payments: z.array(z.object({ method: z.string(), amount: int, count: int })),
  cashiers: z.array(
    z.object({
      staff_id: z.string(),
      name: z.string().nullable(),
      revenue: int,
      transactions: int,
    }),
  ),
  products: z.array(
    z.object({ product_id: z.string(), name: z.string(), quantity: int, revenue: int }),
  ),
});
export type Summary = z.infer<typeof SummarySchema>;

export const FeedRowSchema = z.object({
  sale_id: z.string(),
  receipt_no: z.string(),
  outlet_code: z.string().nullable(),
  device_id: z.string(),
  device_name: z.string().nullable(),
  device_code: z.string().nullable(),
  staff_id: z.string(),
  staff_name: z.string().nullable(),
  status: z.string(),
  total_due: int,
  item_count: int.nullable(),
  methods: z.array(z.string()).nullable(),
  completed_at: isoTime,
  received_at: isoTime,
  latency_ms: int,
});
export type FeedRow = z.infer<typeof FeedRowSchema>;

export const DeviceRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  device_code: z.string(),
  outlet_id: z.string(),
  last_push_at: isoTime.nullable(),
  last_pull_at: isoTime.nullable(),
  app_version: z.string().nullable(),
  claimed_at: isoTime.nullable(),
});
export type DeviceRow = z.infer<typeof DeviceRowSchema>;

export const ALERT_KINDS = ['negative_stock', 'rejected_mutation', 'price_mismatch'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const AlertRowSchema = z.object({
  id: z.string(),
  kind: z.enum(ALERT_KINDS),
  payload: z.record(z.string(), z.unknown()),
  product_id: z.string().nullable(),
  sale_id: z.string().nullable(),
  device_id: z.string().nullable(),
  occurrences: int,
  resolved_at: isoTime.nullable(),
  created_at: isoTime,
});
export type AlertRow = z.infer<typeof AlertRowSchema>;

export const AlertDetailSchema = z.object({
  alert: AlertRowSchema,
  product: z.object({ name: z.string(), sku: z.string().nullable() }).nullable(),
  location: z.object({ code: z.string(), name: z.string() }).nullable(),
  device: z.object({ name: z.string(), device_code: z.string() }).nullable(),
  mutation: z
    .object({
      kind: z.string(),
      code: z.string().nullable(),
      message: z.string().nullable(),
      staff_name: z.string().nullable(),
      device_created_at: isoTime.nullable(),
      payload: z.record(z.string(), z.unknown()).nullable(),
    })
    .nullable(),
  sales: z.array(
    z.object({
      sale_id: z.string(),
      receipt_no: z.string(),
      status: z.string(),
      total_due: int,
      completed_at: isoTime,
      device_name: z.string().nullable(),
      staff_name: z.string().nullable(),
      items: z.array(
        z.object({
          name: z.string(),
          quantity: int,
          unit_price: int,
          catalog_price: int.nullable(),
          total: int,
        }),
      ),
    }),
  ),
});
export type AlertDetail = z.infer<typeof AlertDetailSchema>;

/** Names the feed needs for a change that arrives as a bare row. */
export interface Directory {
  devices: ReadonlyMap<string, { name: string; code: string }>;
  staff: ReadonlyMap<string, string>;
  outlets: ReadonlyMap<string, { code: string; name: string }>;
}

/** Sync latency: when the server stored the sale minus when the till completed it. */
export function latencyMs(completedAt: string, receivedAt: string): number {
  return Math.max(0, Date.parse(receivedAt) - Date.parse(completedAt));
}

const SaleRecordSchema = z.object({
  id: z.string(),
  receipt_no: z.string(),
  outlet_id: z.string(),
  device_id: z.string(),
  staff_id: z.string(),
  status: z.string(),
  total_due: z.coerce.number().int(),
  completed_at: isoTime,
  created_at: isoTime,
});

/**
 * A feed row from a `sales` row as postgres_changes delivers it. Item count and payment methods
 * are not on the row: they stay null until the next feed refresh fills them in.
 */
export function feedRowFromRecord(record: unknown, dir: Directory): FeedRow | null {
  const parsed = SaleRecordSchema.safeParse(record);
  if (!parsed.success) return null;
  const s = parsed.data;
  const device = dir.devices.get(s.device_id);
  return {
    sale_id: s.id,
    receipt_no: s.receipt_no,
    outlet_code: dir.outlets.get(s.outlet_id)?.code ?? null,
    device_id: s.device_id,
    device_name: device?.name ?? null,
    device_code: device?.code ?? null,
    staff_id: s.staff_id,
    staff_name: dir.staff.get(s.staff_id) ?? null,
    status: s.status,
    total_due: s.total_due,
    item_count: null,
    methods: null,
    completed_at: s.completed_at,
    received_at: s.created_at,
    latency_ms: latencyMs(s.completed_at, s.created_at),
  };
}

/** Whether a sale completed at `completedAt` belongs to the summary's day. */
export function inDay(summary: Pick<Summary, 'from' | 'to'>, completedAt: string): boolean {
  const t = Date.parse(completedAt);
  return t >= Date.parse(summary.from) && t < Date.parse(summary.to);
}

/** Inserts or replaces a row, newest received first, keeping at most `limit` rows. */
export function upsertFeed(rows: readonly FeedRow[], row: FeedRow, limit = 50): FeedRow[] {
  const rest = rows.filter((r) => r.sale_id !== row.sale_id);
  const previous = rows.find((r) => r.sale_id === row.sale_id);
  // A live update (a void) must not erase what the RPC already told about the sale.
  const merged: FeedRow = previous
    ? {
        ...row,
        item_count: row.item_count ?? previous.item_count,
        methods: row.methods ?? previous.methods,
      }
    : row;
  return [...rest, merged]
    .sort((a, b) => Date.parse(b.received_at) - Date.parse(a.received_at))
    .slice(0, limit);
}

/**
 * Presence entries of the tills channel, validated: anything that is not a TillPresence (another
 * manager watching, a malformed entry) is ignored. A till that appears twice (two sockets for a
 * moment after a reconnect) is represented by its most recent entry.
 */
export function readPresence(state: Record<string, unknown[]>): Map<string, TillPresence> {
  const out = new Map<string, TillPresence>();
  for (const metas of Object.values(state)) {
    for (const meta of metas) {
      const parsed = TillPresenceSchema.safeParse(meta);
      if (!parsed.success) continue;
      const p = parsed.data;
      const seen = out.get(p.device_id);
      if (!seen || Date.parse(p.at) >= Date.parse(seen.at)) out.set(p.device_id, p);
    }
  }
  return out;
}

export interface FleetTill {
  id: string;
  name: string;
  code: string;
  outletId: string;
  /** On the channel and reporting a network. */
  online: boolean;
  /** Whether anything was heard from it since the dashboard opened. */
  seen: boolean;
  /** A till registered by a manager but not yet claimed by its tablet. */
  paired: boolean;
  cashier: string | null;
  /** Last known outbox size (null when never seen). */
  pending: number | null;
  oldestPendingAt: string | null;
  needsAttention: number;
  lastSyncAt: string | null;
  appVersion: string | null;
  /** Offline with sales the server does not have yet: the case a manager must notice. */
  atRisk: boolean;
}

function later(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/**
 * Every paired till of the tenant with what presence says about it. `live` is who is on the
 * channel now; `lastSeen` keeps the last entry of tills that left, so a till that dropped off with
 * a full outbox stays visible as at risk.
 */
export function mergeFleet(
  devices: readonly DeviceRow[],
  live: ReadonlyMap<string, TillPresence>,
  lastSeen: ReadonlyMap<string, TillPresence>,
): FleetTill[] {
  const tills = devices.map((d): FleetTill => {
    const now = live.get(d.id);
    const p = now ?? lastSeen.get(d.id);
    const online = now !== undefined && now.online;
    const pending = p ? p.pending : null;
    return {
      id: d.id,
      name: p?.device_name ?? d.name,
      code: d.device_code,
      outletId: d.outlet_id,
      online,
      seen: p !== undefined,
      paired: d.claimed_at !== null,
      cashier: online ? (now?.staff_name ?? null) : null,
      pending,
      oldestPendingAt: p?.oldest_pending_at ?? null,
      needsAttention: p?.needs_attention ?? 0,
      lastSyncAt: later(later(d.last_push_at, d.last_pull_at), p ? p.last_push_at : null),
      appVersion: p?.app_version ?? d.app_version,
      atRisk: !online && (pending ?? 0) > 0,
    };
  });
  // At-risk tills first, then online ones, then offline ones, then those not paired yet.
  const rank = (t: FleetTill) => (t.atRisk ? 0 : t.online ? 1 : t.paired ? 2 : 3);
  return tills.sort(
    (a, b) => rank(a) - rank(b) || a.code.localeCompare(b.code, 'en', { numeric: true }),
  );
}

/** The sales an alert names, for the "open the sales behind it" link count. */
export function alertSaleCount(alert: AlertRow): number {
  const sales = alert.payload.sales;
  if (Array.isArray(sales)) return sales.length;
  return alert.sale_id ? 1 : 0;
}

/** Calls (`fn`) at most once per `waitMs`, after the last request in a burst. */
export function debounce(fn: () => void, waitMs: number): { (): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      fn();
    }, waitMs);
  };
  run.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return run;
}
