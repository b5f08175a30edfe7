import { beforeEach, describe, expect, it } from 'vitest';
import { useAppStore } from './store';
import { getTillContext } from './till-context';

const device = {
  deviceId: 'dev-1',
  tenantId: 'ten-1',
  outletId: 'out-1',
  outletCode: 'JKT1',
  deviceCode: 'T4',
};
const ani = {
  id: 'ani',
  name: 'Ani',
  active: true,
  roleName: 'Kasir',
  permissions: [],
  pinHash: 'h',
};
const saved = () => JSON.parse(localStorage.getItem('lapak-till') ?? '{}') as { state?: object };

describe('the bound store', () => {
  beforeEach(() => {
    useAppStore.getState().lock();
    useAppStore.getState().setPaired(null);
  });

  it('persists preferences and the PIN lockout, never who is unlocked', () => {
    const s = useAppStore.getState();
    s.setLocale('en');
    s.setIdleLockMinutes(10);
    s.setPinLockout({ failures: 3, lockedUntil: 123 });
    s.unlock(ani);
    expect(saved().state).toEqual({
      locale: 'en',
      idleLockMinutes: 10,
      // A successful unlock clears the lockout, and that is what a reload sees.
      pinLockout: { failures: 0, lockedUntil: 0 },
    });
    s.setPinLockout({ failures: 4, lockedUntil: 456 });
    expect(saved().state).toMatchObject({ pinLockout: { failures: 4, lockedUntil: 456 } });
    expect(JSON.stringify(saved())).not.toContain('Ani');
  });

  it('offers a till context only to a paired, synced, unlocked till', () => {
    const s = useAppStore.getState();
    expect(getTillContext()).toBeNull();
    s.setPaired(device);
    s.setTillInfo({
      shopName: 'Toko',
      outletName: 'Jakarta',
      tillName: 'Depan',
      timezone: 'Asia/Jakarta',
      settings: { currency: 'IDR', taxMode: 'inclusive', cashRoundingStep: 0 },
    });
    s.setCatalogVersion(7);
    expect(getTillContext()).toBeNull();
    s.unlock(ani);
    expect(getTillContext()).toMatchObject({
      device,
      staffId: 'ani',
      catalogVersion: 7,
      shiftId: null,
      settings: { currency: 'IDR' },
    });
    s.lock('idle');
    expect(getTillContext()).toBeNull();
    expect(useAppStore.getState().lockReason).toBe('idle');
  });
});
