// A contact's timeline: its newest entries (newest first, at most n) as the task pane shows them, kept as a read
// model beside the entries so a lookup reads one document instead of sorting the contact's whole history.
// Pure: how a stored timeline changes when entries are written, changed or deleted, and when that cannot be
// known without reading the entries again (an entry left a full timeline: the one after the n-th is unknown).

export interface TimelineEntry {
  entryNumber: number;
  occurredAt: Date;
}

/** The history's order: newest first, then the higher entry number (InteractionRepository.historyOf). */
export function newestFirst(a: TimelineEntry, b: TimelineEntry): number {
  return b.occurredAt.getTime() - a.occurredAt.getTime() || b.entryNumber - a.entryNumber;
}

/** The timeline of a contact whose entries are these (any order). */
export function timelineOf<T extends TimelineEntry>(entries: readonly T[], n: number): T[] {
  return [...entries].sort(newestFirst).slice(0, n);
}

export interface EntryChanges<T extends TimelineEntry> {
  /** Entries as they are now stored (written, or changed in any way). */
  put: readonly T[];
  /** Entry numbers that no longer exist. */
  removed: readonly number[];
}

/**
 * The timeline after `changes`, from the stored one (`current`: the newest n entries; fewer means the contact
 * has no others). Null when the result depends on entries the timeline does not hold: a full timeline lost one
 * of its entries, or one of them moved back in time (then the next one is read from the entries themselves).
 */
export function mergeTimeline<T extends TimelineEntry>(
  current: readonly T[],
  changes: EntryChanges<T>,
  n: number,
): T[] | null {
  const full = current.length >= n;
  const removed = new Set(changes.removed);
  const put = new Map(changes.put.map((e) => [e.entryNumber, e]));
  for (const e of current) {
    if (!full) break;
    const now = put.get(e.entryNumber);
    if (removed.has(e.entryNumber)) return null;
    if (now && newestFirst(now, e) > 0) return null; // now older than it was: what follows it is unknown
  }
  const kept = current.filter((e) => !removed.has(e.entryNumber) && !put.has(e.entryNumber));
  const added = [...put.values()].filter((e) => !removed.has(e.entryNumber));
  return timelineOf([...kept, ...added], n);
}
