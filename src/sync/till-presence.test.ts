import { describe, expect, it } from 'vitest';
import { NO_FACTS, presencePayload, syncFacts, type TillIdentity } from './till-presence';

const identity: TillIdentity = {
  deviceId: '00000000-0000-4000-8000-000000000301',
  deviceName: 'Kasir Depan',
  outletId: '00000000-0000-4000-8000-000000000201',
  appVersion: '0.1.0',
};
const AT = Date.parse('2026-01-05T08:00:00.000Z');

describe('syncFacts', () => {
  it('turns the age of the oldest pending mutation back into the moment it was made', () => {
    const facts = syncFacts(
      {
        pending: 3,
        oldestPendingAgeMs: 90_000,
        attention: 1,
        lastPushAt: '2026-01-05T14:58:00.000+07:00',
        lastPullAt: null,
        lastError: null,
        needsPairing: false,
      },
      AT,
    );
    expect(facts).toEqual({
      pending: 3,
      oldestPendingAt: '2026-01-05T07:58:30.000Z',
      needsAttention: 1,
      lastPushAt: '2026-01-05T07:58:00.000Z',
      lastPullAt: null,
    });
  });
});

describe('presencePayload', () => {
  it('builds the entry of the shared contract', () => {
    expect(
      presencePayload(identity, { ...NO_FACTS, staff: { id: identity.deviceId, name: 'Ani' } }, AT),
    ).toEqual({
      device_id: identity.deviceId,
      device_name: 'Kasir Depan',
      outlet_id: identity.outletId,
      staff_id: identity.deviceId,
      staff_name: 'Ani',
      online: true,
      pending: 0,
      oldest_pending_at: null,
      needs_attention: 0,
      last_push_at: null,
      last_pull_at: null,
      app_version: '0.1.0',
      at: '2026-01-05T08:00:00.000Z',
    });
  });

  it('refuses facts the contract does not allow instead of announcing them', () => {
    expect(presencePayload({ ...identity, deviceId: 'T1' }, NO_FACTS, AT)).toBeNull();
    expect(presencePayload(identity, { ...NO_FACTS, pending: -1 }, AT)).toBeNull();
    expect(presencePayload({ ...identity, deviceName: '' }, NO_FACTS, AT)).toBeNull();
  });
});
