import type { StateCreator } from 'zustand';
import type { LapakDb } from '../../data/db';
import type { Category } from './model';
import { readCatalog } from './repo';
import { buildSearchIndex, type SearchIndex } from './search-index';

/**
 * The catalog the till sells from: products indexed for search, and categories. Rebuilt from
 * the replica when a pull changed it; nothing here is written by the till.
 */
export interface CatalogSlice {
  catalogStatus: 'empty' | 'loading' | 'ready' | 'failed';
  searchIndex: SearchIndex | null;
  categories: readonly Category[];
  loadCatalog(db: LapakDb): Promise<void>;
}

export const createCatalogSlice: StateCreator<CatalogSlice, [], [], CatalogSlice> = (set, get) => ({
  catalogStatus: 'empty',
  searchIndex: null,
  categories: [],
  async loadCatalog(db) {
    if (get().searchIndex === null) set({ catalogStatus: 'loading' });
    try {
      const snapshot = await readCatalog(db);
      set({
        catalogStatus: 'ready',
        searchIndex: buildSearchIndex(snapshot.products),
        categories: snapshot.categories,
      });
    } catch (error) {
      // A till that cannot read its catalog keeps the one it had.
      console.error('catalog', error);
      set({ catalogStatus: get().searchIndex ? 'ready' : 'failed' });
    }
  },
});
