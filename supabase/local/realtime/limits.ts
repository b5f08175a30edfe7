/**
 * Bounds that keep one client from costing the server unbounded memory or work. Defaults follow
 * supabase/realtime's tenant defaults where it has one (100 channels per client, 100 joins per
 * second); the rest are sized for a shop's handful of tills.
 */
export interface RealtimeLimits {
  /** Open sockets; the next upgrade is answered 429. */
  maxConnections: number;
  /** Channels joined on one socket; the next join is refused. */
  maxChannelsPerConnection: number;
  /** Joins one socket may make in any one-second window; past it the socket is closed. */
  maxJoinsPerSecond: number;
  /** Bytes queued to a socket that is not reading; past it the socket is dropped. */
  maxBufferedBytes: number;
  /** Largest inbound frame; a larger one closes the socket (1009). */
  maxFrameBytes: number;
  /** A socket silent this long (no heartbeat, no push) is closed, as Phoenix does. */
  idleTimeoutMs: number;
}

export const DEFAULT_LIMITS: RealtimeLimits = {
  maxConnections: 10_000,
  maxChannelsPerConnection: 100,
  maxJoinsPerSecond: 100,
  maxBufferedBytes: 8 * 1024 * 1024,
  maxFrameBytes: 1024 * 1024,
  idleTimeoutMs: 60_000,
};
