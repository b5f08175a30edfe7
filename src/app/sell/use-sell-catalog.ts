import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { readStockLevels } from '../../features/catalog/repo';
import { pendingStockDeltas } from '../../features/sales/repo';
import { db } from '../db';
import { useLiveQuery } from '../live';
import { useAppStore } from '../store';

const NO_STOCK: ReadonlyMap<string, number> = new Map();

/**
 * The catalog as the selling screen needs it, kept in step with IndexedDB: the search index
 * (rebuilt when a pull changed products or categories), and stock as this till knows it — the
 * server's level plus this till's unsynced sales, voids and refunds.
 */
export function useSellCatalog() {
  const catalog = useAppStore(
    useShallow((s) => ({
      searchIndex: s.searchIndex,
      categories: s.categories,
      catalogStatus: s.catalogStatus,
    })),
  );
  // Dexie re-runs this whenever a pull writes products or categories, and only then: the
  // index is rebuilt for a changed catalog, not for every sync.
  const catalogChange = useLiveQuery(
    () => Promise.all([db.replica('products').count(), db.replica('categories').count()]),
    [],
    null,
  );
  useEffect(() => {
    if (catalogChange) void useAppStore.getState().loadCatalog(db);
  }, [catalogChange]);

  const levels = useLiveQuery(() => readStockLevels(db), [], NO_STOCK);
  const pending = useLiveQuery(() => pendingStockDeltas(db), [], NO_STOCK);
  const stockOf = (id: string): number | undefined => {
    const level = levels.get(id);
    return level === undefined ? undefined : level + (pending.get(id) ?? 0);
  };
  return { ...catalog, stockOf };
}
