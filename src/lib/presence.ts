import { z } from 'zod';

/**
 * What each till announces on its tenant's presence channel, and what the manager dashboard reads
 * back. Presence is keyed by device id, so a till that reconnects replaces its own entry; a till
 * whose socket drops leaves the channel and is shown offline (its last figures stay in `devices`).
 */

/** The private Realtime channel all tills and managers of one tenant share for presence. */
export function tillsChannel(tenantId: string): string {
  return `tenant:${tenantId}:tills`;
}

const isoTime = z.iso.datetime({ offset: true });

export const TillPresenceSchema = z.object({
  device_id: z.uuid(),
  device_name: z.string().min(1).max(80),
  outlet_id: z.uuid(),
  /** The unlocked staff member, or null while the till is locked. */
  staff_id: z.uuid().nullable(),
  staff_name: z.string().max(80).nullable(),
  /** The browser's own view: false while it has no network (it can still be on the channel briefly). */
  online: z.boolean(),
  /** Mutations still in the outbox. */
  pending: z.number().int().nonnegative(),
  /** When the oldest of them was committed on the till, or null with an empty outbox. */
  oldest_pending_at: isoTime.nullable(),
  /** Mutations the server rejected, waiting in the till's needs-attention list. */
  needs_attention: z.number().int().nonnegative(),
  last_push_at: isoTime.nullable(),
  last_pull_at: isoTime.nullable(),
  app_version: z.string().min(1).max(40),
  /** When the till last updated this entry. */
  at: isoTime,
});

export type TillPresence = z.infer<typeof TillPresenceSchema>;
