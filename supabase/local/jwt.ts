import { SignJWT, jwtVerify, errors } from 'jose';

export type JwtClaims = Record<string, unknown> & { role?: string; sub?: string; exp?: number };

const encoder = new TextEncoder();

export function secretKey(secret: string): Uint8Array {
  return encoder.encode(secret);
}

export async function signJwt(claims: JwtClaims, secret: string): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(secretKey(secret));
}

/**
 * The API keys the Supabase CLI prints: long-lived HS256 JWTs carrying only a role. HS256 over a
 * fixed header and payload is deterministic, so the default secret yields the CLI's well-known keys.
 */
export function apiKey(role: 'anon' | 'service_role', secret: string): Promise<string> {
  return signJwt({ iss: 'supabase-demo', role, exp: 1983812996 }, secret);
}

export type VerifyResult =
  { ok: true; claims: JwtClaims } | { ok: false; reason: 'expired' | 'invalid'; message: string };

export async function verifyJwt(token: string, secret: string): Promise<VerifyResult> {
  try {
    const { payload } = await jwtVerify(token, secretKey(secret), { algorithms: ['HS256'] });
    return { ok: true, claims: payload as JwtClaims };
  } catch (err) {
    if (err instanceof errors.JWTExpired)
      return { ok: false, reason: 'expired', message: 'JWT expired' };
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, reason: 'invalid', message };
  }
}

/**
 * What the Supabase API gateway does before a request reaches PostgREST, Auth or Realtime:
 * `Authorization: Bearer <jwt>` wins; without it the `apikey` header is the bearer.
 */
export function bearerToken(headers: {
  get(name: string): string | null | undefined;
}): string | null {
  const auth = headers.get('authorization');
  if (auth) {
    const m = /^Bearer\s+(.+)$/i.exec(auth.trim());
    if (m?.[1]) return m[1];
  }
  return headers.get('apikey') ?? null;
}
