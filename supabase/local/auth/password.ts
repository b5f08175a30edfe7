import bcrypt from 'bcryptjs';
import { AuthCode, badRequest, WeakPasswordError } from './errors';

/** bcrypt reads at most 72 bytes; GoTrue refuses longer passwords rather than truncating them. */
const MAX_PASSWORD_BYTES = 72;

/**
 * GoTrue's checkPasswordStrength (internal/api/password.go) for the rules the local stack has:
 * length in bytes, as Go's len() counts it.
 */
export function checkPasswordStrength(password: string, minLength: number): void {
  const bytes = Buffer.byteLength(password);
  if (bytes > MAX_PASSWORD_BYTES) {
    throw badRequest(
      AuthCode.validationFailed,
      `Password cannot be longer than ${MAX_PASSWORD_BYTES} characters`,
    );
  }
  if (bytes < minLength) {
    throw new WeakPasswordError(`Password should be at least ${minLength} characters.`, ['length']);
  }
}

/** bcrypt accepts costs 4–31; the setting is clamped so a typo cannot make every sign-up fail. */
export function hashPassword(password: string, cost: number): Promise<string> {
  return bcrypt.hash(password, Math.min(31, Math.max(4, Math.trunc(cost))));
}

/**
 * Compares against a stored bcrypt hash ($2a$/$2b$/$2y$, as pgcrypto's crypt(…, gen_salt('bf'))
 * writes in seed files). Anything else (NULL, '', another scheme) never matches.
 */
export async function verifyPassword(password: string, hash: string | null): Promise<boolean> {
  if (!hash || !/^\$2[aby]\$\d{2}\$/.test(hash)) return false;
  try {
    return await bcrypt.compare(password, hash);
  } catch {
    return false;
  }
}

/**
 * A hash compared when the account does not exist, so a wrong email costs as much time as a wrong
 * password and response times do not reveal which addresses are registered.
 */
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string, cost: number): Promise<void> {
  dummyHash ??= hashPassword('lapak-no-such-user', cost);
  await verifyPassword(password, await dummyHash);
}
