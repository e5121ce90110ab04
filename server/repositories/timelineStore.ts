// The stored timelines as versions (models/timeline.ts): each write replaces only the revision it was made from,
// and this process remembers the timelines it wrote or read last so a change can start without reading one.
import type { AnyBulkWriteOperation, Collection } from 'mongodb';
import type { Models } from './models/index.js';
import type { InteractionDoc, MessageRefDoc, OpportunityDoc } from './models/interactions.js';
import type { TimelineDoc, TimelineStoredDoc } from './models/timeline.js';
import type { ChangeLog } from './changeLog.js';
import { isDuplicateKeyError } from './db.js';
import { storedTimeline, timelineBytes, timelineDocOf } from './timelineCodec.js';
import { versionsOf } from './versions.js';

/** An entry as stored (what the repositories write and read). */
export type StoredEntry = Omit<InteractionDoc, '_id'>;

/** The fields of an entry a timeline keeps: what the task pane's history shows and the visibility gate decides by.
 *  The message's addresses and ids other than the link, the message key, the description and the audit fields
 *  stay with the entry: a third of the bytes (1.5 of 4.5 KB per timeline of 5 on the lookup benchmark's data),
 *  which FerretDB decodes on every read and the lookup's cache holds. */
const KEPT = [
  'entryNumber',
  'contactNumber',
  'contactCompanyNumber',
  'salespersonCode',
  'occurredAt',
  'direction',
  'subject',
  'templateCode',
  'templateDescription',
  'interactionGroupCode',
  'cost',
  'durationMin',
  'archiveState',
  'opportunityNumber',
  'canceled',
  'markedPrivate',
  'sensitivity',
  'verification',
  'linkState',
  'linkLostAt',
] as const satisfies readonly (keyof StoredEntry)[];

export type TimelineEntry = Pick<StoredEntry, (typeof KEPT)[number]> & {
  /** Only what says whether the mail can be opened. */
  message: Pick<MessageRefDoc, 'immutableId' | 'webLink'>;
};

/** What a timeline keeps of an entry (an entry of a timeline stored before timelines were slim, too). Fields an
 *  entry does not have stay absent, as in a document read back. */
export function timelineEntryOf(e: StoredEntry | TimelineEntry): TimelineEntry {
  const out: Record<string, unknown> = {};
  for (const k of KEPT) if (e[k] !== undefined) out[k] = e[k];
  out.message = { immutableId: e.message.immutableId, webLink: e.message.webLink };
  return out as TimelineEntry;
}

export interface Timeline {
  entries: TimelineEntry[];
  open: OpportunityDoc[];
}

/** One timeline to store over the revision it was made from (null: there was none). */
export interface TimelineWrite {
  id: string;
  prevRev: string | null;
  next: Timeline;
  rev: string;
}

// FerretDB 1.24 never answers write commands of 100+ statements, and on PostgreSQL a command of 50 replacements
// of timelines that exist never answered either (measured: the second page of 500 entries over 1,000 contacts).
export const WRITE_CHUNK = 10;

export class TimelineStore {
  /** The timelines this process wrote or read last (a bounded LRU): a change starts from them without a read;
   *  the write's revision check finds out when another instance changed one meanwhile (then it reads). */
  private readonly known = new Map<string, TimelineDoc | null>();

  constructor(
    private readonly models: Models,
    /** The timelines' change log: every write files its contacts there before the version (timelineCache.ts). */
    private readonly log: ChangeLog,
  ) {}

  private get collection(): Collection<TimelineStoredDoc> {
    return this.models.Timeline.collection as unknown as Collection<TimelineStoredDoc>;
  }

  /** The BSON of the stored timeline's lists (timelineCodec.ts), for the lookup's cache; null: none stored. */
  async peekBson(id: string): Promise<Uint8Array | null> {
    const doc = await this.collection.findOne({ _id: id });
    return doc && timelineBytes(doc);
  }

  /** The stored timeline, remembered for the next change (or, with `keep` false, any held version forgotten). */
  async read(id: string, keep = true): Promise<TimelineDoc | null> {
    const stored = await this.collection.findOne({ _id: id });
    const doc = stored && timelineDocOf(stored);
    if (!keep) this.known.delete(id);
    return keep ? this.remember(id, doc) : doc;
  }

  /** Does this process hold a version of the contact's timeline (null: it knows there is none)? */
  holds(id: string): boolean {
    return this.known.has(id);
  }

  held(id: string): TimelineDoc | null {
    return this.known.get(id) ?? null;
  }

