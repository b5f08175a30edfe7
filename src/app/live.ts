import { liveQuery } from 'dexie';
import { useEffect, useState } from 'react';

/**
 * The result of a Dexie query, re-run whenever a transaction (in this tab, another tab or the
 * service worker) changes what it read. `deps` re-subscribe when the query itself changes.
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: readonly unknown[], initial: T): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: setValue,
      error: (err: unknown) => console.error('live query failed', err),
    });
    return () => subscription.unsubscribe();
    // The caller names the query's inputs in `deps`, as with useEffect itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return value;
}
