import type { SessionStorage } from '../lib/supabase';
import type { LapakDb } from './db';

/**
 * The device's auth session in IndexedDB rather than localStorage: the service worker has no
 * localStorage, and it must refresh the session itself to drain the outbox with no tab open.
 */
export function dexieSessionStorage(db: LapakDb): SessionStorage {
  return {
    async getItem(key) {
      return (await db.session.get(key))?.value ?? null;
    },
    async setItem(key, value) {
      await db.session.put({ key, value });
    },
    async removeItem(key) {
      await db.session.delete(key);
    },
  };
}
