import { signJwt } from '../../supabase/local/jwt';

export type Fault =
  | 'none'
  | 'drop-request'
  | 'drop-response'
  | 'duplicate'
  | 'delay'
  | 'server-500'
  | 'expired-token';

/**
 * A fetch for the till's client that misbehaves on the sync RPCs as a bad network or a bad day
 * would: the request never leaves, the answer is lost after the server committed, the request
 * arrives twice, late, or meets a 500; or the till presents an access token that expired while
 * it was offline for hours. Everything else passes through untouched.
 */
export function faultyFetch(next: () => Fault, jwtSecret: string): typeof fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!/\/rest\/v1\/rpc\/sync_(push|pull)/.test(url)) return fetch(input, init);
    const fault = next();
    switch (fault) {
      case 'drop-request':
        throw new TypeError('fetch failed: network down');
      case 'server-500':
        return new Response('{"code":"XX000","message":"injected failure"}', {
          status: 500,
          headers: { 'Content-Type': 'application/json' },
        });
      case 'drop-response': {
        const res = await fetch(input, init);
        await res.arrayBuffer();
        throw new TypeError('fetch failed: connection reset');
      }
      case 'duplicate': {
        const first = await fetch(input, init);
        await first.arrayBuffer();
        return fetch(input, init);
      }
      case 'delay':
        await new Promise((r) => setTimeout(r, 5 + Math.floor(Math.random() * 40)));
        return fetch(input, init);
      case 'expired-token': {
        const headers = new Headers(init?.headers);
        const sub = claimsOf(headers.get('Authorization'))?.sub;
        const twoHoursAgo = Math.floor(Date.now() / 1000) - 7200;
        const stale = await signJwt(
          {
            ...(sub && { sub }),
            role: 'authenticated',
            aud: 'authenticated',
            iat: twoHoursAgo - 3600,
            exp: twoHoursAgo,
          },
          jwtSecret,
        );
        headers.set('Authorization', `Bearer ${stale}`);
        return fetch(input, { ...init, headers });
      }
      default:
        return fetch(input, init);
    }
  };
}

function claimsOf(authorization: string | null): { sub?: string } | null {
  const token = authorization?.replace(/^Bearer\s+/i, '');
  const body = token?.split('.')[1];
  if (!body) return null;
  return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { sub?: string };
}
