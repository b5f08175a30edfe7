import { describe, expect, it, vi } from 'vitest';
import type { TillPresence } from '../../lib/presence';
import { formatAge, formatLatency } from './messages';
import {
  debounce,
  feedRowFromRecord,
  inDay,
  mergeFleet,
  readPresence,
  upsertFeed,
  type DeviceRow,
  type Directory,
  type FeedRow,
} from './model';

const T1 = '11111111-1111-4111-8111-111111111111';
const T2 = '22222222-2222-4222-8222-222222222222';
const T3 = '33333333-3333-4333-8333-333333333333';
const OUTLET = '44444444-4444-4444-8444-444444444444';
const STAFF = '55555555-5555-4555-8555-555555555555';

function device(id: string, code: string, extra: Partial<DeviceRow> = {}): DeviceRow {
  return {
    id,
    name: `Kasir ${code}`,
    device_code: code,
    outlet_id: OUTLET,
    last_push_at: null,
    last_pull_at: null,
    app_version: '0.1.0',
    claimed_at: '2025-01-06T00:00:00.000Z',
    ...extra,
  };
}

function presence(id: string, extra: Partial<TillPresence> = {}): TillPresence {
  return {
    device_id: id,
    device_name: 'Kasir',
    outlet_id: OUTLET,
    staff_id: STAFF,
    staff_name: 'Ani',
    online: true,
    pending: 0,
    oldest_pending_at: null,
    needs_attention: 0,
    last_push_at: '2025-01-06T08:00:00.000Z',
    last_pull_at: null,
    app_version: '0.2.0',
    at: '2025-01-06T08:00:00.000Z',
    ...extra,
  };
}

describe('readPresence', () => {
  it('keeps valid till entries, the newest per device, and ignores anything else', () => {
    const old = presence(T1, { pending: 3, at: '2025-01-06T08:00:00.000Z' });
    const fresh = presence(T1, { pending: 0, at: '2025-01-06T08:00:05.000Z' });
    const state = {
      [T1]: [
        { ...fresh, presence_ref: 'b' },
        { ...old, presence_ref: 'a' },
      ],
      manager: [{ watching: true }],
      [T2]: [{ ...presence(T2), pending: -1 }],
    };
    const read = readPresence(state);
    expect([...read.keys()]).toEqual([T1]);
    expect(read.get(T1)?.pending).toBe(0);
  });
});

describe('mergeFleet', () => {
  const devices = [
    device(T1, 'T1', { last_push_at: '2025-01-06T07:00:00.000Z' }),
    device(T2, 'T2'),
    device(T3, 'T10'),
  ];

  it('shows live tills online with their cashier and outbox', () => {
    const live = new Map([[T1, presence(T1, { pending: 2 })]]);
    const [first] = mergeFleet(devices, live, live);
    expect(first).toMatchObject({
      id: T1,
      online: true,
      cashier: 'Ani',
      pending: 2,
      atRisk: false,
      appVersion: '0.2.0',
      // The later of the server's record and the till's own report.
      lastSyncAt: '2025-01-06T08:00:00.000Z',
    });
  });

  it('puts a till that left with unsynced sales first, as at risk', () => {
    const lastSeen = new Map([
      [T2, presence(T2, { pending: 4, oldest_pending_at: '2025-01-06T07:59:00.000Z' })],
      [T1, presence(T1)],
    ]);
    const live = new Map([[T1, presence(T1)]]);
    const fleet = mergeFleet(devices, live, lastSeen);
    expect(fleet.map((t) => t.code)).toEqual(['T2', 'T1', 'T10']);
    expect(fleet[0]).toMatchObject({ online: false, atRisk: true, pending: 4, cashier: null });
    // Never seen: nothing known about its outbox, so not flagged.
    expect(fleet[2]).toMatchObject({
      seen: false,
      pending: null,
      atRisk: false,
      appVersion: '0.1.0',
    });
  });

  it('lists tills registered but not yet claimed last', () => {
    const unclaimed = device('66666666-6666-4666-8666-666666666666', 'T0', { claimed_at: null });
    const fleet = mergeFleet([unclaimed, ...devices], new Map(), new Map());
    expect(fleet.map((t) => [t.code, t.paired])).toEqual([
      ['T1', true],
      ['T2', true],
      ['T10', true],
      ['T0', false],
    ]);
  });

  it('counts a till on the channel without a network as offline', () => {
    const live = new Map([[T1, presence(T1, { online: false, pending: 1 })]]);
    const [first] = mergeFleet(devices, live, live);
    expect(first).toMatchObject({ id: T1, online: false, atRisk: true });
  });
});

