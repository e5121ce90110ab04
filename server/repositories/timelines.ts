// The task pane's read model (models/timeline.ts): per contact, its newest entries and open opportunities in one
// document read by _id, so a lookup neither sorts a long history nor asks once per contact for opportunities.
//
// Kept by the repositories that change entries or opportunities, after their own write (the entries stay the
// truth): written entries are merged in (domain/timeline.ts), changed ones replaced, deleted ones removed; when
// a merge cannot know the result (an entry left a full timeline) the contact's newest entries are read again.
// Every change is idempotent, so a write repeated after a crash (the loop's intents, a duplicate "Log this
// email") also repairs the timeline it may have missed; `rebuildAll` (npm run timelines -- rebuild) makes every
// timeline again from the entries.
//
// Concurrency: one change at a time per contact in a process (a queue per contact); between processes a write
// replaces only the version it read (`rev`), else it reads again. On MongoDB that check is atomic. FerretDB
// 1.24 answers an update by a read and then a write by _id, so two instances changing the same contact within
// the same few milliseconds can still lose one change there, until that contact's next change or a rebuild.
import crypto from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { mergeTimeline } from '../domain/timeline.js';
import { RECENT_INTERACTIONS_PER_CONTACT } from '../../shared/api/lookup.js';
import type { Models } from './models/index.js';
import type { OpportunityDoc } from './models/interactions.js';
import type { TimelineDoc } from './models/timeline.js';
import { ChangeLog } from './changeLog.js';
import { KeyedQueue } from './keyedQueue.js';
import { TimelineBacklog } from './timelineBacklog.js';
import { TimelineCache } from './timelineCache.js';
import { TimelineCompleteness } from './timelineCompleteness.js';
import {
  TimelineStore,
  timelineEntryOf,
  WRITE_CHUNK,
  type StoredEntry,
  type Timeline,
  type TimelineEntry,
  type TimelineWrite,
} from './timelineStore.js';
import { versionsOf } from './versions.js';

export type { Timeline, TimelineEntry } from './timelineStore.js';

/** Open opportunities kept per contact (the lookup showed at most this many before the read model too). */
export const OPEN_PER_CONTACT = 50;
const ATTEMPTS = 8;

/** Finds entries to read again inside the contact's queue (so the last change queued reads the latest state). */
export type EntryKey = { _id: string } | { entryNumber: number } | { messageKey: string };

interface Change {
  put: TimelineEntry[];
  /** Entries read again once this change's turn has come, then put. */
  reload: EntryKey[];
  removed: number[];
  /** Read the open opportunities again. */
  open: boolean;
  /** Read everything again. */
  rebuild: boolean;
}
const noChange = (): Change => ({ put: [], reload: [], removed: [], open: false, rebuild: false });
const ENTRY_FIELDS = { _id: 0, __v: 0 } as const;

const byModels = new WeakMap<Models, TimelineRepository>();

/** The one TimelineRepository of a set of models (one database connection): every repository that changes
 *  entries shares its per-contact queue, however it was constructed. */
export function timelinesOf(models: Models): TimelineRepository {
  let t = byModels.get(models);
  if (!t) byModels.set(models, (t = new TimelineRepository(models)));
  return t;
}

export class TimelineRepository {
  private readonly queue = new KeyedQueue();
  private readonly store: TimelineStore;
  private readonly cache: TimelineCache;
  private readonly log: ChangeLog;
  private readonly completeness: TimelineCompleteness;
  /** Contacts whose timelines are made after the loop's writes (repositories/timelineBacklog.ts). */
  readonly backlog: TimelineBacklog;

  constructor(
    private readonly models: Models,
    private readonly n = RECENT_INTERACTIONS_PER_CONTACT,
  ) {
    this.log = new ChangeLog(models.TimelineChange);
    this.completeness = new TimelineCompleteness(models);
    this.store = new TimelineStore(models, this.log);
    this.cache = new TimelineCache(versionsOf(models), this.log, (id) => this.store.peekBson(id));
    this.backlog = new TimelineBacklog(models, (contacts) => this.rebuild(contacts));
  }

  /** Stored timelines by contact, as of the versions read for `asOf` (versions.ts); null where there is none
   *  (then the contact has neither entries nor open opportunities if `isComplete()`, else it is not known). From
   *  the process's cache (repositories/timelineCache.ts), else one read by _id per contact, in parallel. */
  get(contactNumbers: string[], asOf?: number): Promise<Map<string, Timeline | null>> {
    return this.cache.get([...new Set(contactNumbers)], asOf);
  }

  /** Starts reading the timelines `get` will likely be asked for next (TimelineCache.prefetch). */
  prefetch(contactNumbers: string[]): void {
    this.cache.prefetch([...new Set(contactNumbers)]);
  }

