// The history list of one contact: the lookup's latest entries first, then pages fetched on demand. Pages can
// overlap what is already shown (the first page repeats the lookup's five), so entries merge by number.
import type { InteractionSummary } from '../../../shared/api/interactions.js';
import { RECENT_INTERACTIONS_PER_CONTACT } from '../../../shared/api/limits.js';

export interface HistoryState {
  items: InteractionSummary[];
  /** undefined: no page fetched yet; null: no more pages. */
  cursor: string | null | undefined;
}

/** Newest first; ties broken by the higher entry number (the server's order). */
export function compareEntries(a: InteractionSummary, b: InteractionSummary): number {
  const byTime = Date.parse(b.occurredAt) - Date.parse(a.occurredAt);
  return byTime !== 0 ? byTime : b.entryNumber - a.entryNumber;
}

export function mergeEntries(
  current: InteractionSummary[],
  incoming: InteractionSummary[],
): InteractionSummary[] {
  const byNumber = new Map(current.map((e) => [e.entryNumber, e]));
  for (const e of incoming) byNumber.set(e.entryNumber, e);
  return [...byNumber.values()].sort(compareEntries);
}

export function initialHistory(recent: InteractionSummary[]): HistoryState {
  // Fewer than a full lookup slice means the lookup already returned everything.
  return {
    items: [...recent].sort(compareEntries),
    cursor: recent.length < RECENT_INTERACTIONS_PER_CONTACT ? null : undefined,
  };
}

export function hasMore(state: HistoryState): boolean {
  return state.cursor !== null;
}

export function withPage(
  state: HistoryState,
  page: { items: InteractionSummary[]; nextCursor: string | null },
) {
  return { items: mergeEntries(state.items, page.items), cursor: page.nextCursor } satisfies HistoryState;
}
