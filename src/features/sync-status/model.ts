import type { SyncStatus } from '../../sync/status';

export type SyncHealth =
  'needs-pairing' | 'attention' | 'offline' | 'retrying' | 'pending' | 'synced' | 'never';

/** Unsent work older than this is worth a warning colour even when nothing failed. */
export const STALE_PENDING_MS = 15 * 60_000;

/** One word for the status bar, most urgent first: what needs a person beats what will heal. */
export function syncHealth(status: SyncStatus | null, online: boolean): SyncHealth {
  if (status?.needsPairing) return 'needs-pairing';
  if (status && status.attention > 0) return 'attention';
  if (!online) return 'offline';
  if (status && status.pending > 0) return status.lastError ? 'retrying' : 'pending';
  return lastSyncAt(status) ? 'synced' : 'never';
}

export function lastSyncAt(status: SyncStatus | null): string | null {
  const times = [status?.lastPushAt, status?.lastPullAt].filter((t): t is string => !!t);
  return times.sort().at(-1) ?? null;
}

/** The oldest pending mutation's age now, from a status read `readAt` (epoch ms). */
export function pendingAgeMs(
  status: SyncStatus | null,
  readAt: number,
  now: number,
): number | null {
  if (!status || status.oldestPendingAgeMs === null) return null;
  return status.oldestPendingAgeMs + Math.max(0, now - readAt);
}

/**
 * What a person should do about a rejected mutation, by the server's code. The record is never
 * dropped: the till keeps it and managers see the same rejection as an alert.
 */
export type Advice =
  | 'staff'
  | 'approval'
  | 'shift'
  | 'missing'
  | 'saleChanged'
  | 'conflict'
  | 'duplicate'
  | 'stock'
  | 'invalid'
  | 'other';

const ADVICE: Record<string, Advice> = {
  staff_inactive: 'staff',
  unknown_staff: 'staff',
  permission_denied: 'approval',
  approval_required: 'approval',
  unknown_shift: 'shift',
  shift_closed: 'shift',
  shift_already_open: 'shift',
  unknown_product: 'missing',
  unknown_customer: 'missing',
  unknown_location: 'missing',
  unknown_outlet: 'missing',
  unknown_sale: 'saleChanged',
  unknown_sale_item: 'saleChanged',
  sale_voided: 'saleChanged',
  already_voided: 'saleChanged',
  sale_has_refunds: 'saleChanged',
  refund_exceeds_sale: 'saleChanged',
  refund_method_mismatch: 'saleChanged',
  version_conflict: 'conflict',
  duplicate_receipt_no: 'duplicate',
  duplicate_id: 'duplicate',
  insufficient_stock: 'stock',
};

export function adviceFor(code: string): Advice {
  const known = Object.hasOwn(ADVICE, code) ? ADVICE[code] : undefined;
  if (known) return known;
  if (
    code.startsWith('invalid_') ||
    code.startsWith('discount_') ||
    ['totals_mismatch', 'empty_cart', 'insufficient_payment', 'overpayment_noncash'].includes(code)
  ) {
    return 'invalid';
  }
  return 'other';
}

/** The receipt number a rejected mutation concerns, when its payload names one. */
export function receiptOf(payload: unknown): string | null {
  const no = (payload as { receipt_no?: unknown } | null)?.receipt_no;
  return typeof no === 'string' ? no : null;
}

/** "5 minutes ago" / "5 menit yang lalu", coarse on purpose: a status bar, not a log. */
export function formatAgo(ms: number, intlLocale: string): string {
  const rtf = new Intl.RelativeTimeFormat(intlLocale, { numeric: 'auto' });
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return rtf.format(-seconds, 'second');
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return rtf.format(-minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (hours < 48) return rtf.format(-hours, 'hour');
  return rtf.format(-Math.round(hours / 24), 'day');
}
