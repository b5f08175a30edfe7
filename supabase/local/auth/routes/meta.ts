import type { Hono } from 'hono';
import type { StackContext } from '../../context';

const EXTERNAL_PROVIDERS = [
  'apple',
  'azure',
  'bitbucket',
  'discord',
  'facebook',
  'snapchat',
  'figma',
  'fly',
  'github',
  'gitlab',
  'google',
  'keycloak',
  'kakao',
  'linkedin',
  'linkedin_oidc',
  'notion',
  'spotify',
  'slack',
  'slack_oidc',
  'workos',
  'twitch',
  'twitter',
  'zoom',
] as const;

/** GET /health, GET /settings and the JWKS: what clients and tooling probe before signing in. */
export function mountMeta(app: Hono, ctx: StackContext): void {
  app.get('/health', (c) =>
    c.json({
      version: 'lapak-local',
      name: 'GoTrue',
      description: 'GoTrue is a user registration and authentication API',
    }),
  );

  // internal/api/settings.go: only email/password and anonymous sign-ins exist locally.
  app.get('/settings', (c) =>
    c.json({
      external: {
        anonymous_users: true,
        ...Object.fromEntries(EXTERNAL_PROVIDERS.map((p) => [p, false])),
        email: true,
        phone: false,
      },
      disable_signup: false,
      mailer_autoconfirm: ctx.config.auth.autoconfirm,
      phone_autoconfirm: false,
      sms_provider: '',
      saml_enabled: false,
      saml_private_key_next_configured: false,
      passkeys_enabled: false,
    }),
  );

  // Tokens are HS256 with the shared secret, which is never published: the key set is empty,
  // and auth-js verifies such tokens through GET /user instead.
  app.get('/.well-known/jwks.json', (c) => c.json({ keys: [] }));
}
