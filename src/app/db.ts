import { LapakDb } from '../data/db';

/** The page's one handle on the till's IndexedDB (the service worker opens its own). */
export const db = new LapakDb();

// Another tab running a newer release is upgrading the schema (or an unpairing is deleting the
// database): this page's connection is closed for it and its code no longer matches the data.
// Reloading brings the new code; the cart is kept in IndexedDB, so nothing rung up is lost.
db.on('versionchange', () => {
  location.reload();
});
