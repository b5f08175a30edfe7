import type { LapakDb } from '../data/db';
import type { TillContext } from '../data/till';

/** The till the device-side command tests run on: Jakarta outlet JKT1, till T1. */
export const TEST_DEVICE: TillContext['device'] = {
  deviceId: '00000000-0000-4000-8000-000000000301',
  tenantId: '00000000-0000-4000-8000-000000000001',
  outletId: '00000000-0000-4000-8000-000000000201',
  outletCode: 'JKT1',
  deviceCode: 'T1',
};

/** A context on that till for `staffId`: rupiah, prices including tax, no cash rounding. */
export function testTillContext(
  db: LapakDb,
  staffId: string,
  rest: Pick<TillContext, 'catalogVersion' | 'shiftId'> & Pick<Partial<TillContext>, 'now'>,
): TillContext {
  return {
    db,
    device: TEST_DEVICE,
    staffId,
    settings: { currency: 'IDR', taxMode: 'inclusive', cashRoundingStep: 0 },
    ...rest,
  };
}
