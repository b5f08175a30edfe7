import { describe, expect, it } from 'vitest';
import { isDomainError } from '../lib/errors';
import { resolveServerConfig } from './config';

const respond = (status: number, body: unknown): typeof fetch =>
  (async () => new Response(JSON.stringify(body), { status })) as typeof fetch;

describe('resolveServerConfig', () => {
  it('uses this origin and the anon key the local stack serves', async () => {
    const config = await resolveServerConfig(
      respond(200, { url: 'http://127.0.0.1:54321', anonKey: 'anon.jwt.key' }),
      'http://localhost:54321',
    );
    // The page's own origin, not the host the stack printed: the browser may know it by another name.
    expect(config).toEqual({ url: 'http://localhost:54321', anonKey: 'anon.jwt.key' });
  });

  it('fails with a code when there is no config to be had', async () => {
    for (const fetchFn of [
      respond(404, { message: 'no Route matched' }),
      respond(200, { nothing: true }),
      (async () => {
        throw new TypeError('Failed to fetch');
      }) as typeof fetch,
    ]) {
      const err = await resolveServerConfig(fetchFn, 'http://localhost').catch((e: unknown) => e);
      expect(isDomainError(err, 'config_unavailable')).toBe(true);
    }
  });
});
