import { describe, expect, it } from 'vitest';
import { defineMessages, formatNumber, translate } from './i18n';

const messages = defineMessages({
  id: { change: 'Kembalian {amount}', hello: 'Halo' },
  en: { change: 'Change {amount}', hello: 'Hello' },
});

describe('i18n', () => {
  it('translates with placeholders in both languages', () => {
    expect(translate(messages, 'id', 'change', { amount: 'Rp 5.000' })).toBe('Kembalian Rp 5.000');
    expect(translate(messages, 'en', 'change', { amount: 'Rp 5.000' })).toBe('Change Rp 5.000');
  });

  it('leaves an unfilled placeholder visible', () => {
    expect(translate(messages, 'en', 'change')).toBe('Change {amount}');
  });

  it('formats numbers per locale', () => {
    expect(formatNumber(1234567, 'id')).toBe('1.234.567');
    expect(formatNumber(1234567, 'en')).toBe('1,234,567');
  });
});