  /** Holds stored timelines in the process until its cache is full (the server's start, in the background: the
   *  first lookups after a restart find them held); how many. */
  fillCache(): Promise<number> {
    return this.cache.fill(() => this.store.scanBson());
  }

  /** After the contact `number` was erased (its entries and opportunities gone): no instance holds anything of it
   *  any more, and its number leaves the timelines' change log (changeLog.ts: every cache reads again). */
  async erased(number: string): Promise<void> {
    await this.log.recordErased(number);
    await versionsOf(this.models).changed('timelines');
  }

  /** True once every contact's timeline is kept: a rebuild finished, or the database had no entries and no
   *  opportunities when this was first asked (a new deployment): timelineCompleteness.ts. */
  isComplete(): Promise<boolean> {
    return this.completeness.isComplete();
  }

  /**
   * Runs `write` (which writes entries of these contacts) in their queue, then puts what it wrote (`put`, as
   * written) and what it found already written (`reload`): no other change of these contacts in this process
   * comes between the write and its timeline, so a later cancel or deletion cannot be overtaken by it.
   */
  async writing<T>(
    contactNumbers: string[],
    write: () => Promise<{ result: T; put: StoredEntry[]; reload: EntryKey[] }>,
  ): Promise<T> {
    // Asked before the first write of a new database, while it is still empty (after it, entries exist and the
    // timelines would never count as complete: every change would read the contact's entries).
    await this.isComplete();
    const release = await this.queue.turn([...new Set(contactNumbers)]);
    try {
      const w = await write();
      const changes = new Map<string, Change>();
      for (const e of w.put) this.changeOf(changes, e.contactNumber).put.push(timelineEntryOf(e));
      if (w.reload.length > 0) await this.reloadInto(changes, w.reload);
      await this.apply(changes, true);
      return w.result;
    } finally {
      release();
    }
  }

  /** Runs `write` (which writes entries of these contacts) and leaves their timelines to the backlog: for the
   *  logging loop, whose pages would otherwise replace a timeline per contact and page. */
  async later<T>(contactNumbers: string[], write: () => Promise<T>): Promise<T> {
    await this.isComplete(); // as in `writing`: asked while a new database is still empty
    return this.backlog.around(contactNumbers, write);
  }

  /** Entries changed in place (cancel, link, opportunity, privacy, confirmation, link check): each is read again
   *  when its contact's turn comes. */
  async entriesChanged(keys: EntryKey[]): Promise<void> {
    const changes = new Map<string, Change>();
    await this.reloadInto(changes, keys);
    await this.apply(changes);
  }

  /** Which contacts the keyed entries belong to (for their queue); they are read again in it. */
  private async reloadInto(changes: Map<string, Change>, keys: EntryKey[]): Promise<void> {
    const rows = await Promise.all(
      keys.map((k) => this.models.Interaction.find(k, { contactNumber: 1, _id: 0 }).lean()),
    );
    keys.forEach((k, i) => {
      for (const c of new Set(rows[i]!.map((r) => r.contactNumber))) this.changeOf(changes, c).reload.push(k);
    });
  }

  async entriesRemoved(entries: { contactNumber: string; entryNumber: number }[]): Promise<void> {
    const changes = new Map<string, Change>();
    for (const e of entries) this.changeOf(changes, e.contactNumber).removed.push(e.entryNumber);
    await this.apply(changes);
  }

  /** An opportunity of these contacts was created, changed or deleted. */
  async opportunitiesChanged(contactNumbers: string[]): Promise<void> {
    const changes = new Map<string, Change>();
    for (const c of contactNumbers) this.changeOf(changes, c).open = true;
    await this.apply(changes);
  }

  /** These contacts' timelines made again from their entries and opportunities. */
  async rebuild(contactNumbers: string[]): Promise<void> {
    const changes = new Map<string, Change>();
    for (const c of contactNumbers) this.changeOf(changes, c).rebuild = true;
    await this.apply(changes);
  }

  /** Every timeline made again (the contacts, and whoever else has entries or opportunities), then marked
   *  complete; timelines of contacts that have nothing left are removed. */
  async rebuildAll(progress: (done: number, total: number) => void = () => {}): Promise<number> {
    const ids = new Set<string>();
    for (const c of await this.models.Contact.collection.find({}, { projection: { number: 1 } }).toArray())
      ids.add(c.number as string);
    for (const id of await this.store.ids()) ids.add(id);
    const all = [...ids];
    for (let i = 0; i < all.length; i += WRITE_CHUNK) {
      await this.rebuild(all.slice(i, i + WRITE_CHUNK));
      progress(Math.min(all.length, i + WRITE_CHUNK), all.length);
    }
    await this.completeness.markComplete();
    return all.length;
  }

