import { z } from 'zod';

// Request bodies as GoTrue's Go structs decode them: a missing or null string is "", unknown keys
// are ignored, and a value of the wrong JSON type is a decoding error (400 bad_json).
const str = z.string().nullish();
const bool = z.boolean().nullish();
const jsonObject = z.record(z.string(), z.unknown()).nullish();

/** POST /signup (internal/api/signup.go SignupParams); no email and no phone means anonymous. */
export const SignupBody = z.object({
  email: str,
  phone: str,
  password: str,
  data: jsonObject,
  channel: str,
  code_challenge: str,
  code_challenge_method: str,
});

/** POST /token?grant_type=password (PasswordGrantParams). */
export const PasswordGrantBody = z.object({ email: str, phone: str, password: str });

/** POST /token?grant_type=refresh_token. */
export const RefreshGrantBody = z.object({ refresh_token: str });

/** PUT /user (internal/api/user.go UserUpdateParams). */
export const UserUpdateBody = z.object({
  email: str,
  password: str,
  current_password: str,
  nonce: str,
  data: jsonObject,
  app_metadata: jsonObject,
  phone: str,
  channel: str,
  code_challenge: str,
  code_challenge_method: str,
});

/** POST and PUT /admin/users (internal/api/admin.go AdminUserParams). */
export const AdminUserBody = z.object({
  id: str,
  aud: str,
  role: str,
  email: str,
  phone: str,
  password: str,
  password_hash: str,
  email_confirm: bool,
  phone_confirm: bool,
  user_metadata: jsonObject,
  app_metadata: jsonObject,
  ban_duration: str,
});

export type AdminUserBody = z.output<typeof AdminUserBody>;

/** DELETE /admin/users/{id}; the body is optional. */
export const AdminDeleteBody = z.object({ should_soft_delete: bool });
