import { describe, expect, it } from 'vitest';
import { checkPasswordStrength } from '../../local/auth/password';
import { mergeMetadata } from '../../local/auth/user-json';
import { parseBanDuration, validateEmail, validatePhone } from '../../local/auth/validate';

describe('ban_duration (Go time.ParseDuration)', () => {
  it.each([
    ['none', 0],
    ['0', 0],
    ['24h', 86_400_000],
    ['1h30m', 5_400_000],
    ['876000h', 876_000 * 3_600_000],
    ['1.5s', 1_500],
    ['-1h', -3_600_000],
  ])('%s is %i ms', (raw, ms) => expect(parseBanDuration(raw)).toBe(ms));

  it.each(['1d', 'forever', '', 'h', '10'])('refuses %j', (raw) => {
    expect(() => parseBanDuration(raw)).toThrow(
      expect.objectContaining({ code: 'validation_failed' }),
    );
  });
});

describe('metadata merge', () => {
  it.each([
    [{ a: 1 }, { b: 2 }, { a: 1, b: 2 }],
    [{ a: 1, b: 2 }, { b: null }, { a: 1 }],
    [{ a: { x: 1 } }, { a: { y: 2 } }, { a: { y: 2 } }],
    [null, { a: null }, {}],
  ])('%j + %j = %j', (current, patch, merged) => {
    expect(mergeMetadata(current, patch)).toEqual(merged);
  });
});

describe('input rules', () => {
  it.each([
    ['Kasir@Warung.test', 'kasir@warung.test'],
    ["o'brien+till@toko.co.id", "o'brien+till@toko.co.id"],
  ])('accepts the email %s', (raw, stored) => expect(validateEmail(raw)).toBe(stored));

  it.each(['', 'no-at-sign', 'a@b@c', 'space @x.test', 'x@-bad.test'])(
    'refuses the email %j',
    (raw) => {
      expect(() => validateEmail(raw)).toThrow(expect.objectContaining({ status: 400 }));
    },
  );

  it.each([
    ['+62 812 3456 7890', '6281234567890'],
    ['6281234567', '6281234567'],
  ])('normalizes the phone %s', (raw, stored) => expect(validatePhone(raw)).toBe(stored));

  it('measures passwords in bytes, as GoTrue does', () => {
    expect(() => checkPasswordStrength('ééééé', 10)).not.toThrow(); // 10 bytes
    expect(() => checkPasswordStrength('short', 10)).toThrow(
      expect.objectContaining({ code: 'weak_password', reasons: ['length'] }),
    );
    expect(() => checkPasswordStrength('x'.repeat(73), 10)).toThrow(
      expect.objectContaining({ code: 'validation_failed' }),
    );
  });
});
