// A list a data page shows: cursor-paged (the first page loads when the inputs change, "Load more" appends the
// next one) or in one answer; both in the same shape, so the page's DataTable does not care which.
import { useCallback, useEffect, useState } from 'react';
import { useAction, useLoad } from './useLoad.js';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ListState<T> {
  items: T[];
  /** The first answer has come (so an empty list is really empty). */
  loaded: boolean;
  loading: boolean;
  error: unknown;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
}

export function usePaged<T>(load: (cursor?: string) => Promise<Page<T>>, deps: unknown[]): ListState<T> {
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

/** A list the server sends whole (e.g. salespeople). */
export function useWholeList<T>(load: () => Promise<{ items: T[] }>, deps: unknown[]): ListState<T> {
  const list = useLoad(load, deps);
  return {
    items: list.data?.items ?? [],
    loaded: list.data !== undefined,
    loading: list.loading,
    error: list.error,
    hasMore: false,
    loadMore: () => {},
    reload: list.reload,
  };
}
