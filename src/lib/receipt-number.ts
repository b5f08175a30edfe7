import { ErrorCode, fail } from './errors';

/**
 * Receipt numbers are unique without asking the server: `<outlet>-<device>-<counter>`, e.g.
 * "JKT01-T2-000042". The device counter is written in the same local transaction as the sale, and
 * a re-paired device gets a new device code, so a number is never issued twice.
 *
 * Each number has exactly one spelling (codes uppercase, counter padded to exactly 6 digits or
 * unpadded beyond that): parse(format(x)) = x and format(parse(s)) = s, so receipt numbers can be
 * compared and indexed as plain strings.
 */

export interface ReceiptNumber {
  readonly outletCode: string;
  readonly deviceCode: string;
  readonly counter: number;
}

const CODE = /^[A-Z0-9]{2,8}$/;
const COUNTER_WIDTH = 6;

export function isValidCode(code: unknown): code is string {
  return typeof code === 'string' && CODE.test(code);
}

function assertCounter(counter: unknown): asserts counter is number {
  if (!Number.isSafeInteger(counter) || (counter as number) < 1) {
    fail(ErrorCode.INVALID_COUNTER, { value: counter });
  }
}

export function formatReceiptNumber({ outletCode, deviceCode, counter }: ReceiptNumber): string {
  if (!isValidCode(outletCode)) fail(ErrorCode.INVALID_OUTLET_CODE, { value: outletCode });
  if (!isValidCode(deviceCode)) fail(ErrorCode.INVALID_DEVICE_CODE, { value: deviceCode });
  assertCounter(counter);
  return `${outletCode}-${deviceCode}-${String(counter).padStart(COUNTER_WIDTH, '0')}`;
}

/**
 * Parses a receipt number as printed. Lowercase codes are rejected rather than uppercased:
 * accepting two spellings would let the same receipt appear under two strings.
 */
export function parseReceiptNumber(text: string): ReceiptNumber {
  if (typeof text !== 'string') fail(ErrorCode.INVALID_RECEIPT_NUMBER, { value: text });
  const parts = text.split('-');
  if (parts.length !== 3) fail(ErrorCode.INVALID_RECEIPT_NUMBER, { value: text });
  const [outletCode = '', deviceCode = '', digits = ''] = parts;
  if (!isValidCode(outletCode)) fail(ErrorCode.INVALID_OUTLET_CODE, { value: outletCode });
  if (!isValidCode(deviceCode)) fail(ErrorCode.INVALID_DEVICE_CODE, { value: deviceCode });
  const canonical =
    /^\d+$/.test(digits) &&
    (digits.length === COUNTER_WIDTH || (digits.length > COUNTER_WIDTH && !digits.startsWith('0')));
  if (!canonical) fail(ErrorCode.INVALID_COUNTER, { value: digits });
  const counter = Number(digits);
  assertCounter(counter);
  return { outletCode, deviceCode, counter };
}

/**
 * The counter for the next sale on this device; 0 means none issued yet. Strictly increasing,
 * and it refuses to wrap or lose precision past 2^53 − 1 (`counter_exhausted`): at that point the
 * device must be re-paired for a new device code.
 */
export function nextCounter(previous: number): number {
  if (!Number.isSafeInteger(previous) || previous < 0) {
    fail(ErrorCode.INVALID_COUNTER, { value: previous });
  }
  const next = previous + 1;
  if (!Number.isSafeInteger(next)) fail(ErrorCode.COUNTER_EXHAUSTED, { previous });
  return next;
}
