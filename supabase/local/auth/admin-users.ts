import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { StackContext } from '../context';
import type { Queryable } from '../db/types';
import { AuthCode, badRequest, fromDatabaseError, unprocessable } from './errors';
import { checkPasswordStrength, hashPassword } from './password';
import type { AdminUserBody } from './schemas';
import { isUuid } from './guard';
import {
  DEFAULT_ROLE,
  emailTaken,
  identityData,
  insertIdentity,
  insertUser,
  lockUser,
  NOW,
  phoneTaken,
  updateUser,
  upsertIdentityData,
} from './users';
import { mergeMetadata, type UserRow } from './user-json';
import { parseBanDuration, validateEmail, validatePhone } from './validate';

/** Checked before any write, so a bad field changes nothing (GoTrue validates the same way). */
interface Checked {
  email: string;
  phone: string;
  banMs: number | undefined;
}

function checkFields(body: AdminUserBody): Checked {
  return {
    email: body.email ? validateEmail(body.email) : '',
    phone: body.phone ? validatePhone(body.phone) : '',
    banMs: body.ban_duration ? parseBanDuration(body.ban_duration) : undefined,
  };
}

function bannedUntil(banMs: number): Date | null {
  return banMs === 0 ? null : new Date(Date.now() + banMs);
}

/**
 * POST /admin/users (internal/api/admin.go adminUserCreate). Like GoTrue it skips the password
 * policy (an admin may set anything) and invents a random password when none is given.
 */
export async function adminCreateUser(ctx: StackContext, body: AdminUserBody): Promise<string> {
  const { email, phone, banMs } = checkFields(body);
  if (!email && !phone) {
    throw badRequest(
      AuthCode.validationFailed,
      'Cannot create a user without either an email or phone',
    );
  }
  if (email && (await emailTaken(ctx.db, email))) {
    throw unprocessable(
      AuthCode.emailExists,
      'A user with this email address has already been registered',
    );
  }
  if (phone && (await phoneTaken(ctx.db, phone))) {
    throw unprocessable(AuthCode.phoneExists, 'Phone number already registered by another user');
  }
  if (body.password && body.password_hash) {
    throw badRequest(
      AuthCode.validationFailed,
      'Only a password or a password hash should be provided',
    );
  }
  if (body.password_hash && !/^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/.test(body.password_hash)) {
    throw badRequest(
      AuthCode.validationFailed,
      'Invalid password hash: only bcrypt hashes are supported',
    );
  }
  if (body.password && Buffer.byteLength(body.password) > 72) {
    throw badRequest(AuthCode.validationFailed, 'bcrypt: password length exceeds 72 bytes');
  }
  let id: string = randomUUID();
  if (body.id) {
    if (!isUuid(body.id))
      throw badRequest(AuthCode.validationFailed, 'ID must conform to the uuid v4 format');
    if (/^0{8}-0{4}-0{4}-0{4}-0{12}$/.test(body.id)) {
      throw badRequest(AuthCode.validationFailed, 'ID cannot be a nil uuid');
    }
    id = body.id.toLowerCase();
  }

  const password = body.password || randomBytes(48).toString('base64url');
  const passwordHash =
    body.password_hash || (await hashPassword(password, ctx.config.auth.bcryptCost));
  const providers = [...(email ? ['email'] : []), ...(phone ? ['phone'] : [])];
  const userMetadata = body.user_metadata ?? {};

  try {
    await ctx.db.transaction(async (tx) => {
      await insertUser(tx, {
        id,
        email: email || null,
        phone: phone || null,
        passwordHash,
        role: body.role || DEFAULT_ROLE,
        appMetadata: mergeMetadata({ provider: providers[0], providers }, body.app_metadata ?? {}),
        userMetadata,
        isAnonymous: false,
      });
      if (email) await insertIdentity(tx, id, 'email', identityData(id, { email }));
      if (phone) await insertIdentity(tx, id, 'phone', identityData(id, { phone }));
      await updateUser(tx, id, {
        ...(body.email_confirm && {
          email_confirmed_at: NOW,
          raw_user_meta_data: mergeMetadata(userMetadata, { email_verified: true }),
        }),
        ...(body.phone_confirm && { phone_confirmed_at: NOW }),
        ...(banMs !== undefined && { banned_until: bannedUntil(banMs) }),
      });
    });
  } catch (err) {
    throw fromDatabaseError(err, 'creating new user') ?? err;
  }
  return id;
}

