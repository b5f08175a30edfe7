import { AuthCode, badRequest } from './errors';

// The format check GoTrue runs through checkmail.ValidateFormat (internal/api/mail.go).
const EMAIL_FORMAT =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** GoTrue's validateEmail: required, at most 255 bytes, well formed; stored lower-cased. */
export function validateEmail(email: string): string {
  if (email === '') throw badRequest(AuthCode.validationFailed, 'An email address is required');
  if (Buffer.byteLength(email) > 255) {
    throw badRequest(AuthCode.validationFailed, 'An email address is too long');
  }
  if (!EMAIL_FORMAT.test(email)) {
    throw badRequest(AuthCode.validationFailed, 'Unable to validate email address: invalid format');
  }
  return email.toLowerCase();
}

/** GoTrue's validatePhone: '+' and spaces dropped, then E.164 digits. */
export function validatePhone(phone: string): string {
  const formatted = phone.replace(/^\+/, '').replaceAll(' ', '');
  if (!/^[1-9][0-9]{1,14}$/.test(formatted)) {
    throw badRequest(AuthCode.validationFailed, 'Invalid phone number format (E.164 required)');
  }
  return formatted;
}

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/**
 * ban_duration as Go's time.ParseDuration reads it ("24h", "1h30m", "876000h"); "none" lifts a
 * ban. Returns milliseconds; 0 means not banned.
 */
export function parseBanDuration(raw: string): number {
  if (raw === 'none') return 0;
  const invalid = () =>
    badRequest(
      AuthCode.validationFailed,
      `invalid format for ban duration: time: invalid duration "${raw}"`,
    );
  const m = /^([-+]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+$/.exec(raw);
  if (!m) {
    if (raw === '0') return 0;
    throw invalid();
  }
  let total = 0;
  for (const part of raw
    .slice(m[1]!.length)
    .matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)) {
    total += Number(part[1]) * UNIT_MS[part[2]!]!;
  }
  return m[1] === '-' ? -total : total;
}
