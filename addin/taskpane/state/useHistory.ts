// One contact's history: the lookup's latest entries, then further pages by cursor on demand.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { InteractionSummary } from '../../../shared/api/interactions.js';
import { INTERACTION_PAGE_DEFAULT_LIMIT } from '../../../shared/api/limits.js';
import type { ApiClient } from '../../api/client.js';
import { hasMore, initialHistory, withPage, type HistoryState } from '../logic/history.js';

export function useHistory(api: ApiClient, contactNumber: string | null, recent: InteractionSummary[]) {
  const [history, setHistory] = useState<HistoryState>(() => initialHistory(recent));
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const busy = useRef(false);
  const generation = useRef(0);

  useEffect(() => {
    generation.current++;
    busy.current = false;
    setHistory(initialHistory(recent));
    setLoading(false);
    setError(null);
  }, [contactNumber, recent]);

  const loadMore = useCallback(() => {
    if (!contactNumber || busy.current || !hasMore(history)) return;
    busy.current = true;
    const mine = generation.current;
    setLoading(true);
    setError(null);
    api
      .contactInteractions(contactNumber, {
        limit: INTERACTION_PAGE_DEFAULT_LIMIT,
        ...(history.cursor ? { cursor: history.cursor } : {}),
      })
      .then(
        (page) => mine === generation.current && setHistory((h) => withPage(h, page)),
        (e: unknown) => mine === generation.current && setError(e),
      )
      .finally(() => {
        if (mine !== generation.current) return;
        busy.current = false;
        setLoading(false);
      });
  }, [api, contactNumber, history]);

  return { items: history.items, hasMore: hasMore(history), loading, error, loadMore };
}
