import type { Context, Hono } from 'hono';
import type { StackContext } from '../../context';
import { adminCreateUser, adminDeleteUser, adminUpdateUser } from '../admin-users';
import { AuthCode, AuthError, badRequest } from '../errors';
import { isUuid, requireAdmin } from '../guard';
import { readBody } from '../http';
import { AdminDeleteBody, AdminUserBody } from '../schemas';
import { AUDIENCE, findUserById } from '../users';
import { USER_SELECT, userJson, type UserRow } from '../user-json';

const DEFAULT_PER_PAGE = 50;

/** /admin/users: every route needs a bearer whose role is service_role or supabase_admin. */
export function mountAdmin(app: Hono, ctx: StackContext): void {
  app.post('/admin/users', async (c) => {
    await requireAdmin(ctx, c);
    const id = await adminCreateUser(ctx, await readBody(c, AdminUserBody));
    return c.json(await userOr404(ctx, id));
  });

  app.get('/admin/users', async (c) => {
    await requireAdmin(ctx, c);
    return listUsers(ctx, c);
  });

  app.get('/admin/users/:id', async (c) => {
    await requireAdmin(ctx, c);
    return c.json(userJson(await loadUser(ctx, c)));
  });

  app.put('/admin/users/:id', async (c) => {
    await requireAdmin(ctx, c);
    const user = await loadUser(ctx, c);
    await adminUpdateUser(ctx, user, await readBody(c, AdminUserBody));
    return c.json(await userOr404(ctx, user.id));
  });

  app.delete('/admin/users/:id', async (c) => {
    await requireAdmin(ctx, c);
    const user = await loadUser(ctx, c);
    const body = await readBody(c, AdminDeleteBody, { allowEmpty: true });
    await adminDeleteUser(ctx, user, body.should_soft_delete === true);
    return c.json({});
  });
}

/** GoTrue's loadUser middleware, including its 404 for a malformed id. */
async function loadUser(ctx: StackContext, c: Context): Promise<UserRow> {
  const id = c.req.param('id') ?? '';
  if (!isUuid(id)) throw new AuthError(404, AuthCode.validationFailed, 'user_id must be an UUID');
  const user = await findUserById(ctx.db, id);
  if (!user) throw new AuthError(404, AuthCode.userNotFound, 'User not found');
  return user;
}

async function userOr404(ctx: StackContext, id: string): Promise<Record<string, unknown>> {
  const user = await findUserById(ctx.db, id);
  if (!user) throw new AuthError(404, AuthCode.userNotFound, 'User not found');
  return userJson(user);
}

function pageParam(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) {
    throw badRequest(
      AuthCode.validationFailed,
      `Bad Pagination Parameters: invalid syntax "${raw}"`,
    );
  }
  return Math.max(1, Number(raw));
}

/**
 * GET /admin/users?page=&per_page=&filter= (adminUsers + addPaginationHeaders): newest first,
 * `X-Total-Count`, and a `Link` header with rel="next" (when there is one) and rel="last" built
 * from the request's own path and query, page first, as auth-js parses it.
 */
async function listUsers(ctx: StackContext, c: Context): Promise<Response> {
  const page = pageParam(c.req.query('page'), 1);
  const perPage = pageParam(c.req.query('per_page'), DEFAULT_PER_PAGE);
  const filter = c.req.query('filter') ?? '';
  const like = `%${filter.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  const where = `where u.aud = $1 and ($2 = '' or u.email ilike $3
      or u.raw_user_meta_data ->> 'full_name' ilike $3)`;
  const count = await ctx.db.query<{ n: number }>(
    `select count(*)::int as n from auth.users u ${where}`,
    [AUDIENCE, filter, like],
  );
  const total = count.rows[0]?.n ?? 0;
  const rows = await ctx.db.query<UserRow>(
    `${USER_SELECT} ${where} order by u.created_at desc, u.id desc limit $4 offset $5`,
    [AUDIENCE, filter, like, perPage, (page - 1) * perPage],
  );

  const totalPages = Math.ceil(total / perPage);
  const url = new URL(c.req.url);
  const link = (p: number) => {
    const query = new URLSearchParams(url.searchParams);
    query.set('page', String(p));
    const sorted = [...query.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `<${url.pathname}?${new URLSearchParams(sorted).toString()}>`;
  };
  const links = [];
  if (totalPages > page) links.push(`${link(page + 1)}; rel="next"`);
  links.push(`${link(totalPages)}; rel="last"`);
  c.header('Link', links.join(', '));
  c.header('X-Total-Count', String(total));
  return c.json({ users: rows.rows.map(userJson), aud: AUDIENCE });
}
