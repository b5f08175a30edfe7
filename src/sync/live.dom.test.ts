import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LapakDb } from '../data/db';
import { applyLiveChange, type LiveChange } from './live';
import { pullAll } from './pull';
import type { PullPage, SyncTransport } from './transport';

const TENANT = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';
const PRODUCT = '00000000-0000-4000-8000-0000000000a1';
const STAFF = '00000000-0000-4000-8000-0000000000b1';
const ROLE = '00000000-0000-4000-8000-0000000000c1';
const HASH = '$2b$04$JAUHJOTP45bhbT178Mod8uwdyu.SHpTiveiKqbmpugtmLHP281SaS';

let db: LapakDb;
beforeEach(async () => {
  db = new LapakDb(`live-${crypto.randomUUID()}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const product = (over: Record<string, unknown> = {}) => ({
  id: PRODUCT,
  tenant_id: TENANT,
  name: 'Kopi',
  price: 5000,
  version: 2,
  deleted_at: null,
  txid: '812',
  ...over,
});

const update = (table: string, row: Record<string, unknown>): LiveChange => ({
  table,
  eventType: 'UPDATE',
  new: row,
  old: { id: row.id },
});

/** A transport that answers one page of rows, as sync_pull would. */
function pullOf(changes: PullPage['changes']): SyncTransport {
  return {
    push: () => Promise.reject(new Error('not used')),
    pull: () => Promise.resolve({ changes, cursors: { products: '900:x' }, hasMore: false }),
  };
}

describe('applyLiveChange', () => {
  it('stores a changed row as the pull would, without the server-only txid', async () => {
    const result = await applyLiveChange(db, TENANT, update('products', product()));
    expect(result).toEqual({ changed: 'products', needsPull: false });
    const { txid: _txid, ...stored } = product();
    expect(await db.replica('products').get(PRODUCT)).toEqual(stored);
    expect(await db.meta.get('cursors')).toBeUndefined();
  });

  it('never replaces a newer version, whichever path brought it', async () => {
    await pullAll(db, pullOf({ products: [product({ version: 5, price: 7000 })] }));
    const result = await applyLiveChange(db, TENANT, update('products', product({ version: 4 })));
    expect(result.changed).toBeNull();
    expect((await db.replica('products').get(PRODUCT))?.price).toBe(7000);

    await applyLiveChange(db, TENANT, update('products', product({ version: 6, price: 8000 })));
    await pullAll(db, pullOf({ products: [product({ version: 5, price: 7000 })] }));
    expect((await db.replica('products').get(PRODUCT))?.price).toBe(8000);
  });

  it("ignores another tenant's rows and rows that are not replicated", async () => {
    expect(
      await applyLiveChange(db, TENANT, update('products', product({ tenant_id: OTHER }))),
    ).toEqual({ changed: null, needsPull: false });
    expect(
      await applyLiveChange(db, TENANT, update('tenants', { id: OTHER, name: 'X', version: 1 })),
    ).toEqual({ changed: null, needsPull: false });
    expect(
      await applyLiveChange(db, TENANT, update('sales', { id: PRODUCT, tenant_id: TENANT })),
    ).toEqual({ changed: null, needsPull: false });
    expect(await db.replica('products').count()).toBe(0);
    expect(await db.replica('tenants').count()).toBe(0);
  });

  it('asks for a pull when the payload is not a row it can trust', async () => {
    for (const bad of [
      update('products', { ...product(), id: 'not-a-uuid' }),
      update('products', { ...product(), version: '2' }),
      { ...update('products', product()), errors: ['Error 401: Unauthorized'] },
    ]) {
      expect(await applyLiveChange(db, TENANT, bad)).toEqual({ changed: null, needsPull: true });
    }
    expect(await db.replica('products').count()).toBe(0);
  });

  it('keeps the PIN hash and permission list the pull embedded, and pulls when only they changed', async () => {
    await pullAll(
      db,
      pullOf({
        staff: [
          { id: STAFF, tenant_id: TENANT, name: 'Ani', active: true, version: 3, pin_hash: HASH },
        ],
        roles: [
          { id: ROLE, tenant_id: TENANT, name: 'Kasir', version: 1, permissions: ['sale.create'] },
        ],
      }),
    );
    const staff = { id: STAFF, tenant_id: TENANT, name: 'Ani', active: false, version: 4 };
    expect(await applyLiveChange(db, TENANT, update('staff', staff))).toEqual({
      changed: 'staff',
      needsPull: false,
    });
    expect(await db.replica('staff').get(STAFF)).toMatchObject({ active: false, pin_hash: HASH });

    // A PIN or permission change re-sends the row at the same version: the list is elsewhere.
    expect(await applyLiveChange(db, TENANT, update('staff', staff))).toEqual({
      changed: 'staff',
      needsPull: true,
    });
    const role = { id: ROLE, tenant_id: TENANT, name: 'Kasir', version: 1 };
    expect((await applyLiveChange(db, TENANT, update('roles', role))).needsPull).toBe(true);
    expect((await db.replica('roles').get(ROLE))?.permissions).toEqual(['sale.create']);

    // A role the till has never seen comes without its list: empty until the pull.
    const fresh = { ...role, id: '00000000-0000-4000-8000-0000000000c2' };
    const result = await applyLiveChange(db, TENANT, {
      ...update('roles', fresh),
      eventType: 'INSERT',
    });
    expect(result).toEqual({ changed: 'roles', needsPull: true });
    expect((await db.replica('roles').get(fresh.id))?.permissions).toEqual([]);
  });

  it('removes a hard-deleted row it holds and ignores keys it does not know', async () => {
    await applyLiveChange(db, TENANT, update('products', product()));
    const gone = (id: string): LiveChange => ({
      table: 'products',
      eventType: 'DELETE',
      new: {},
      old: { id },
    });
    expect(await applyLiveChange(db, TENANT, gone('00000000-0000-4000-8000-0000000000ff'))).toEqual(
      { changed: null, needsPull: false },
    );
    expect(await applyLiveChange(db, TENANT, gone(PRODUCT))).toEqual({
      changed: 'products',
      needsPull: false,
    });
    expect(await db.replica('products').count()).toBe(0);
  });
});
