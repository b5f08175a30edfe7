import type { Queryable } from '../db/types';
import { USER_SELECT, type UserRow } from './user-json';

/** GoTrue's default audience (GOTRUE_JWT_AUD); requests carry no X-JWT-AUD through supabase-js. */
export const AUDIENCE = 'authenticated';
/** The role new users get (GOTRUE_JWT_DEFAULT_GROUP_NAME). */
export const DEFAULT_ROLE = 'authenticated';
/** GoTrue writes uuid.Nil into instance_id; seeds written for Supabase do the same. */
const INSTANCE_ID = '00000000-0000-0000-0000-000000000000';

/** Stands for the database clock in a column update, so every timestamp comes from one clock. */
export const NOW = Symbol('now()');

export async function findUserById(q: Queryable, id: string): Promise<UserRow | null> {
  const res = await q.query<UserRow>(`${USER_SELECT} where u.id = $1`, [id]);
  return res.rows[0] ?? null;
}

/**
 * Reads a user inside a transaction with its row locked, so read-modify-write of the metadata
 * cannot lose a concurrent update on PostgreSQL.
 */
export async function lockUser(q: Queryable, id: string): Promise<UserRow | null> {
  await q.query('select 1 from auth.users where id = $1 for update', [id]);
  return findUserById(q, id);
}

/** Same lookup as GoTrue's FindUserByEmailAndAudience: case-insensitive, password users only. */
export async function findUserByEmail(q: Queryable, email: string): Promise<UserRow | null> {
  const res = await q.query<UserRow>(
    `${USER_SELECT} where lower(u.email) = lower($1) and u.aud = $2 and u.is_sso_user = false
     order by u.created_at limit 1`,
    [email, AUDIENCE],
  );
  return res.rows[0] ?? null;
}

export async function emailTaken(q: Queryable, email: string, exceptId?: string): Promise<boolean> {
  const res = await q.query(
    `select 1 from auth.users
     where lower(email) = lower($1) and is_sso_user = false and id is distinct from $2::uuid limit 1`,
    [email, exceptId ?? null],
  );
  return res.rows.length > 0;
}

export async function phoneTaken(q: Queryable, phone: string, exceptId?: string): Promise<boolean> {
  const res = await q.query(
    'select 1 from auth.users where phone = $1 and id is distinct from $2::uuid limit 1',
    [phone, exceptId ?? null],
  );
  return res.rows.length > 0;
}

export interface NewUser {
  id: string;
  email: string | null;
  phone: string | null;
  passwordHash: string | null;
  role: string;
  appMetadata: Record<string, unknown>;
  userMetadata: Record<string, unknown>;
  isAnonymous: boolean;
}

export async function insertUser(q: Queryable, u: NewUser): Promise<void> {
  await q.query(
    `insert into auth.users (instance_id, id, aud, role, email, phone, encrypted_password,
       raw_app_meta_data, raw_user_meta_data, is_anonymous, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10, now(), now())`,
    [
      INSTANCE_ID,
      u.id,
      AUDIENCE,
      u.role,
      u.email,
      u.phone,
      u.passwordHash,
      JSON.stringify(u.appMetadata),
      JSON.stringify(u.userMetadata),
      u.isAnonymous,
    ],
  );
}

type UserColumn =
  | 'email'
  | 'phone'
  | 'encrypted_password'
  | 'email_confirmed_at'
  | 'phone_confirmed_at'
  | 'confirmation_sent_at'
  | 'email_change'
  | 'email_change_sent_at'
  | 'last_sign_in_at'
  | 'raw_app_meta_data'
  | 'raw_user_meta_data'
  | 'role'
  | 'banned_until'
  | 'deleted_at'
  | 'is_anonymous';

const JSON_COLUMNS = new Set<UserColumn>(['raw_app_meta_data', 'raw_user_meta_data']);

/**
 * Sets the given columns (names come from the closed list above, values are always bound) and
 * bumps updated_at. Metadata objects are passed as JSON text so both drivers bind them the same way.
 */
export async function updateUser(
  q: Queryable,
  id: string,
  set: Partial<Record<UserColumn, unknown>>,
): Promise<void> {
  const params: unknown[] = [id];
  const assignments = ['updated_at = now()'];
  for (const [column, value] of Object.entries(set) as [UserColumn, unknown][]) {
    if (value === NOW) {
      assignments.push(`${column} = now()`);
    } else if (JSON_COLUMNS.has(column)) {
      params.push(JSON.stringify(value));
      assignments.push(`${column} = $${params.length}::jsonb`);
    } else {
      params.push(value);
      assignments.push(`${column} = $${params.length}`);
    }
  }
  await q.query(`update auth.users set ${assignments.join(', ')} where id = $1`, params);
}

/** An identity row as GoTrue's createNewIdentity writes it; provider_id is the user id for email/phone. */
export async function insertIdentity(
  q: Queryable,
  userId: string,
  provider: 'email' | 'phone',
  identityData: Record<string, unknown>,
): Promise<void> {
  await q.query(
    `insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at,
       created_at, updated_at)
     values ($1, $2, $3::jsonb, $4, now(), now(), now())
     on conflict (provider_id, provider) do nothing`,
    [userId, userId, JSON.stringify(identityData), provider],
  );
}

/** Merges keys into an identity's data, creating the identity when the user has none yet. */
export async function upsertIdentityData(
  q: Queryable,
  userId: string,
  provider: 'email' | 'phone',
  patch: Record<string, unknown>,
): Promise<void> {
  const res = await q.query(
    `update auth.identities set identity_data = identity_data || $3::jsonb, updated_at = now()
     where user_id = $1 and provider = $2`,
    [userId, provider, JSON.stringify(patch)],
  );
  if (res.rowCount === 0) {
    await insertIdentity(q, userId, provider, {
      sub: userId,
      email_verified: false,
      phone_verified: false,
      ...patch,
    });
  }
}

/** Identity data for a new email or phone identity (provider.Claims as GoTrue maps it). */
export function identityData(
  userId: string,
  fields: { email?: string; phone?: string },
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const data: Record<string, unknown> = {
    sub: userId,
    ...(fields.email !== undefined && { email: fields.email }),
    ...(fields.phone !== undefined && { phone: fields.phone }),
    email_verified: false,
    phone_verified: false,
  };
  // Sign-up data fills in keys the provider claims do not set (GoTrue's Signup does the same).
  for (const [k, v] of Object.entries(extra)) if (!(k in data)) data[k] = v;
  return data;
}
