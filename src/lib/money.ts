import { ErrorCode, fail } from './errors';

/**
 * Money is an integer count of the currency's minor unit (`number`, always a safe integer). No
 * float ever holds a fractional amount: every value is checked with Number.isSafeInteger where it
 * enters, sums are checked for overflow, and products that can pass 2^53 go through BigInt.
 */

export const MAX_AMOUNT = Number.MAX_SAFE_INTEGER;

export function assertSafeAmount(value: unknown, field = 'amount'): asserts value is number {
  if (!Number.isSafeInteger(value)) fail(ErrorCode.INVALID_AMOUNT, { field, value });
}

export function checkedAdd(a: number, b: number): number {
  assertSafeAmount(a, 'a');
  assertSafeAmount(b, 'b');
  const sum = a + b;
  // Operands are safe integers, so an exact sum beyond the safe range rounds to a value that
  // isSafeInteger rejects: the check cannot be fooled by float rounding.
  if (!Number.isSafeInteger(sum)) fail(ErrorCode.AMOUNT_OVERFLOW, { a, b });
  return sum;
}

export function sumAmounts(values: Iterable<number>): number {
  let sum = 0;
  for (const v of values) sum = checkedAdd(sum, v);
  return sum;
}

/**
 * round(a × b / c), halves away from zero (half-up for the non-negative amounts of a sale).
 * When |a × b| is a safe integer the float product is exact and so is the remainder, so Number
 * arithmetic suffices; otherwise the product (up to ~2^106) is computed in BigInt.
 */
export function mulDivHalfUp(a: number, b: number, c: number): number {
  assertSafeAmount(a, 'a');
  assertSafeAmount(b, 'b');
  if (!Number.isSafeInteger(c) || c <= 0) fail(ErrorCode.INVALID_AMOUNT, { field: 'c', value: c });
  const negative = a < 0 !== b < 0;
  const product = Math.abs(a) * Math.abs(b);
  let magnitude: number;
  if (Number.isSafeInteger(product)) {
    const rem = product % c;
    magnitude = (product - rem) / c + (rem * 2 >= c ? 1 : 0);
  } else {
    const p = BigInt(Math.abs(a)) * BigInt(Math.abs(b));
    const C = BigInt(c);
    const q = p / C + ((p % C) * 2n >= C ? 1n : 0n);
    if (q > BigInt(MAX_AMOUNT)) fail(ErrorCode.AMOUNT_OVERFLOW, { a, b, c });
    magnitude = Number(q);
  }
  return negative && magnitude !== 0 ? -magnitude : magnitude;
}

/**
 * Rounds a cash total to a multiple of `step` (e.g. 100, 500 or 1000 rupiah when small coins are
 * scarce). A remainder of exactly half a step rounds up: the rule shops apply at the counter and
 * the one the SQL side mirrors. Negative amounts (refunds) round their magnitude the same way, so
 * refunding a sale gives back exactly what was taken. Step 0 means "no cash rounding".
 */
export function roundCash(amount: number, step: number): number {
  assertSafeAmount(amount);
  if (!Number.isSafeInteger(step) || step < 0) fail(ErrorCode.INVALID_ROUNDING_STEP, { step });
  if (step === 0) return amount;
  const abs = Math.abs(amount);
  const rem = abs % step;
  const rounded = rem * 2 >= step ? checkedAdd(abs - rem, step) : abs - rem;
  return amount < 0 && rounded !== 0 ? -rounded : rounded;
}

// ---------------------------------------------------------------------------------------------
// Currencies

/**
 * Default minor-unit exponents. IDR is 0 rather than ISO 4217's 2 because rupiah prices are quoted
 * and paid in whole rupiah; a tenant can still override the exponent (see resolveCurrency).
 */
export const CURRENCY_EXPONENTS = {
  IDR: 0,
  USD: 2,
  EUR: 2,
  SGD: 2,
  MYR: 2,
  JPY: 0,
} as const satisfies Record<string, number>;

export type KnownCurrencyCode = keyof typeof CURRENCY_EXPONENTS;

export interface Currency {
  readonly code: string;
  readonly exponent: number;
}

/** A code (table default exponent) or a tenant's resolved currency. */
export type CurrencyLike = string | Currency;

// 10^4 keeps every scale exact and covers every ISO currency in use (CLF/UYW have 4).
const MAX_EXPONENT = 4;

