import { formatDateTime, INTL_LOCALE, type Locale } from '../../lib/i18n';
import { formatMoney } from '../../lib/money';
import type { PaymentMethod } from '../../lib/payments';
import { receiptText as words } from './messages';

/**
 * A receipt as printed, shown and shared: plain data the selling screens fill from a sale, so
 * this feature knows nothing of how sales are stored.
 */
export interface ReceiptLine {
  name: string;
  quantity: number;
  unitPrice: number;
  /** Before discounts. */
  gross: number;
  discount: number;
  note: string | null;
}

export interface ReceiptPayment {
  method: PaymentMethod;
  amount: number;
  tendered: number | null;
  change: number | null;
  pending: boolean;
}

export interface ReceiptData {
  shopName: string;
  header: string | null;
  footer: string | null;
  outletName: string | null;
  receiptNo: string;
  issuedAt: string;
  cashier: string | null;
  currency: string;
  taxMode: 'inclusive' | 'exclusive';
  lines: ReceiptLine[];
  subtotal: number;
  discountTotal: number;
  taxTotal: number;
  rounding: number;
  totalDue: number;
  payments: ReceiptPayment[];
  change: number;
  voided: boolean;
}

export type PaperWidth = 58 | 80;

/** Characters per line of a thermal printer's standard font. */
export const COLUMNS: Record<PaperWidth, number> = { 58: 32, 80: 48 };

function row(left: string, right: string, width: number): string {
  const space = width - left.length - right.length;
  if (space >= 1) return left + ' '.repeat(space) + right;
  return `${left}\n${' '.repeat(Math.max(0, width - right.length))}${right}`;
}

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = '';
    }
    line = line ? `${line} ${word}` : word.slice(0, width);
  }
  if (line) out.push(line);
  return out;
}

const center = (text: string, width: number) =>
  ' '.repeat(Math.max(0, Math.floor((width - text.length) / 2))) + text;

/**
 * The receipt as monospaced text, `width` characters wide: what "share as text" sends and what a
 * plain-text printer would print. The on-screen receipt shows the same content.
 */
export function receiptAsText(r: ReceiptData, locale: Locale, width = COLUMNS[58]): string {
  const w = words(locale);
  const money = (amount: number) => formatMoney(amount, r.currency, INTL_LOCALE[locale]);
  const rule = '-'.repeat(width);
  const out: string[] = [];
  out.push(...wrap(r.shopName, width).map((l) => center(l, width)));
  for (const h of (r.header ?? '').split('\n').filter(Boolean)) {
    if (h.trim() !== r.shopName.trim()) out.push(...wrap(h, width).map((l) => center(l, width)));
  }
  out.push(rule);
  out.push(row(w('receiptNo'), r.receiptNo, width));
  out.push(row(w('date'), formatDateTime(r.issuedAt, locale), width));
  if (r.cashier) out.push(row(w('cashier'), r.cashier, width));
  if (r.voided) out.push(center(`*** ${w('voided')} ***`, width));
  out.push(rule);
  for (const l of r.lines) {
    out.push(...wrap(l.name, width));
    out.push(row(`  ${l.quantity} x ${money(l.unitPrice)}`, money(l.gross), width));
    if (l.discount > 0) out.push(row(`  ${w('discount')}`, `-${money(l.discount)}`, width));
    if (l.note) out.push(...wrap(`  ${l.note}`, width));
  }
  out.push(rule);
  out.push(row(w('subtotal'), money(r.subtotal), width));
  const lineDiscounts = r.lines.reduce((s, l) => s + l.discount, 0);
  if (r.discountTotal > lineDiscounts) {
    out.push(row(w('orderDiscount'), `-${money(r.discountTotal - lineDiscounts)}`, width));
  }
  if (r.taxTotal > 0) {
    out.push(
      row(r.taxMode === 'inclusive' ? w('taxIncluded') : w('tax'), money(r.taxTotal), width),
    );
  }
  if (r.rounding !== 0) out.push(row(w('rounding'), money(r.rounding), width));
  out.push(row(w('total'), money(r.totalDue), width));
  for (const p of r.payments) {
    const label = `${w(p.method)}${p.pending ? ` (${w('pending')})` : ''}`;
    out.push(row(label, money(p.tendered ?? p.amount), width));
  }
  if (r.change > 0) out.push(row(w('change'), money(r.change), width));
  out.push(rule);
  for (const f of (r.footer ?? '').split('\n').filter(Boolean)) {
    out.push(...wrap(f, width).map((l) => center(l, width)));
  }
  return out.join('\n');
}
