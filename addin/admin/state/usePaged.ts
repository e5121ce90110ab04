// A cursor-paged list: the first page loads when the inputs change, "Load more" appends the next one.
import { useCallback, useEffect, useState } from 'react';
import { useAction, useLoad } from './useLoad.js';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function usePaged<T>(load: (cursor?: string) => Promise<Page<T>>, deps: unknown[]) {
  const first = useLoad(() => load(), deps);
  const [more, setMore] = useState<Page<T>[]>([]);
  const next = useAction();
  useEffect(() => setMore([]), [first.data]);
  const pages = first.data ? [first.data, ...more] : [];
  const cursor = pages.length > 0 ? pages[pages.length - 1]!.nextCursor : null;
  const loadMore = useCallback(() => {
    if (!cursor) return;
    void next.run(async () => {
      const page = await load(cursor);
      setMore((m) => [...m, page]);
    });
  }, [cursor, load, next]);
  return {
    items: pages.flatMap((p) => p.items),
    loaded: first.data !== undefined,
    loading: first.loading || next.pending,
    error: first.error ?? next.error,
    hasMore: cursor !== null,
    loadMore,
    reload: first.reload,
  };
}
