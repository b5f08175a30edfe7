import { decodeJwt } from 'jose';
import type { StackConfig } from '../config';
import { apiKey, verifyJwt, type JwtClaims } from '../jwt';

export type RealtimeClaims = JwtClaims & { role: string; exp: number };

/** `code` prefixes the join error reason, as supabase/realtime's log_error builds it. */
export type TokenResult =
  | { ok: true; claims: RealtimeClaims }
  | {
      ok: false;
      code: 'InvalidJWTToken' | 'MalformedJWT' | 'JwtSignatureError';
      message: string;
      /** 401 body text for a refused socket upgrade (RealtimeWeb.UserSocket.error_response). */
      upgradeError: string;
    };

/**
 * Verifies an access token the way supabase/realtime's ChannelsAuthorization.authorize_conn
 * does: a valid signature, then `role` and an integer `exp` are required, and an expired token
 * is reported with how long ago it expired.
 */
export async function checkToken(token: string, secret: string): Promise<TokenResult> {
  const clean = token.replace(/\s/g, '');
  const verified = await verifyJwt(clean, secret);
  if (!verified.ok) {
    let exp: number | undefined;
    try {
      exp = decodeJwt(clean).exp;
    } catch {
      return {
        ok: false,
        code: 'MalformedJWT',
        message: 'The token provided is not a valid JWT',
        upgradeError: 'The token provided is not a valid JWT',
      };
    }
    if (verified.reason === 'expired' && exp !== undefined) {
      const ago = Math.floor(Date.now() / 1000) - exp;
      return {
        ok: false,
        code: 'InvalidJWTToken',
        message: `Token has expired ${ago} seconds ago`,
        upgradeError: 'Token has expired',
      };
    }
    return {
      ok: false,
      code: 'JwtSignatureError',
      message: 'Failed to validate JWT signature',
      upgradeError: 'Failed to validate JWT signature',
    };
  }
  const { role, exp } = verified.claims;
  if (typeof role !== 'string' || typeof exp !== 'number' || !Number.isInteger(exp)) {
    const message = 'Fields `role` and `exp` are required in JWT';
    return { ok: false, code: 'InvalidJWTToken', message, upgradeError: message };
  }
  return { ok: true, claims: verified.claims as RealtimeClaims };
}

/**
 * The socket's own token. Hosted Supabase's gateway swaps opaque `sb_…` keys for JWTs before
 * Realtime sees them; this stack has no gateway, so a configured non-JWT key is swapped here.
 */
export async function tenantToken(key: string, config: StackConfig): Promise<string> {
  const isJwt = key.split('.').length === 3;
  if (!isJwt && key === config.anonKey) return apiKey('anon', config.jwtSecret);
  if (!isJwt && key === config.serviceRoleKey) return apiKey('service_role', config.jwtSecret);
  return key;
}