describe('feed rows', () => {
  const dir: Directory = {
    devices: new Map([[T1, { name: 'Kasir Depan', code: 'T1' }]]),
    staff: new Map([[STAFF, 'Ani']]),
    outlets: new Map([[OUTLET, { code: 'JKT1', name: 'Jakarta' }]]),
  };
  const record = {
    id: T3,
    receipt_no: 'JKT1-T1-000007',
    outlet_id: OUTLET,
    device_id: T1,
    staff_id: STAFF,
    status: 'completed',
    total_due: 24500,
    completed_at: '2025-01-06T08:00:00.000Z',
    created_at: '2025-01-06T08:00:00.450Z',
  };

  it('builds a row from a change with names and sync latency', () => {
    expect(feedRowFromRecord(record, dir)).toMatchObject({
      sale_id: T3,
      device_name: 'Kasir Depan',
      staff_name: 'Ani',
      outlet_code: 'JKT1',
      latency_ms: 450,
      item_count: null,
    });
    expect(feedRowFromRecord({ id: T3 }, dir)).toBeNull();
  });

  it('keeps the newest first, replaces a sale in place and keeps what the RPC knew', () => {
    const a = feedRowFromRecord(record, dir)!;
    const full: FeedRow = { ...a, item_count: 3, methods: ['cash'] };
    const b = feedRowFromRecord(
      { ...record, id: T2, receipt_no: 'JKT1-T1-000008', created_at: '2025-01-06T08:01:00.000Z' },
      dir,
    )!;
    let rows = upsertFeed([full], b);
    expect(rows.map((r) => r.sale_id)).toEqual([T2, T3]);
    rows = upsertFeed(rows, { ...a, status: 'voided' });
    expect(rows.find((r) => r.sale_id === T3)).toMatchObject({
      status: 'voided',
      item_count: 3,
      methods: ['cash'],
    });
    expect(upsertFeed(rows, b, 1)).toHaveLength(1);
  });
});

describe('inDay', () => {
  it("takes the day's bounds from the server, end excluded", () => {
    const day = { from: '2025-01-05T17:00:00.000Z', to: '2025-01-06T17:00:00.000Z' };
    expect(inDay(day, '2025-01-05T17:00:00.000Z')).toBe(true);
    expect(inDay(day, '2025-01-06T16:59:59.999Z')).toBe(true);
    expect(inDay(day, '2025-01-06T17:00:00.000Z')).toBe(false);
    expect(inDay(day, '2025-01-05T16:59:59.000Z')).toBe(false);
  });
});

describe('formats', () => {
  it.each([
    [400, 'id', '400 md'],
    [1_500, 'id', '1,5 dtk'],
    [1_500, 'en', '1.5 s'],
    [125_000, 'en', '2 min'],
    [2 * 3600_000 + 5 * 60_000, 'en', '2 h 5 min'],
  ] as const)('latency %i in %s is %s', (ms, locale, text) => {
    expect(formatLatency(ms, locale)).toBe(text);
  });

  it('ages run to days', () => {
    expect(formatAge(3 * 24 * 3600_000, 'id')).toBe('3 hr');
  });
});

describe('debounce', () => {
  it('runs once after a burst', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const run = debounce(fn, 250);
    run();
    vi.advanceTimersByTime(200);
    run();
    vi.advanceTimersByTime(200);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(50);
    expect(fn).toHaveBeenCalledTimes(1);
    run();
    run.cancel();
    vi.advanceTimersByTime(500);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.useRealTimers();
  });
});
