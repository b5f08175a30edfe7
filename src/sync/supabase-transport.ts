import type { SupabaseClient } from '@supabase/supabase-js';
import type { PullPage, PushResult, SyncTransport, WireMutation } from './transport';
import { TransportError } from './transport';

interface RpcAnswer<T> {
  data: T | null;
  error: { message: string; code?: string } | null;
  status: number;
}

function classify(status: number, message: string): TransportError {
  if (status === 0) return new TransportError('network', message);
  if (status >= 500 || status === 408 || status === 429) {
    return new TransportError('server', message, status);
  }
  return new TransportError('rejected', message, status);
}

/**
 * `sync_push` / `sync_pull` through supabase-js. supabase-js refreshes an expired access token
 * before a request when it can; a 401 that still comes back gets one explicit refresh and one
 * retry. Only a refresh the auth server refuses (revoked or reused refresh token) is
 * `unauthorized`; a refresh that fails for want of network is a network failure like any other.
 */
export function supabaseTransport(client: SupabaseClient): SyncTransport {
  async function call<T>(fn: string, args: Record<string, unknown>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const res = (await client.rpc(fn, args)) as RpcAnswer<T>;
      if (!res.error) return res.data as T;
      if (res.status === 401 && attempt === 0) {
        const { error } = await client.auth.refreshSession();
        if (!error) continue;
        // auth-js reports a fetch failure or a 5xx as retryable (status 0 or ≥ 500).
        const status = (error as { status?: number }).status ?? 0;
        if (status >= 400 && status < 500) {
          throw new TransportError('unauthorized', `session lost: ${error.message}`, 401);
        }
        throw new TransportError('network', `session refresh failed: ${error.message}`);
      }
      if (res.status === 401) {
        // Refused even with a freshly refreshed token: something is off (a clock, a proxy),
        // but the session itself was just renewed, so back off and try again; only the auth
        // server refusing the refresh token means the till must be paired again.
        throw new TransportError('server', res.error.message, 401);
      }
      throw classify(res.status, res.error.message);
    }
  }

  return {
    async push(mutations: WireMutation[]): Promise<PushResult[]> {
      const data = await call<{ results: PushResult[] }>('sync_push', { mutations });
      return data.results;
    },
    async pull(cursors, pageSize): Promise<PullPage> {
      const data = await call<{
        tables: Record<
          string,
          { rows: Record<string, unknown>[]; cursor: string | null; more: boolean }
        >;
      }>('sync_pull', { cursors, page_size: pageSize });
      const page: PullPage = { changes: {}, cursors: {}, hasMore: false };
      for (const [table, t] of Object.entries(data.tables)) {
        page.changes[table] = t.rows;
        page.cursors[table] = t.cursor;
        page.hasMore ||= t.more;
      }
      return page;
    },
  };
}