  /** Every stored timeline's BSON (as `peekBson`), in the collection's order, a batch at a time. */
  async *scanBson(): AsyncIterable<[string, Uint8Array]> {
    // timelineBytes copies: a view would keep the whole batch's reply alive.
    for await (const doc of this.collection.find({}).batchSize(SCAN_BATCH))
      yield [doc._id, timelineBytes(doc)];
  }

  /** Every stored timeline's contact. */
  async ids(): Promise<string[]> {
    return (await this.collection.find({}, { projection: { _id: 1 } }).toArray()).map((t) => t._id);
  }

  /** Writes each timeline over the version it was made from; the contacts whose write did not land. Those in
   *  `unkept` are not remembered (a version held from before is forgotten). */
  async write(writes: TimelineWrite[], unkept: ReadonlySet<string> = new Set()): Promise<string[]> {
    if (writes.length === 0) return [];
    try {
      return await this.writeChunks(writes, unkept);
    } finally {
      // After the writes (also when one failed: others may have landed), never before: a lookup that reads the
      // new version must find them, and their contacts in the log (repositories/timelineCache.ts).
      await this.log.record(writes.map((w) => w.id));
      await versionsOf(this.models).changed('timelines');
    }
  }

  private async writeChunks(writes: TimelineWrite[], unkept: ReadonlySet<string>): Promise<string[]> {
    const retry: string[] = [];
    const chunks = Array.from({ length: Math.ceil(writes.length / WRITE_CHUNK) }, (_, i) =>
      writes.slice(i * WRITE_CHUNK, (i + 1) * WRITE_CHUNK),
    );
    // One chunk after the other: FerretDB 1.24 on PostgreSQL stopped answering parallel update commands on one
    // collection (measured: the engine benchmark's second page never finished).
    for (const chunk of chunks)
      await (async () => {
        const ops = chunk.map((w) => operationOf(w));
        let landed: number;
        try {
          const r = await this.collection.bulkWrite(ops, { ordered: false });
          landed = r.insertedCount + r.matchedCount + r.deletedCount;
        } catch (err) {
          if (!isDuplicateKeyError(err)) throw err;
          landed = -1; // someone else created one of them first
        }
        if (landed === chunk.length) {
          for (const w of chunk) {
            if (unkept.has(w.id)) this.known.delete(w.id);
            else this.remember(w.id, isEmpty(w.next) ? null : { _id: w.id, ...w.next, rev: w.rev });
          }
          return;
        }
        for (const w of chunk) this.known.delete(w.id);
        // Which did not land: read them back (rare: only when another writer came in between).
        const now = await Promise.all(
          chunk.map((w) => this.collection.findOne({ _id: w.id }, { projection: { rev: 1 } })),
        );
        chunk.forEach((w, i) => {
          const empty = w.next.entries.length === 0 && w.next.open.length === 0;
          if (empty ? now[i] !== null : now[i]?.rev !== w.rev) retry.push(w.id);
        });
      })();
    return retry;
  }

  /** True (and forgotten) when the stored timeline is not the version this process holds for it. */
  async stale(id: string, held: TimelineDoc | null): Promise<boolean> {
    const now = await this.collection.findOne({ _id: id }, { projection: { rev: 1 } });
    if ((now?.rev ?? null) === (held?.rev ?? null)) return false;
    this.known.delete(id);
    return true;
  }

  private remember(id: string, doc: TimelineDoc | null): TimelineDoc | null {
    this.known.delete(id);
    this.known.set(id, doc);
    if (this.known.size > KNOWN_TIMELINES) this.known.delete(this.known.keys().next().value!);
    return doc;
  }
}

/** Timelines per batch of a scan (~3 KB each). */
const SCAN_BATCH = 500;
/** Timelines kept in memory for the next change (a few MB). */
const KNOWN_TIMELINES = 2000;
const isEmpty = (t: Timeline) => t.entries.length === 0 && t.open.length === 0;

function operationOf(w: TimelineWrite): AnyBulkWriteOperation<TimelineStoredDoc> {
  const empty = w.next.entries.length === 0 && w.next.open.length === 0;
  if (w.prevRev !== null && empty) return { deleteOne: { filter: { _id: w.id, rev: w.prevRev } } };
  const { _id, ...replacement } = storedTimeline(w.id, w.next, w.rev);
  if (w.prevRev === null) return { insertOne: { document: { _id, ...replacement } } };
  return { replaceOne: { filter: { _id: w.id, rev: w.prevRev }, replacement } };
}
