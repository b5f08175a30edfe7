import type { Context, Hono } from 'hono';
import type { StackContext } from '../../context';
import { AuthCode, badRequest, OAuthError, unprocessable, WeakPasswordError } from '../errors';
import { clientIp, readBody } from '../http';
import { burnPasswordCheck, checkPasswordStrength, verifyPassword } from '../password';
import { assertSignInAllowed, clearSignInFailures, recordSignInFailure } from '../ratelimit';
import { refreshGrant } from '../refresh';
import { PasswordGrantBody, RefreshGrantBody } from '../schemas';
import { createSession } from '../sessions';
import { sessionResponse } from '../tokens';
import { findUserByEmail } from '../users';
import { isBanned } from '../user-json';

const INVALID_LOGIN = 'Invalid login credentials';

/** POST /token?grant_type=password|refresh_token (internal/api/token.go). */
export function mountToken(app: Hono, ctx: StackContext): void {
  app.post('/token', async (c) => {
    const grantType = c.req.query('grant_type') ?? '';
    const meta = { ip: clientIp(c), userAgent: c.req.header('user-agent') ?? null };
    if (grantType === 'password') return c.json(await passwordGrant(ctx, c));
    if (grantType === 'refresh_token') {
      const body = await readBody(c, RefreshGrantBody);
      if (!body.refresh_token) throw new OAuthError('invalid_request', 'refresh_token required');
      return c.json(await refreshGrant(ctx, body.refresh_token, meta));
    }
    // GoTrue's exact (odd) answer for a grant it does not know; pkce, id_token and web3 need
    // OAuth providers, magic links or wallets that the local stack does not have.
    throw badRequest(AuthCode.invalidCredentials, 'unsupported_grant_type');
  });
}

/**
 * GoTrue's ResourceOwnerPasswordGrant plus the local lockout: failures are counted before the
 * answer goes out, and a locked email or IP is refused before any password is compared.
 */
async function passwordGrant(ctx: StackContext, c: Context): Promise<Record<string, unknown>> {
  const settings = ctx.config.auth;
  const body = await readBody(c, PasswordGrantBody);
  const password = body.password ?? '';
  if (body.email && body.phone) {
    throw badRequest(
      AuthCode.validationFailed,
      'Only an email address or phone number should be provided on login.',
    );
  }
  if (body.phone) throw unprocessable(AuthCode.phoneProviderDisabled, 'Phone logins are disabled');
  if (!body.email) throw badRequest(AuthCode.validationFailed, 'missing email or phone');

  const keys = { email: body.email, ip: clientIp(c) };
  await assertSignInAllowed(ctx.db, keys, settings);

  const user = await findUserByEmail(ctx.db, body.email);
  if (!user || !user.encrypted_password) {
    await burnPasswordCheck(password, settings.bcryptCost);
    await recordSignInFailure(ctx.db, keys, settings);
    throw badRequest(AuthCode.invalidCredentials, INVALID_LOGIN);
  }
  if (isBanned(user)) throw badRequest(AuthCode.userBanned, 'User is banned');
  if (!(await verifyPassword(password, user.encrypted_password))) {
    await recordSignInFailure(ctx.db, keys, settings);
    throw badRequest(AuthCode.invalidCredentials, INVALID_LOGIN);
  }
  await clearSignInFailures(ctx.db, body.email);
  if (user.email_confirmed_at === null) {
    throw badRequest(AuthCode.emailNotConfirmed, 'Email not confirmed');
  }

  // A correct password that no longer meets the policy still signs in, with a warning attached.
  let weakPassword: { message: string; reasons: string[] } | undefined;
  try {
    checkPasswordStrength(password, settings.minPasswordLength);
  } catch (err) {
    if (err instanceof WeakPasswordError)
      weakPassword = { message: err.message, reasons: err.reasons };
  }

  const meta = { ip: keys.ip, userAgent: c.req.header('user-agent') ?? null };
  const response = await ctx.db.transaction(async (tx) => {
    const { sessionId, refreshToken } = await createSession(tx, user.id, 'password', meta);
    return sessionResponse(ctx, tx, user.id, sessionId, refreshToken);
  });
  return weakPassword ? { ...response, weak_password: weakPassword } : response;
}
