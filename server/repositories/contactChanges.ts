// Which contacts changed lately: what a process's contact directory (contactDirectory.ts) reads to catch up when the
// `contacts` version moved, instead of reading 100,000 contacts again. Every change of contacts is filed here after
// the change and before its version is written (so whoever sees the version finds the entry), under the time of
// the writer's clock (five-minute buckets). A reader asks for the buckets from its last catch-up (less
// CLOCK_SKEW_MS) to now (plus it): instances' clocks may differ by up to CLOCK_SKEW_MS; NTP keeps them within
// milliseconds.
import crypto from 'node:crypto';
import type { Models } from './models/index.js';

const MINUTE_MS = 60_000;
const BUCKET_MS = 5 * MINUTE_MS;
/** How far apart two instances' clocks may be (documented in docs/ARCHITECTURE.md). */
export const CLOCK_SKEW_MS = 2 * MINUTE_MS;
/** How long a writer may take from its entry here to its version write (a stalled process takes longer). */
export const WRITE_STALL_MS = 10 * MINUTE_MS;
/** How long entries are kept. */
const KEPT_MS = 24 * 60 * MINUTE_MS;
/** A catch-up spanning more buckets than this (an hour) loads everything again: one query per bucket. */
const MAX_BUCKETS = 12;

export class ContactChangeLog {
  private purgedAt = -Infinity;

  constructor(
    private readonly models: Models,
    private readonly clock: () => number = Date.now,
  ) {}

  /** After `numbers` changed (added or edited), before the `contacts` version is written. */
  async record(numbers: string[]): Promise<void> {
    if (numbers.length > 0) await this.file({ numbers: [...new Set(numbers)] });
  }

  /**
   * After a contact was erased, before the `contacts` version is written. Its number stays nowhere (data-subject
   * erasure), not even here: the entry says "read everything again" (erasures are rare), and the entries of its
   * earlier changes lose it.
   */
  async recordErased(number: string): Promise<void> {
    await this.file({ numbers: [], reload: true });
    await this.models.ContactChange.updateMany({ numbers: number }, { $pull: { numbers: number } });
  }

  private async file(entry: { numbers: string[]; reload?: true }): Promise<void> {
    const now = this.clock();
    await this.models.ContactChange.create({
      _id: crypto.randomUUID(),
      bucket: Math.floor(now / BUCKET_MS),
      ...entry,
    });
    // Old entries go at most hourly, by whichever process writes.
    if (now - this.purgedAt > 60 * MINUTE_MS) {
      this.purgedAt = now;
      await this.models.ContactChange.deleteMany({
        bucket: { $lt: Math.floor((now - KEPT_MS) / BUCKET_MS) },
      });
    }
  }

  /**
   * The contacts changed since `since` (this process's clock), read now; null when that is further back than the
   * log answers cheaply or keeps, or a contact was erased (the caller reads every contact instead).
   */
  async changedSince(since: number): Promise<string[] | null> {
    const now = this.clock();
    const first = Math.floor((since - CLOCK_SKEW_MS) / BUCKET_MS);
    const last = Math.floor((now + CLOCK_SKEW_MS) / BUCKET_MS);
    if (last - first + 1 > MAX_BUCKETS) return null;
    const buckets = Array.from({ length: last - first + 1 }, (_, i) => first + i);
    const docs = await Promise.all(
      buckets.map((bucket) =>
        this.models.ContactChange.find({ bucket }, { _id: 0, numbers: 1, reload: 1 }).lean(),
      ),
    );
    if (docs.flat().some((d) => d.reload)) return null;
    return [...new Set(docs.flat().flatMap((d) => d.numbers))];
  }
}
