import { INTL_LOCALE, type Locale } from '../../../lib/i18n';
import { formatMoney } from '../../../lib/money';

/** Money, times and counts of one shop, in the reader's language and the shop's time zone. */
export interface Formats {
  locale: Locale;
  money(amount: number): string;
  time(iso: string): string;
  date(day: string): string;
  count(n: number): string;
}

export function shopFormats(
  locale: Locale,
  shop: { currency: string; currencyExponent: number; timezone: string },
): Formats {
  const intl = INTL_LOCALE[locale];
  const currency = { code: shop.currency, exponent: shop.currencyExponent };
  const time = new Intl.DateTimeFormat(intl, { timeStyle: 'short', timeZone: shop.timezone });
  // A calendar day (YYYY-MM-DD) is a date, not an instant: format it at noon UTC, without a zone.
  const date = new Intl.DateTimeFormat(intl, { dateStyle: 'full', timeZone: 'UTC' });
  const count = new Intl.NumberFormat(intl);
  return {
    locale,
    money: (amount) => formatMoney(amount, currency, intl),
    time: (iso) => time.format(new Date(iso)),
    date: (day) => date.format(new Date(`${day}T12:00:00Z`)),
    count: (n) => count.format(n),
  };
}
