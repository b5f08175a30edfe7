import { bearerToken, verifyJwt, type JwtClaims } from '../jwt';
import { PgrstError } from './errors';
import type { RoleInfo } from './schema/types';

/** The database role and claims one request runs with. */
export interface AuthResult {
  role: string;
  claimsJson: string;
  /** PostgREST's "authenticated": the role is not the anonymous one (42501 → 403, not 401). */
  authed: boolean;
}

export const ANON_ROLE = 'anon';

function jwtError(code: 'PGRST301' | 'PGRST303', message: string): PgrstError {
  return new PgrstError(401, code, message, null, null, {
    'WWW-Authenticate': `Bearer error="invalid_token", error_description=${JSON.stringify(message)}`,
  });
}

/** PostgREST's wording (Error.hs JwtDecodeError) for what jose reports. */
function invalidTokenMessage(token: string, reason: string): string {
  const parts = token.split('.').length;
  if (parts !== 3) return `Expected 3 parts in JWT; got ${parts}`;
  if (/"alg"/.test(reason)) return 'Wrong or unsupported encoding algorithm';
  return 'JWT cryptographic operation failed';
}

interface Cached {
  claims: JwtClaims;
  /** Filled on first use; cleared with the cache when roles may have changed. */
  result?: AuthResult;
}

const CACHE_LIMIT = 2000;

/**
 * Verifies bearer tokens with the project secret. Verified claims are cached by token (as
 * PostgREST's JWT cache does) so a busy client does not pay an HMAC per request; expiry is
 * re-checked on every use.
 */
export class Authenticator {
  private cache = new Map<string, Cached>();

  constructor(private readonly secret: string) {}

  /** Forgets verified tokens' roles, e.g. after the schema cache (and so the roles) reloads. */
  clear(): void {
    this.cache.clear();
  }

  private async verified(token: string): Promise<Cached> {
    const hit = this.cache.get(token);
    if (hit) {
      const exp = hit.claims.exp;
      if (typeof exp === 'number' && exp * 1000 <= Date.now())
        throw jwtError('PGRST303', 'JWT expired');
      return hit;
    }
    const result = await verifyJwt(token, this.secret);
    if (!result.ok) {
      if (result.reason === 'expired') throw jwtError('PGRST303', 'JWT expired');
      if (/"nbf"/.test(result.message)) throw jwtError('PGRST303', 'JWT not yet valid');
      throw jwtError('PGRST301', invalidTokenMessage(token, result.message));
    }
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    const entry: Cached = { claims: result.claims };
    this.cache.set(token, entry);
    return entry;
  }

  /** Who the request runs as: the verified token's role and claims, or anon without a token. */
  async authenticate(headers: Headers, roles: RoleInfo): Promise<AuthResult> {
    const token = bearerToken(headers);
    if (token === null) return resolveRole({}, roles);
    const entry = await this.verified(token);
    entry.result ??= resolveRole(entry.claims, roles);
    return entry.result;
  }
}

/**
 * The role comes from the `role` claim (anon without one). Only roles the API is granted
 * (members of `authenticator`, never a superuser) are accepted, so a token can never make the
 * request run as the connection's own superuser.
 */
function resolveRole(claims: JwtClaims, roles: RoleInfo): AuthResult {
  const raw = claims.role;
  const role = raw === undefined ? ANON_ROLE : typeof raw === 'string' ? raw : JSON.stringify(raw);
  const authed = role !== ANON_ROLE;
  if (!roles.existing.has(role)) {
    throw new PgrstError(401, '22023', `role "${role}" does not exist`, null, null, {
      'WWW-Authenticate': 'Bearer',
    });
  }
  if (!roles.allowed.has(role)) {
    throw new PgrstError(authed ? 403 : 401, '42501', `permission denied to set role "${role}"`);
  }
  return { role, claimsJson: JSON.stringify({ ...claims, role }), authed };
}
