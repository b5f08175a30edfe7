/** A row of auth.users as USER_SELECT reads it, identities aggregated alongside. */
export interface UserRow {
  id: string;
  aud: string | null;
  role: string | null;
  email: string | null;
  phone: string | null;
  encrypted_password: string | null;
  email_confirmed_at: Date | string | null;
  phone_confirmed_at: Date | string | null;
  confirmed_at: Date | string | null;
  invited_at: Date | string | null;
  confirmation_sent_at: Date | string | null;
  recovery_sent_at: Date | string | null;
  email_change: string | null;
  email_change_sent_at: Date | string | null;
  last_sign_in_at: Date | string | null;
  raw_app_meta_data: Record<string, unknown> | null;
  raw_user_meta_data: Record<string, unknown> | null;
  created_at: Date | string;
  updated_at: Date | string;
  banned_until: Date | string | null;
  deleted_at: Date | string | null;
  is_anonymous: boolean;
  identities: IdentityRow[] | null;
}

interface IdentityRow {
  identity_id: string;
  id: string;
  user_id: string;
  identity_data: Record<string, unknown> | null;
  provider: string;
  last_sign_in_at: string | null;
  created_at: string;
  updated_at: string;
  email: string | null;
}

/**
 * One statement that reads users with their identities, so every endpoint answers with the same
 * shape from a single round trip. Append `where …` (and order/limit) after it.
 */
export const USER_SELECT = `
  select u.id, u.aud, u.role, u.email, u.phone, u.encrypted_password, u.email_confirmed_at,
    u.phone_confirmed_at, u.confirmed_at, u.invited_at, u.confirmation_sent_at,
    u.recovery_sent_at, u.email_change, u.email_change_sent_at, u.last_sign_in_at,
    u.raw_app_meta_data, u.raw_user_meta_data, u.created_at, u.updated_at, u.banned_until,
    u.deleted_at, u.is_anonymous,
    (select json_agg(json_build_object(
        'identity_id', i.id, 'id', i.provider_id, 'user_id', i.user_id,
        'identity_data', i.identity_data, 'provider', i.provider,
        'last_sign_in_at', i.last_sign_in_at, 'created_at', i.created_at,
        'updated_at', i.updated_at, 'email', i.email) order by i.created_at, i.id)
      from auth.identities i where i.user_id = u.id) as identities
  from auth.users u`;

function iso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

/** Adds `key` only when the value is set, as Go's `omitempty` does on pointer fields. */
function optional(out: Record<string, unknown>, key: string, value: Date | string | null) {
  if (value !== null && value !== '') out[key] = iso(value);
}

function identityJson(i: IdentityRow): Record<string, unknown> {
  const out: Record<string, unknown> = {
    identity_id: i.identity_id,
    id: i.id,
    user_id: i.user_id,
  };
  if (i.identity_data && Object.keys(i.identity_data).length > 0)
    out.identity_data = i.identity_data;
  out.provider = i.provider;
  optional(out, 'last_sign_in_at', i.last_sign_in_at);
  out.created_at = iso(i.created_at);
  out.updated_at = iso(i.updated_at);
  if (i.email) out.email = i.email;
  return out;
}

/**
 * The user object GoTrue serializes (internal/models/user.go): id, aud, role, email, phone,
 * app_metadata, user_metadata, identities, created_at, updated_at and is_anonymous always; the
 * timestamps of events that have not happened are left out. NULL email/phone read as "".
 */
export function userJson(u: UserRow): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: u.id,
    aud: u.aud ?? '',
    role: u.role ?? '',
    email: u.email ?? '',
  };
  optional(out, 'email_confirmed_at', u.email_confirmed_at);
  optional(out, 'invited_at', u.invited_at);
  out.phone = u.phone ?? '';
  optional(out, 'phone_confirmed_at', u.phone_confirmed_at);
  optional(out, 'confirmation_sent_at', u.confirmation_sent_at);
  optional(out, 'confirmed_at', u.confirmed_at);
  optional(out, 'recovery_sent_at', u.recovery_sent_at);
  if (u.email_change) out.new_email = u.email_change;
  optional(out, 'email_change_sent_at', u.email_change_sent_at);
  optional(out, 'last_sign_in_at', u.last_sign_in_at);
  out.app_metadata = u.raw_app_meta_data ?? {};
  out.user_metadata = u.raw_user_meta_data ?? {};
  out.identities = (u.identities ?? []).map(identityJson);
  out.created_at = iso(u.created_at);
  out.updated_at = iso(u.updated_at);
  optional(out, 'banned_until', u.banned_until);
  optional(out, 'deleted_at', u.deleted_at);
  out.is_anonymous = u.is_anonymous;
  return out;
}

/** GoTrue's UpdateAppMetaData/UpdateUserMetaData: merge key by key, a null value deletes the key. */
export function mergeMetadata(
  current: Record<string, unknown> | null,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(current ?? {}) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = value;
  }
  return out;
}

export function isBanned(u: Pick<UserRow, 'banned_until'>, now = Date.now()): boolean {
  if (u.banned_until === null) return false;
  return new Date(u.banned_until).getTime() > now;
}
