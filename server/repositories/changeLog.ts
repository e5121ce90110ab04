// Which contacts changed lately, per kind of cached data: what a process's contact directory (contactDirectory.ts)
// and its lookup's timeline cache (timelineCache.ts) read to catch up when their version moved, instead of reading
// everything again. Every change is filed here after the change and before its version is written (so whoever
// sees the version finds the entry), under the time of the writer's clock (five-minute buckets). A reader asks
// for the buckets from its last catch-up (less CLOCK_SKEW_MS) to now (plus it): instances' clocks may differ by up
// to CLOCK_SKEW_MS; NTP keeps them within milliseconds.
import crypto from 'node:crypto';
import type { Model } from 'mongoose';
import type { ChangeLogDoc } from './models/changeLog.js';

const MINUTE_MS = 60_000;
const BUCKET_MS = 5 * MINUTE_MS;
/** How far apart two instances' clocks may be (documented in docs/ARCHITECTURE.md). */
export const CLOCK_SKEW_MS = 2 * MINUTE_MS;
/** How long a writer may take from its entry here to its version write (a stalled process takes longer). */
const WRITE_STALL_MS = 10 * MINUTE_MS;
/** How long entries are kept. */
const KEPT_MS = 24 * 60 * MINUTE_MS;
/** A catch-up spanning more buckets than this (an hour) loads everything again: one query per bucket. */
const MAX_BUCKETS = 12;

export class ChangeLog {
  private purgedAt = -Infinity;

  constructor(
    private readonly model: Model<ChangeLogDoc>,
    private readonly clock: () => number = Date.now,
  ) {}

  /** After `numbers` changed, before the version is written. */
  async record(numbers: string[]): Promise<void> {
    if (numbers.length > 0) await this.file({ numbers: [...new Set(numbers)] });
  }

  /**
   * After a contact was erased, before the version is written. Its number stays nowhere (data-subject erasure),
   * not even here: the entry says "read everything again" (erasures are rare), and the entries of its earlier
   * changes lose it.
   */
  async recordErased(number: string): Promise<void> {
    await this.file({ numbers: [], reload: true });
    await this.model.updateMany({ numbers: number }, { $pull: { numbers: number } });
  }

  private async file(entry: { numbers: string[]; reload?: true }): Promise<void> {
    const now = this.clock();
    await this.model.create({ _id: crypto.randomUUID(), bucket: Math.floor(now / BUCKET_MS), ...entry });
    // Old entries go at most hourly, by whichever process writes.
    if (now - this.purgedAt > 60 * MINUTE_MS) {
      this.purgedAt = now;
      await this.model.deleteMany({ bucket: { $lt: Math.floor((now - KEPT_MS) / BUCKET_MS) } });
    }
  }

  /**
   * The contacts changed since `since` (this process's clock), read now; null when that is further back than the
   * log answers cheaply or keeps, or a contact was erased (the caller reads everything instead).
   */
  async changedSince(since: number): Promise<string[] | null> {
    const entries = await this.entriesSince(since);
    if (entries === null || entries.some((e) => e.reload)) return null;
    return [...new Set(entries.flatMap((e) => e.numbers))];
  }

  /** The entries filed since `since` (this process's clock, less the clocks' skew), read now; null when that is
   *  further back than the log answers cheaply or keeps. */
  async entriesSince(since: number): Promise<LogEntry[] | null> {
    const now = this.clock();
    const first = Math.floor((since - CLOCK_SKEW_MS) / BUCKET_MS);
    const last = Math.floor((now + CLOCK_SKEW_MS) / BUCKET_MS);
    if (last - first + 1 > MAX_BUCKETS) return null;
    const buckets = Array.from({ length: last - first + 1 }, (_, i) => first + i);
    const docs = await Promise.all(
      buckets.map((bucket) => this.model.find({ bucket }, { _id: 1, numbers: 1, reload: 1 }).lean()),
    );
    return docs.flat().map((d) => ({ id: d._id, numbers: d.numbers, reload: d.reload === true }));
  }
}

/**
 * A reader's catch-ups to the versions it reads: one at a time, each from where the one before left off, and
 * the readers of one version share its catch-up.
 */
export class CatchUps<T> {
  private current: { version: string; done: Promise<T> } | null = null;

  constructor(private readonly catchUpTo: (version: string) => Promise<T>) {}

  to(version: string): Promise<T> {
    if (this.current?.version === version) return this.current.done;
    const before: Promise<unknown> = this.current?.done ?? Promise.resolve();
    const done = before.catch(() => {}).then(() => this.catchUpTo(version));
    const entry = { version, done };
    this.current = entry;
    const settle = () => this.current === entry && (this.current = null);
    done.then(settle, settle);
    return done;
  }
}

/** Where a reader's next catch-up reads from when the version it read at `readAt` (its clock) was unchanged: a
 *  change not caught up has its version written after that, and was filed at most WRITE_STALL_MS earlier. */
export const sinceUnchanged = (since: number, readAt: number): number =>
  Math.max(since, readAt - WRITE_STALL_MS);

/** One change as filed: its contacts, or "everything" (`reload`). */
export interface LogEntry {
  id: string;
  numbers: string[];
  reload: boolean;
}
