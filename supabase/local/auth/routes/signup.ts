import { randomUUID } from 'node:crypto';
import type { Context, Hono } from 'hono';
import type { StackContext } from '../../context';
import { AuthCode, badRequest, fromDatabaseError, unprocessable } from '../errors';
import { clientIp, readBody } from '../http';
import { checkPasswordStrength, hashPassword } from '../password';
import { SignupBody } from '../schemas';
import { createSession } from '../sessions';
import { sessionResponse } from '../tokens';
import {
  DEFAULT_ROLE,
  findUserByEmail,
  identityData,
  insertIdentity,
  insertUser,
  NOW,
  updateUser,
} from '../users';
import { mergeMetadata, userJson } from '../user-json';
import { validateEmail } from '../validate';

/**
 * POST /signup. Like GoTrue's router (internal/api/api.go), a body with neither email nor phone
 * is an anonymous sign-in; otherwise it is an email sign-up (phone sign-ups need SMS, which the
 * local stack does not have).
 */
export function mountSignup(app: Hono, ctx: StackContext): void {
  app.post('/signup', async (c) => {
    const body = await readBody(c, SignupBody);
    if (!body.email && !body.phone) return c.json(await signUpAnonymously(ctx, c, body.data ?? {}));

    const password = body.password ?? '';
    if (password === '')
      throw badRequest(AuthCode.validationFailed, 'Signup requires a valid password');
    checkPasswordStrength(password, ctx.config.auth.minPasswordLength);
    if (body.email && body.phone) {
      throw badRequest(
        AuthCode.validationFailed,
        'Only an email address or phone number should be provided on signup.',
      );
    }
    if (body.phone) throw badRequest(AuthCode.phoneProviderDisabled, 'Phone signups are disabled');
    const email = validateEmail(body.email ?? '');
    return c.json(await signUpWithEmail(ctx, c, email, password, body.data ?? {}));
  });
}

async function signUpAnonymously(ctx: StackContext, c: Context, data: Record<string, unknown>) {
  const id = randomUUID();
  const meta = { ip: clientIp(c), userAgent: c.req.header('user-agent') ?? null };
  try {
    return await ctx.db.transaction(async (tx) => {
      // Anonymous users get no identity and an empty app_metadata (ToUserModel skips providers).
      await insertUser(tx, {
        id,
        email: null,
        phone: null,
        passwordHash: null,
        role: DEFAULT_ROLE,
        appMetadata: {},
        userMetadata: data,
        isAnonymous: true,
      });
      const { sessionId, refreshToken } = await createSession(tx, id, 'anonymous', meta);
      return sessionResponse(ctx, tx, id, sessionId, refreshToken);
    });
  } catch (err) {
    throw fromDatabaseError(err, 'creating anonymous user') ?? err;
  }
}

/**
 * GoTrue's Signup for the email provider. An address that is already confirmed is refused with
 * user_already_exists when autoconfirm is on; with confirmation required GoTrue answers 200 with
 * a made-up user so the response does not reveal that the address is registered.
 */
async function signUpWithEmail(
  ctx: StackContext,
  c: Context,
  email: string,
  password: string,
  data: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const { autoconfirm, bcryptCost } = ctx.config.auth;
  const existing = await findUserByEmail(ctx.db, email);
  if (existing) {
    // GoTrue would confirm an unconfirmed account here and sign the caller in without checking
    // the password; the local stack refuses instead of handing out someone else's session.
    if (autoconfirm) throw unprocessable(AuthCode.userAlreadyExists, 'User already registered');
    if (existing.email_confirmed_at !== null) return obfuscatedUser(email, data);
    await updateUser(ctx.db, existing.id, { confirmation_sent_at: NOW });
    const again = await findUserByEmail(ctx.db, email);
    return userJson(again ?? existing);
  }

  // Hash before the transaction: bcrypt is slow and PGlite's single connection is shared.
  const passwordHash = await hashPassword(password, bcryptCost);
  const id = randomUUID();
  const meta = { ip: clientIp(c), userAgent: c.req.header('user-agent') ?? null };
  try {
    return await ctx.db.transaction(async (tx) => {
      await insertUser(tx, {
        id,
        email,
        phone: null,
        passwordHash,
        role: DEFAULT_ROLE,
        appMetadata: { provider: 'email', providers: ['email'] },
        userMetadata: data,
        isAnonymous: false,
      });
      await insertIdentity(tx, id, 'email', identityData(id, { email }, data));
      if (!autoconfirm) {
        // No mail server exists locally: the account waits for an admin (email_confirm: true).
        await updateUser(tx, id, { confirmation_sent_at: NOW });
        const user = await findUserByEmail(tx, email);
        return user ? userJson(user) : {};
      }
      await updateUser(tx, id, {
        email_confirmed_at: NOW,
        raw_user_meta_data: mergeMetadata(data, { email_verified: true }),
      });
      const { sessionId, refreshToken } = await createSession(tx, id, 'password', meta);
      return sessionResponse(ctx, tx, id, sessionId, refreshToken);
    });
  } catch (err) {
    const dbError = fromDatabaseError(err, 'saving new user');
    // Lost a race with a concurrent sign-up for the same address.
    if (dbError?.code === AuthCode.emailExists) {
      throw unprocessable(AuthCode.userAlreadyExists, 'User already registered');
    }
    throw dbError ?? err;
  }
}

/** GoTrue's sanitizeUser: what a repeated sign-up sees, indistinguishable from a fresh one. */
function obfuscatedUser(email: string, data: Record<string, unknown>): Record<string, unknown> {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    aud: 'authenticated',
    role: '',
    email,
    phone: '',
    confirmation_sent_at: now,
    app_metadata: { provider: 'email', providers: ['email'] },
    user_metadata: data,
    identities: [],
    created_at: now,
    updated_at: now,
    is_anonymous: false,
  };
}
