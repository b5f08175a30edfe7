import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Hono } from 'hono';
import { WebSocketServer } from 'ws';
import type { StackContext } from '../context';
import { broadcastApi } from './api';
import { ChangeFeed } from './changes/feed';
import { Connection } from './connection';
import { Hub } from './hub';
import { DEFAULT_LIMITS, type RealtimeLimits } from './limits';
import type { RealtimeServices } from './services';
import { checkToken, tenantToken } from './token';

export const WEBSOCKET_PATH = '/realtime/v1/websocket';

export interface RealtimeHandle {
  /** Closes every socket and stops listening for changes; call before the database closes. */
  stop(): Promise<void>;
}

/** Answers a refused upgrade as hosted Realtime does: a status and `{"error": …}`. */
function refuse(socket: Duplex, status: number, error: string): void {
  const body = JSON.stringify({ error });
  const reason =
    { 401: 'Unauthorized', 404: 'Not Found', 429: 'Too Many Requests' }[status] ?? 'Error';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * Realtime on the stack's HTTP server: the Phoenix socket at /realtime/v1/websocket and the REST
 * broadcast endpoint under /realtime/v1/api on `app`.
 */
export async function attachRealtime(
  server: Server,
  app: Hono,
  ctx: StackContext,
  limits: Partial<RealtimeLimits> = {},
): Promise<RealtimeHandle> {
  const changes = new ChangeFeed(ctx.db);
  await changes.start();
  ctx.onSchemaChange(() => changes.schemaChanged());
  const rt: RealtimeServices = {
    db: ctx.db,
    config: ctx.config,
    limits: { ...DEFAULT_LIMITS, ...limits },
    hub: new Hub(),
    changes,
  };
  app.route('/realtime/v1/api', broadcastApi(rt));

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: rt.limits.maxFrameBytes,
    perMessageDeflate: false,
  });
  const connections = new Set<Connection>();

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A client that resets mid-handshake must not take the process down with it.
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.replace(/\/$/, '') !== WEBSOCKET_PATH) {
      // Another upgrade handler may own this path; with none, nobody will answer it.
      if (server.listenerCount('upgrade') === 1) refuse(socket, 404, 'Not Found');
      return;
    }
    void (async () => {
      const header = req.headers['x-api-key'];
      const key = (typeof header === 'string' ? header : null) ?? url.searchParams.get('apikey');
      if (!key) return refuse(socket, 401, 'API key is missing');
      const token = await tenantToken(key, ctx.config);
      const check = await checkToken(token, ctx.config.jwtSecret);
      if (!check.ok) return refuse(socket, 401, check.upgradeError);
      if (connections.size >= rt.limits.maxConnections)
        return refuse(socket, 429, 'Too many connected users');
      // A repeated query key takes its last value, as Plug parses it: realtime-js puts its own
      // `vsn` after any `params.vsn`, so the client's actual serializer wins.
      const vsn = url.searchParams.getAll('vsn').at(-1)?.startsWith('2.') ? '2.0.0' : '1.0.0';
      wss.handleUpgrade(req, socket, head, (ws) => {
        const conn = new Connection(rt, ws, vsn, token);
        connections.add(conn);
        ws.on('close', () => connections.delete(conn));
      });
    })().catch(() => socket.destroy());
  };
  server.on('upgrade', onUpgrade);

  // Phoenix closes a socket that sent nothing (not even a heartbeat) within its timeout.
  const sweep = setInterval(
    () => {
      const cutoff = Date.now() - rt.limits.idleTimeoutMs;
      for (const conn of connections) if (conn.lastSeen < cutoff) conn.terminate();
    },
    Math.max(250, Math.min(10_000, rt.limits.idleTimeoutMs / 4)),
  );
  sweep.unref();

  return {
    async stop() {
      server.off('upgrade', onUpgrade);
      clearInterval(sweep);
      for (const conn of connections) conn.terminate();
      connections.clear();
      await new Promise<void>((done) => wss.close(() => done()));
      await changes.stop();
    },
  };
}
