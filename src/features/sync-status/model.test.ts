import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../sync/status';
import { adviceFor, formatAgo, lastSyncAt, pendingAgeMs, receiptOf, syncHealth } from './model';

const status = (patch: Partial<SyncStatus> = {}): SyncStatus => ({
  pending: 0,
  oldestPendingAgeMs: null,
  attention: 0,
  lastPushAt: null,
  lastPullAt: null,
  lastError: null,
  needsPairing: false,
  ...patch,
});

describe('syncHealth', () => {
  it.each([
    [status({ needsPairing: true, attention: 2 }), true, 'needs-pairing'],
    [status({ attention: 1, pending: 3 }), false, 'attention'],
    [status({ pending: 3 }), false, 'offline'],
    [status({ pending: 3, lastError: 'HTTP 503' }), true, 'retrying'],
    [status({ pending: 3 }), true, 'pending'],
    [status({ lastPullAt: '2025-01-01T00:00:00Z' }), true, 'synced'],
    [status(), true, 'never'],
    [null, true, 'never'],
  ] as const)('%o online=%s → %s', (s, online, expected) => {
    expect(syncHealth(s, online)).toBe(expected);
  });
});

describe('sync figures', () => {
  it('takes the later of the last push and pull', () => {
    expect(
      lastSyncAt(
        status({ lastPushAt: '2025-01-02T00:00:00Z', lastPullAt: '2025-01-01T00:00:00Z' }),
      ),
    ).toBe('2025-01-02T00:00:00Z');
    expect(lastSyncAt(status())).toBeNull();
  });

  it('ages the oldest pending mutation from when the status was read', () => {
    expect(pendingAgeMs(status({ oldestPendingAgeMs: 5_000 }), 1_000, 4_000)).toBe(8_000);
    expect(pendingAgeMs(status(), 1_000, 4_000)).toBeNull();
  });

  it('words ages coarsely in both languages', () => {
    expect(formatAgo(5 * 60_000, 'en')).toBe('5 minutes ago');
    expect(formatAgo(5 * 60_000, 'id-ID')).toBe('5 menit yang lalu');
    expect(formatAgo(3 * 3_600_000, 'en')).toBe('3 hours ago');
  });
});

describe('adviceFor', () => {
  it.each([
    ['staff_inactive', 'staff'],
    ['approval_required', 'approval'],
    ['shift_closed', 'shift'],
    ['unknown_product', 'missing'],
    ['sale_voided', 'saleChanged'],
    ['version_conflict', 'conflict'],
    ['duplicate_receipt_no', 'duplicate'],
    ['totals_mismatch', 'invalid'],
    ['invalid_payload', 'invalid'],
    ['discount_exceeds_line', 'invalid'],
    ['constructor', 'other'],
    ['something_new', 'other'],
  ])('%s → %s', (code, advice) => {
    expect(adviceFor(code)).toBe(advice);
  });

  it('finds the receipt number a payload names', () => {
    expect(receiptOf({ receipt_no: 'JKT1-T1-000042' })).toBe('JKT1-T1-000042');
    expect(receiptOf({ shift_id: 'x' })).toBeNull();
    expect(receiptOf(null)).toBeNull();
  });
});
