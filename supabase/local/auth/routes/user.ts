import type { Hono } from 'hono';
import type { z } from 'zod';
import type { StackContext } from '../../context';
import { AuthCode, badRequest, forbidden, fromDatabaseError, unprocessable } from '../errors';
import { type Authenticated, requireUser } from '../guard';
import { readBody } from '../http';
import { checkPasswordStrength, hashPassword, verifyPassword } from '../password';
import { UserUpdateBody } from '../schemas';
import { logout } from '../sessions';
import {
  AUDIENCE,
  emailTaken,
  findUserById,
  lockUser,
  NOW,
  updateUser,
  upsertIdentityData,
} from '../users';
import { mergeMetadata, userJson } from '../user-json';
import { validateEmail } from '../validate';

/** GET/PUT /user and POST /logout: everything a signed-in user does to their own account. */
export function mountUser(app: Hono, ctx: StackContext): void {
  app.get('/user', async (c) => {
    const { claims, user } = await requireUser(ctx, c);
    if (claims.aud !== AUDIENCE) {
      throw badRequest(AuthCode.validationFailed, "Token audience doesn't match request audience");
    }
    return c.json(userJson(user));
  });

  app.put('/user', async (c) => {
    const auth = await requireUser(ctx, c);
    const body = await readBody(c, UserUpdateBody);
    await updateOwnUser(ctx, auth, body);
    const user = await findUserById(ctx.db, auth.user.id);
    return c.json(user ? userJson(user) : {});
  });

  app.post('/logout', async (c) => {
    const scope = c.req.query('scope') ?? '';
    if (!['', 'global', 'local', 'others'].includes(scope)) {
      throw badRequest(AuthCode.validationFailed, `Unsupported logout scope "${scope}"`);
    }
    const { user, sessionId } = await requireUser(ctx, c);
    await logout(
      ctx.db,
      user.id,
      sessionId,
      scope === '' ? 'global' : (scope as 'global' | 'local' | 'others'),
    );
    return c.body(null, 204);
  });
}

/**
 * GoTrue's UserUpdate (internal/api/user.go) minus what needs mail or SMS: without a mail server
 * an email change is applied at once when sign-ups are auto-confirmed, and otherwise recorded as
 * pending (new_email) for an admin to apply.
 */
async function updateOwnUser(
  ctx: StackContext,
  { user, sessionId }: Authenticated,
  body: z.output<typeof UserUpdateBody>,
): Promise<void> {
  const settings = ctx.config.auth;
  const email = body.email ? validateEmail(body.email) : '';
  if (body.phone)
    throw unprocessable(AuthCode.phoneProviderDisabled, 'Phone changes are not available');
  if (body.password != null) checkPasswordStrength(body.password, settings.minPasswordLength);
  if (body.app_metadata != null) {
    throw forbidden(AuthCode.notAdmin, 'Updating app_metadata requires admin privileges');
  }
  if (user.is_anonymous && body.password && !email) {
    throw unprocessable(
      AuthCode.validationFailed,
      'Updating password of an anonymous user without an email or phone is not allowed',
    );
  }
  const changingEmail = email !== '' && email !== (user.email ?? '');
  if (changingEmail && (await emailTaken(ctx.db, email, user.id))) {
    throw unprocessable(
      AuthCode.emailExists,
      'A user with this email address has already been registered',
    );
  }

  let passwordHash: string | undefined;
  if (body.password) {
    if (await verifyPassword(body.password, user.encrypted_password)) {
      throw unprocessable(
        AuthCode.samePassword,
        'New password should be different from the old password.',
      );
    }
    passwordHash = await hashPassword(body.password, settings.bcryptCost);
  }

  try {
    await ctx.db.transaction(async (tx) => {
      const fresh = (await lockUser(tx, user.id)) ?? user;
      if (passwordHash !== undefined) {
        await updateUser(tx, user.id, { encrypted_password: passwordHash });
        // A new password signs out every other device (GoTrue's UpdatePassword).
        await logout(tx, user.id, sessionId, sessionId ? 'others' : 'global');
      }
      if (body.data != null) {
        fresh.raw_user_meta_data = mergeMetadata(fresh.raw_user_meta_data, body.data);
        await updateUser(tx, user.id, { raw_user_meta_data: fresh.raw_user_meta_data });
      }
      if (changingEmail) await changeEmail(ctx, tx, fresh, email);
    });
  } catch (err) {
    throw fromDatabaseError(err, 'updating user') ?? err;
  }
}

async function changeEmail(
  ctx: StackContext,
  tx: Parameters<typeof updateUser>[0],
  user: Authenticated['user'],
  email: string,
): Promise<void> {
  if (!ctx.config.auth.autoconfirm) {
    await updateUser(tx, user.id, { email_change: email, email_change_sent_at: NOW });
    return;
  }
  const providers = new Set<string>(
    Array.isArray(user.raw_app_meta_data?.providers)
      ? (user.raw_app_meta_data.providers as string[])
      : [],
  );
  providers.add('email');
  await updateUser(tx, user.id, {
    email,
    email_change: '',
    email_confirmed_at: NOW,
    // An anonymous user who adds a confirmed email becomes a permanent user.
    is_anonymous: false,
    raw_app_meta_data: mergeMetadata(user.raw_app_meta_data, {
      provider: user.raw_app_meta_data?.provider ?? 'email',
      providers: [...providers],
    }),
    raw_user_meta_data: mergeMetadata(user.raw_user_meta_data, { email_verified: true }),
  });
  await upsertIdentityData(tx, user.id, 'email', { email, email_verified: true });
}
