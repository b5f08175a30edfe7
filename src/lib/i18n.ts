/**
 * Bahasa Indonesia and English. Each feature declares its own messages next to its code with
 * `defineMessages`, so a missing translation is a type error, not a blank button.
 */
export const LOCALES = ['id', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** The Intl locale used for numbers, dates and money. */
export const INTL_LOCALE: Record<Locale, 'id-ID' | 'en'> = { id: 'id-ID', en: 'en' };

export type Messages<K extends string> = Record<Locale, Record<K, string>>;

export function defineMessages<K extends string>(messages: {
  id: Record<K, string>;
  en: Record<NoInfer<K>, string>;
}): Messages<K> {
  return messages;
}

/** Fills `{name}` placeholders; an unknown placeholder stays visible rather than vanishing. */
export function translate<K extends string>(
  messages: Messages<K>,
  locale: Locale,
  key: K,
  params: Record<string, string | number> = {},
): string {
  const template = messages[locale][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function formatDateTime(value: Date | string, locale: Locale, timeZone?: string): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(timeZone && { timeZone }),
  }).format(date);
}

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(INTL_LOCALE[locale]).format(value);
}