/** PUT /admin/users/{id} (adminUserUpdate): metadata merges key by key, null deletes a key. */
export async function adminUpdateUser(
  ctx: StackContext,
  user: UserRow,
  body: AdminUserBody,
): Promise<void> {
  const { email, phone, banMs } = checkFields(body);
  if (email && email !== user.email && (await emailTaken(ctx.db, email, user.id))) {
    throw unprocessable(
      AuthCode.emailExists,
      'A user with this email address has already been registered',
    );
  }
  if (phone && phone !== user.phone && (await phoneTaken(ctx.db, phone, user.id))) {
    throw unprocessable(AuthCode.phoneExists, 'Phone number already registered by another user');
  }
  let passwordHash: string | undefined;
  if (body.password != null) {
    checkPasswordStrength(body.password, ctx.config.auth.minPasswordLength);
    passwordHash = await hashPassword(body.password, ctx.config.auth.bcryptCost);
  }

  try {
    await ctx.db.transaction(async (tx) => {
      const fresh = (await lockUser(tx, user.id)) ?? user;
      let userMeta = fresh.raw_user_meta_data;
      if (body.role) await updateUser(tx, user.id, { role: body.role });
      if (body.email_confirm) {
        userMeta = mergeMetadata(userMeta, { email_verified: true });
        await updateUser(tx, user.id, { email_confirmed_at: NOW, raw_user_meta_data: userMeta });
      }
      if (body.phone_confirm) await updateUser(tx, user.id, { phone_confirmed_at: NOW });
      if (passwordHash !== undefined) {
        await updateUser(tx, user.id, { encrypted_password: passwordHash });
        // GoTrue's UpdatePassword without a session: every session of the user ends.
        await tx.query('delete from auth.sessions where user_id = $1', [user.id]);
      }
      if (email) await setContact(tx, fresh, 'email', email, !!body.email_confirm);
      if (phone) await setContact(tx, fresh, 'phone', phone, !!body.phone_confirm);
      if (body.app_metadata != null) {
        const appMeta = mergeMetadata(fresh.raw_app_meta_data, body.app_metadata);
        await updateUser(tx, user.id, { raw_app_meta_data: appMeta });
      }
      if (body.user_metadata != null) {
        await updateUser(tx, user.id, {
          raw_user_meta_data: mergeMetadata(userMeta, body.user_metadata),
        });
      }
      if (banMs !== undefined) await updateUser(tx, user.id, { banned_until: bannedUntil(banMs) });
    });
  } catch (err) {
    throw fromDatabaseError(err, 'updating user') ?? err;
  }
}

async function setContact(
  tx: Queryable,
  user: UserRow,
  kind: 'email' | 'phone',
  value: string,
  confirmed: boolean,
): Promise<void> {
  const patch =
    kind === 'email'
      ? { email: value, email_verified: confirmed }
      : { phone: value, phone_verified: confirmed };
  await upsertIdentityData(tx, user.id, kind, patch);
  // Confirming a contact makes an anonymous user permanent (adminUserUpdate).
  const permanent = user.is_anonymous && confirmed ? { is_anonymous: false } : {};
  await updateUser(
    tx,
    user.id,
    kind === 'email' ? { email: value, ...permanent } : { phone: value, ...permanent },
  );
}

/** One-way, per-user: the address can be matched by whoever knows it, never read back. */
function obfuscate(userId: string, value: string | null): string | null {
  return value
    ? createHash('sha256')
        .update(userId + value)
        .digest('hex')
    : null;
}

/**
 * DELETE /admin/users/{id} (adminUserDelete). A soft delete keeps the row for foreign keys but
 * makes the account unusable: contact details replaced by a one-way hash, no password, no
 * metadata, no sessions.
 */
export async function adminDeleteUser(
  ctx: StackContext,
  user: UserRow,
  soft: boolean,
): Promise<void> {
  try {
    await ctx.db.transaction(async (tx) => {
      if (!soft) {
        await tx.query('delete from auth.users where id = $1', [user.id]);
        return;
      }
      if (user.deleted_at !== null) return;
      await tx.query(
        `update auth.users set email = $2, phone = $3, email_change = '', encrypted_password = null,
           raw_app_meta_data = '{}'::jsonb, raw_user_meta_data = '{}'::jsonb, deleted_at = now(),
           updated_at = now()
         where id = $1`,
        [user.id, obfuscate(user.id, user.email), obfuscate(user.id, user.phone)],
      );
      await tx.query(
        `update auth.identities set identity_data = '{}'::jsonb, updated_at = now()
         where user_id = $1`,
        [user.id],
      );
      await tx.query('delete from auth.sessions where user_id = $1', [user.id]);
    });
  } catch (err) {
    // Typically an app table that still references the user (a foreign key without cascade).
    throw fromDatabaseError(err, 'deleting user') ?? err;
  }
}
