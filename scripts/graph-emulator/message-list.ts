// Runs a parsed list query over an ordered message list: receivedDateTime bounds become an index range,
// then $skip/$top are positions in that range (as Exchange counts them, so items leaving the folder between
// two pages shift what the next $skip lands on, exactly the effect real clients see).
import type { ListQuery } from './odata-query.js';
import type { SortedChunkList } from './sorted-list.js';
import type { StoredMessage } from './store.js';

export interface ListResult {
  items: StoredMessage[];
  /** Items matching the query in total (for $count and for deciding whether a next page exists). */
  total: number;
}

export function runListQuery(list: SortedChunkList<StoredMessage>, q: ListQuery): ListResult {
  let lo = 0;
  let hi = list.size;
  if (q.ge !== undefined) lo = Math.max(lo, list.countBelow(q.ge, false));
  if (q.gt !== undefined) lo = Math.max(lo, list.countBelow(q.gt, true));
  if (q.le !== undefined) hi = Math.min(hi, list.countBelow(q.le, true));
  if (q.lt !== undefined) hi = Math.min(hi, list.countBelow(q.lt, false));
  if (hi <= lo) return { items: [], total: 0 };

  if (q.predicates.length === 0) {
    const total = hi - lo;
    if (!q.descending) return { items: list.range(lo + q.skip, Math.min(hi, lo + q.skip + q.top)), total };
    const to = hi - q.skip;
    return { items: to <= lo ? [] : list.range(Math.max(lo, to - q.top), to).reverse(), total };
  }

  // Non-indexed clauses: walk the range in order (O(n), fine for the small folders such filters are used on).
  const matching = list.range(lo, hi).filter((m) => q.predicates.every((p) => p(m)));
  if (q.descending) matching.reverse();
  return { items: matching.slice(q.skip, q.skip + q.top), total: matching.length };
}
