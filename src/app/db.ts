import { LapakDb } from '../data/db';

/** The page's one handle on the till's IndexedDB (the service worker opens its own). */
export const db = new LapakDb();