export function resolveCurrency(code: string, exponentOverride?: number): Currency {
  if (!Object.hasOwn(CURRENCY_EXPONENTS, code)) fail(ErrorCode.UNKNOWN_CURRENCY, { code });
  const exponent = exponentOverride ?? CURRENCY_EXPONENTS[code as KnownCurrencyCode];
  if (!Number.isInteger(exponent) || exponent < 0 || exponent > MAX_EXPONENT) {
    fail(ErrorCode.INVALID_CURRENCY_EXPONENT, { code, exponent });
  }
  return { code, exponent };
}

function toCurrency(currency: CurrencyLike): Currency {
  return typeof currency === 'string'
    ? resolveCurrency(currency)
    : resolveCurrency(currency.code, currency.exponent);
}

// ---------------------------------------------------------------------------------------------
// Formatting

export const MONEY_LOCALES = ['id-ID', 'en'] as const;
export type MoneyLocale = (typeof MONEY_LOCALES)[number];

function assertLocale(locale: string): asserts locale is MoneyLocale {
  if (!(MONEY_LOCALES as readonly string[]).includes(locale)) {
    fail(ErrorCode.UNSUPPORTED_LOCALE, { locale });
  }
}

const formatters = new Map<string, Intl.NumberFormat>();
function formatter(locale: MoneyLocale, code: string, fractionDigits: number): Intl.NumberFormat {
  const key = `${locale}|${code}|${fractionDigits}`;
  let nf = formatters.get(key);
  if (nf === undefined) {
    nf = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: code,
      minimumFractionDigits: fractionDigits,
      maximumFractionDigits: fractionDigits,
    });
    formatters.set(key, nf);
  }
  return nf;
}

/**
 * Formats minor units for display, e.g. formatMoney(50000, 'IDR', 'id-ID') → "Rp 50.000"
 * (Intl puts a no-break space after "Rp").
 *
 * Exactness: Intl only ever receives the whole-unit part, a safe integer and therefore exactly
 * representable, so its grouping and symbol placement cannot round anything. The fraction digits
 * are built from the integer remainder and spliced in after Intl's last integer digit, using the
 * locale's decimal separator taken from Intl itself. Passing amount / 100 to Intl would not be
 * exact: above ~2^46 cents the nearest double is off by more than a cent.
 */
export function formatMoney(amount: number, currency: CurrencyLike, locale: MoneyLocale): string {
  assertSafeAmount(amount);
  assertLocale(locale);
  const { code, exponent } = toCurrency(currency);
  const scale = 10 ** exponent;
  const abs = Math.abs(amount);
  const fraction = abs % scale;
  const whole = (abs - fraction) / scale;
  // For -0.50 the whole part is -0, which Intl still renders with its minus sign.
  const parts = formatter(locale, code, 0).formatToParts(amount < 0 ? -whole : whole);
  if (exponent === 0) return parts.map((p) => p.value).join('');
  const decimal =
    formatter(locale, code, 1)
      .formatToParts(0.5)
      .find((p) => p.type === 'decimal')?.value ?? '.';
  const lastInteger = parts.findLastIndex((p) => p.type === 'integer');
  const digits = String(fraction).padStart(exponent, '0');
  return parts
    .map((p, i) => (i === lastInteger ? `${p.value}${decimal}${digits}` : p.value))
    .join('');
}

// ---------------------------------------------------------------------------------------------
// Parsing what a cashier types

// "rb"/"ribu" and "jt"/"juta" are how Indonesians write thousands and millions ("50rb",
// "1,5jt"); "k" is understood in both locales.
const MULTIPLIERS: Readonly<Record<string, bigint>> = {
  k: 1_000n,
  rb: 1_000n,
  ribu: 1_000n,
  jt: 1_000_000n,
  juta: 1_000_000n,
};
const SUFFIX = /^(.*?)\s*(ribu|rb|k|juta|jt)$/;
const MINUS = /^[-\u2212]\s*/;
const MAX_INPUT_LENGTH = 64;

function currencyTokens(code: string): string[] {
  const tokens = new Set([code.toLowerCase()]);
  if (code === 'IDR') tokens.add('rp.').add('rp');
  for (const locale of MONEY_LOCALES) {
    const symbol = formatter(locale, code, 0)
      .formatToParts(1)
      .find((p) => p.type === 'currency')?.value;
    if (symbol !== undefined) tokens.add(symbol.toLowerCase());
  }
  return [...tokens].sort((a, b) => b.length - a.length);
}

function stripCurrency(text: string, tokens: readonly string[]): string {
  const head = tokens.find((t) => text.startsWith(t));
  const s = head === undefined ? text : text.slice(head.length).trimStart();
  const tail = tokens.find((t) => s.endsWith(t));
  return tail === undefined ? s : s.slice(0, -tail.length).trimEnd();
}

