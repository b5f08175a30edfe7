/** Settings of one running stack. Defaults match the Supabase CLI so tooling behaves alike. */
export interface AuthSettings {
  /** Sign-ups are confirmed at once (the CLI's local default). */
  autoconfirm: boolean;
  minPasswordLength: number;
  /** Access-token lifetime in seconds. */
  accessTokenTtl: number;
  /** Failed password sign-ins allowed per email (and per IP, ×4) in the window before a 429. */
  maxFailedSignIns: number;
  failedSignInWindowSeconds: number;
  /** bcrypt cost for new password hashes (GoTrue uses 10); tests lower it to stay fast. */
  bcryptCost: number;
  /** Seconds a rotated refresh token may still be exchanged (GoTrue's REFRESH_TOKEN_REUSE_INTERVAL). */
  refreshTokenReuseInterval: number;
}

export interface StackConfig {
  /** Public base URL, e.g. http://127.0.0.1:54321 */
  url: string;
  jwtSecret: string;
  anonKey: string;
  serviceRoleKey: string;
  auth: AuthSettings;
}

/** The Supabase CLI's development secret; any real deployment overrides it (LAPAK_JWT_SECRET). */
export const DEFAULT_JWT_SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long';

export function authSettingsFromEnv(
  env: NodeJS.ProcessEnv,
  overrides: Partial<AuthSettings> = {},
): AuthSettings {
  const int = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isSafeInteger(n) || n < 0)
      throw new Error(`${name} must be a non-negative integer`);
    return n;
  };
  return {
    autoconfirm: env.LAPAK_AUTH_AUTOCONFIRM !== 'false',
    minPasswordLength: int('LAPAK_AUTH_MIN_PASSWORD_LENGTH', 10),
    accessTokenTtl: int('LAPAK_AUTH_JWT_EXPIRY', 3600),
    maxFailedSignIns: int('LAPAK_AUTH_MAX_FAILED_SIGNINS', 10),
    failedSignInWindowSeconds: int('LAPAK_AUTH_FAILED_SIGNIN_WINDOW', 900),
    bcryptCost: int('LAPAK_AUTH_BCRYPT_COST', 10),
    refreshTokenReuseInterval: int('LAPAK_AUTH_REFRESH_REUSE_INTERVAL', 10),
    ...overrides,
  };
}
