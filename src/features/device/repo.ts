import type { LapakDb } from '../../data/db';
import { getMeta } from '../../data/meta';
import {
  catalogVersionOf,
  tillInfoFrom,
  type DeviceIdentity,
  type ServerConfig,
  type TillInfo,
} from './model';

/** The pairing this device keeps in meta, or null when it has none (or only half of one). */
export async function loadPairing(
  db: LapakDb,
): Promise<{ device: DeviceIdentity; config: ServerConfig } | null> {
  const [device, config] = await Promise.all([
    getMeta(db.meta, 'device'),
    getMeta(db.meta, 'config'),
  ]);
  return device && config ? { device, config } : null;
}

/** Names and sale settings from the replica; null until the first pull has brought the tenant. */
export async function loadTillInfo(db: LapakDb, device: DeviceIdentity): Promise<TillInfo | null> {
  const [tenant, outlet, self] = await Promise.all([
    db.replica('tenants').get(device.tenantId),
    db.replica('outlets').get(device.outletId),
    db.replica('devices').get(device.deviceId),
  ]);
  return tillInfoFrom(device, { tenant, outlet, device: self });
}

/** Scans the product replica; call it after a pull brought rows, not on every render. */
export async function loadCatalogVersion(db: LapakDb): Promise<number> {
  let version = 0;
  await db.replica('products').each((p) => {
    version = Math.max(version, catalogVersionOf([p]));
  });
  return version;
}