/**
 * Splits "1.234.567,89"-style text into integer and fraction digits. Which mark is the decimal:
 * - after a multiplier suffix ("1,5jt", "1.5jt") the only mark allowed is the decimal;
 * - when both marks appear, the last one is the decimal and the other groups thousands;
 * - a mark that appears more than once groups thousands;
 * - a single mark followed by exactly three digits groups thousands ("50,000" and "50.000" are
 *   both fifty thousand in either locale), unless the currency has three or more decimals and
 *   the mark is the locale's decimal separator; anything else is the decimal ("12.50", "12,50").
 * Groups must be well formed (1–3 digits, then exactly 3), so "1.00.0" is rejected, not guessed.
 */
function splitDigits(
  body: string,
  locale: MoneyLocale,
  exponent: number,
  suffixed: boolean,
): [string, string] {
  const bad = () => fail(ErrorCode.INVALID_MONEY_FORMAT, { input: body });
  if (!/^\d[\d.,]*$/.test(body) || !/\d$/.test(body)) bad();
  const dots = body.split('.').length - 1;
  const commas = body.split(',').length - 1;
  let decimal: string | undefined;
  let group: string | undefined;
  if (suffixed) {
    if (dots + commas > 1) bad();
    if (dots + commas === 1) decimal = dots ? '.' : ',';
  } else if (dots && commas) {
    decimal = body.lastIndexOf('.') > body.lastIndexOf(',') ? '.' : ',';
    group = decimal === '.' ? ',' : '.';
  } else if (dots + commas > 1) {
    group = dots ? '.' : ',';
  } else if (dots + commas === 1) {
    const mark = dots ? '.' : ',';
    const localeDecimal = locale === 'id-ID' ? ',' : '.';
    const threeAfter = body.length - body.indexOf(mark) - 1 === 3 && !body.startsWith('0');
    if (threeAfter && (exponent < 3 || mark !== localeDecimal)) group = mark;
    else decimal = mark;
  }
  const [intPart = '', fracPart = '', ...rest] = decimal ? body.split(decimal) : [body];
  if (rest.length > 0 || intPart === '' || (decimal && fracPart === '')) bad();
  if (group !== undefined) {
    if (fracPart.includes(group)) bad();
    const groups = intPart.split(group);
    const [first = '', ...others] = groups;
    if (first.length > 3 || (others.length > 0 && first.startsWith('0'))) bad();
    if (others.some((g) => g.length !== 3)) bad();
    return [groups.join(''), fracPart];
  }
  return [intPart, fracPart];
}

/**
 * Parses what a cashier typed into minor units: "50.000", "50,000", "Rp 50.000", "50rb", "50 rb",
 * "1,5jt", "12.50" / "12,50" (for two-decimal currencies). Decimal zeros beyond the currency's
 * exponent are accepted ("Rp 50.000,00"); non-zero ones are `too_many_decimals`, never rounded.
 * Garbage is `invalid_money_format`, a minus sign is `negative_amount` (refunds are their own
 * command), and anything past 2^53 − 1 minor units is `amount_overflow`.
 */
export function parseMoney(input: string, currency: CurrencyLike, locale: MoneyLocale): number {
  assertLocale(locale);
  const { code, exponent } = toCurrency(currency);
  if (typeof input !== 'string' || input.length > MAX_INPUT_LENGTH) {
    fail(ErrorCode.INVALID_MONEY_FORMAT, { input });
  }
  const tokens = currencyTokens(code);
  let s = input.normalize('NFKC').trim().toLowerCase();
  let negative = MINUS.test(s);
  s = stripCurrency(s.replace(MINUS, ''), tokens);
  if (MINUS.test(s)) {
    negative = true;
    s = s.replace(MINUS, '');
  }
  const suffix = SUFFIX.exec(s);
  const multiplier = suffix ? (MULTIPLIERS[suffix[2] ?? ''] ?? 1n) : 1n;
  const body = suffix ? (suffix[1] ?? '') : s;
  const [intDigits, fracDigits] = splitDigits(body, locale, exponent, suffix !== null);
  if (negative) fail(ErrorCode.NEGATIVE_AMOUNT, { input });

  const scaled = BigInt(intDigits + fracDigits) * multiplier * 10n ** BigInt(exponent);
  const divisor = 10n ** BigInt(fracDigits.length);
  if (scaled % divisor !== 0n) fail(ErrorCode.TOO_MANY_DECIMALS, { input, exponent });
  const minor = scaled / divisor;
  if (minor > BigInt(MAX_AMOUNT)) fail(ErrorCode.AMOUNT_OVERFLOW, { input });
  return Number(minor);
}