  private changeOf(changes: Map<string, Change>, contactNumber: string): Change {
    let c = changes.get(contactNumber);
    if (!c) changes.set(contactNumber, (c = noChange()));
    return c;
  }

  /** `held`: the caller already holds these contacts' queue. */
  private async apply(changes: Map<string, Change>, held = false): Promise<void> {
    if (changes.size === 0) return;
    const release = held ? () => {} : await this.queue.turn([...changes.keys()]);
    try {
      let pending = [...changes.keys()];
      for (let attempt = 1; pending.length > 0; attempt++) {
        if (attempt > ATTEMPTS)
          throw new Error(`timelines of ${pending.length} contacts kept changing under ${ATTEMPTS} attempts`);
        const complete = await this.isComplete();
        // First from what this process knows (a contact it never saw has none once complete: its insert is
        // refused by the unique _id if one exists after all), then from the database; a rebuild always reads.
        const guessed = pending.map(
          (id) => attempt === 1 && !changes.get(id)!.rebuild && (this.store.holds(id) || complete),
        );
        // A rebuild never starts from memory, nor is it kept there (the loop's drain remakes thousands of them).
        const rebuilt = new Set(pending.filter((id) => changes.get(id)!.rebuild));
        const docs = await Promise.all(
          pending.map((id, i) => (guessed[i] ? this.store.held(id) : this.store.read(id, !rebuilt.has(id)))),
        );
        const writes = await Promise.all(
          pending.map((id, i) => this.nextOf(id, docs[i] ?? null, changes.get(id)!, complete)),
        );
        // A write checks the version it was made from; "nothing to write" made from a guess is checked here: the
        // timeline may have changed behind this process (another instance, an erasure) or exist unseen.
        const unconfirmed = await Promise.all(
          pending.map((id, i) =>
            writes[i] === null && guessed[i] ? this.store.stale(id, docs[i] ?? null) : false,
          ),
        );
        const retry = pending.filter((_, i) => unconfirmed[i]);
        pending = [
          ...retry,
          ...(await this.store.write(
            writes.filter((w): w is TimelineWrite => w !== null),
            rebuilt,
          )),
        ];
      }
    } finally {
      release();
    }
  }

  /** What to store for one contact, or null when nothing changes. */
  private async nextOf(
    id: string,
    doc: TimelineDoc | null,
    c: Change,
    complete: boolean,
  ): Promise<TimelineWrite | null> {
    // Merged as slim entries; a timeline stored before they were slim is written again at its next change.
    const current: Timeline | null = doc
      ? { entries: doc.entries.map(timelineEntryOf), open: doc.open }
      : complete
        ? EMPTY
        : null;
    const reloaded = await Promise.all(
      c.reload.map((k) =>
        this.models.Interaction.find({ ...k, contactNumber: id }, ENTRY_FIELDS).lean<StoredEntry[]>(),
      ),
    );
    const put = [...c.put, ...reloaded.flat().map(timelineEntryOf)];
    const merged =
      current && !c.rebuild ? mergeTimeline(current.entries, { put, removed: c.removed }, this.n) : null;
    const [entries, open] = await Promise.all([
      merged ?? this.newestEntries(id),
      current && !c.rebuild && !c.open ? current.open : this.openOpportunities(id),
    ]);
    const next = { entries, open };
    const stored = doc && { entries: doc.entries, open: doc.open };
    // A timeline still stored as lists is written again even when unchanged (a rebuild converts them all).
    const same = stored
      ? !doc.lists && isDeepStrictEqual(next, stored)
      : entries.length === 0 && open.length === 0;
    if (same) return null;
    return { id, prevRev: doc?.rev ?? null, next, rev: crypto.randomUUID() };
  }

  private async newestEntries(contactNumber: string): Promise<TimelineEntry[]> {
    const entries = await this.models.Interaction.find({ contactNumber }, ENTRY_FIELDS)
      .sort({ occurredAt: -1, entryNumber: -1 })
      .limit(this.n)
      .lean<StoredEntry[]>();
    return entries.map(timelineEntryOf);
  }

  private openOpportunities(contactNumber: string): Promise<OpportunityDoc[]> {
    return this.models.Opportunity.find({ contactNumber, status: 'open' }, { _id: 0, __v: 0 })
      .sort({ createdAt: -1, number: -1 })
      .limit(OPEN_PER_CONTACT)
      .lean<OpportunityDoc[]>();
  }
}

const EMPTY: Timeline = { entries: [], open: [] };
