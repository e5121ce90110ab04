// The logging loop's timelines, made after its writes instead of with them.
//
// On FerretDB 1.24 replacing a document costs 2-4 ms where inserting one costs 0.1 ms (measured on PostgreSQL:
// it reads, decodes and rewrites the document in Go), so keeping each contact's timeline in step with every page
// cost the loop four fifths of its throughput. The loop instead lists the page's contacts here before it writes
// their entries; once the write has ended, its process makes those timelines again from the entries, a second
// after the last page (one replacement per contact per burst, however many pages touched it), and removes the
// listing. Until then the lookup reads the listed contacts from the entries themselves, so nobody ever sees a
// timeline without an entry that was written. A listing left by a process that died is adopted by any process
// after ADOPT_MS (the lookup that finds one starts the drain). Single user actions keep their timelines in step
// (repositories/timelines.ts). The listings are kept in the process under the `timelineBacklog` version
// (repositories/versions.ts), changed after a listing is added (before its entries are written) and after
// listings are removed, so the lookup reads them only when they changed.
import crypto from 'node:crypto';
import type { Collection } from 'mongodb';
import type { Models } from './models/index.js';
import type { TimelineBacklogDoc } from './models/timelineBacklog.js';
import { VersionedValue, versionsOf, type Versions } from './versions.js';

/** Quiet time after the last listed write before its timelines are made (a run's pages come closer). */
const DRAIN_DELAY_MS = 1000;
/** A steady stream of writes is drained at least this often. */
const DRAIN_MAX_WAIT_MS = 15_000;
/** A listing older than this is adopted by whichever process sees it (its writer died or lost its connection). */
export const ADOPT_MS = 120_000;
/** Contacts made again per step (the timelines' write chunk). */
const CONTACTS_PER_STEP = 10;

export class TimelineBacklog {
  private readonly owner = crypto.randomUUID();
  private timer: NodeJS.Timeout | null = null;
  private waitingSince: number | null = null;
  private running: Promise<void> | null = null;
  /** The last drain's failure (the next write or lookup tries again). */
  lastError: unknown = null;
  private readonly versions: Versions;
  private readonly listed: VersionedValue<Pick<TimelineBacklogDoc, 'contacts' | 'at'>[]>;

  constructor(
    private readonly models: Models,
    private readonly rebuild: (contactNumbers: string[]) => Promise<void>,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.versions = versionsOf(models);
    this.listed = new VersionedValue(this.versions, 'timelineBacklog', () =>
      this.collection.find({}, { projection: { contacts: 1, at: 1 } }).toArray(),
    );
  }

  private get collection(): Collection<TimelineBacklogDoc> {
    return this.models.TimelineBacklog.collection as unknown as Collection<TimelineBacklogDoc>;
  }

  /** Runs `write` (which writes entries of these contacts) with the contacts listed from before it starts. */
  async around<T>(contactNumbers: string[], write: () => Promise<T>): Promise<T> {
    const _id = crypto.randomUUID();
    const contacts = [...new Set(contactNumbers)];
    await this.collection.insertOne({
      _id,
      contacts,
      owner: this.owner,
      at: new Date(this.now()),
      written: false,
    });
    // Before the entries: a lookup that could find one of them finds the listing.
    await this.versions.changed('timelineBacklog');
    try {
      return await write();
    } finally {
      // A failed write has ended too: what it wrote is written. If this update fails, the listing is adopted.
      await this.collection.updateOne({ _id }, { $set: { written: true } }).catch(() => {});
      this.soon();
    }
  }

  /** The contacts whose timelines may lack written entries (read them from the entries), as listed when the
   *  versions were read for `asOf` (versions.ts): one small read when the listings changed, else none. */
  async pending(asOf?: number): Promise<Set<string>> {
    const docs = await this.listed.get(asOf);
    if (docs.some((d) => this.now() - d.at.getTime() > ADOPT_MS)) this.soon();
    return new Set(docs.flatMap((d) => d.contacts));
  }

  /** Drains after the quiet time (or at once when writes kept coming for DRAIN_MAX_WAIT_MS). */
  soon(): void {
    const now = this.now();
    this.waitingSince ??= now;
    if (this.timer) clearTimeout(this.timer);
    const delay = Math.max(0, Math.min(DRAIN_DELAY_MS, this.waitingSince + DRAIN_MAX_WAIT_MS - now));
    this.timer = setTimeout(() => {
      this.timer = null;
      this.waitingSince = null;
      void this.drain().catch(() => {});
    }, delay);
    this.timer.unref();
  }

  /**
   * Makes the listed contacts' timelines and removes their listings: this process's finished writes, and every
   * listing older than ADOPT_MS (all finished ones with `everyone`: the rebuild command, tests, benchmarks).
   * One drain at a time per process; a call during one waits for it and then drains what came since.
   */
  async drain(everyone = false): Promise<void> {
    while (this.running) await this.running.catch(() => {});
    this.running = this.drainOnce(everyone);
    try {
      await this.running;
      this.lastError = null;
    } catch (err) {
      this.lastError = err;
      throw err;
    } finally {
      this.running = null;
    }
  }

  private async drainOnce(everyone: boolean): Promise<void> {
    const now = this.now();
    const ready = (await this.collection.find({}).toArray()).filter(
      (d) => (d.written && (everyone || d.owner === this.owner)) || now - d.at.getTime() > ADOPT_MS,
    );
    if (ready.length === 0) return;
    const contacts = [...new Set(ready.flatMap((d) => d.contacts))];
    for (let i = 0; i < contacts.length; i += CONTACTS_PER_STEP)
      await this.rebuild(contacts.slice(i, i + CONTACTS_PER_STEP));
    await this.collection.deleteMany({ _id: { $in: ready.map((d) => d._id) } });
    this.listed.forget();
    await this.versions.changed('timelineBacklog');
  }
}
