import { Hono } from 'hono';
import type { StackContext } from '../context';
import { AuthCode, AuthError, errorResponse, fromDatabaseError, OAuthError } from './errors';
import { mountAdmin } from './routes/admin';
import { mountMeta } from './routes/meta';
import { mountSignup } from './routes/signup';
import { mountToken } from './routes/token';
import { mountUser } from './routes/user';

/**
 * The GoTrue layer mounted at /auth/v1: the endpoints auth-js calls for email/password and
 * anonymous sign-in, sessions and the admin user API, backed by the auth.* tables of
 * bootstrap/10-auth.sql.
 */
export async function createAuthApp(ctx: StackContext): Promise<Hono> {
  const app = new Hono();
  mountMeta(app, ctx);
  mountSignup(app, ctx);
  mountToken(app, ctx);
  mountUser(app, ctx);
  mountAdmin(app, ctx);

  // Must be set before the stack mounts this app: Hono binds a sub-app's handler at route().
  app.onError((err, c) => {
    if (err instanceof AuthError || err instanceof OAuthError) return errorResponse(c, err);
    const fromDb = fromDatabaseError(err, 'handling the request');
    if (fromDb) return errorResponse(c, fromDb);
    console.error('auth: unexpected error', err);
    return errorResponse(
      c,
      new AuthError(
        500,
        AuthCode.unexpectedFailure,
        'Unexpected failure, please check server logs for more information',
      ),
    );
  });
  return app;
}
