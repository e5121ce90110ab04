// Counters of task-pane start failures (models/paneStart.ts): one increment per report, read back for the console.
import { isDuplicateKeyError } from './db.js';
import type { Models } from './models/index.js';
import type { PaneStartFailureDoc } from './models/paneStart.js';

export type PaneStartFailure = Omit<PaneStartFailureDoc, '_id'>;
export type PaneStartFailureKey = Pick<
  PaneStartFailure,
  'day' | 'kind' | 'host' | 'platform' | 'hostVersion' | 'blockedOrigin'
>;

export class PaneStartFailureRepository {
  constructor(private readonly models: Models) {}

  /** Adds one to the key's counter (an upsert by _id: no other index to scan, duplicates impossible). */
  async count(key: PaneStartFailureKey, at: Date): Promise<void> {
    const _id = [key.day, key.kind, key.host, key.platform, key.hostVersion, key.blockedOrigin ?? ''].join(
      '|',
    );
    const increment = () =>
      this.models.PaneStartFailure.updateOne(
        { _id },
        { $inc: { count: 1 }, $max: { lastSeenAt: at }, $setOnInsert: { ...key } },
        { upsert: true },
      );
    // Two first reports of a key can race to insert it; the loser's retry finds the document and increments it.
    await increment().catch((err: unknown) => (isDuplicateKeyError(err) ? increment() : Promise.reject(err)));
  }

  /** Every counter of the days from `fromDay` on, newest day first. */
  async since(fromDay: string): Promise<PaneStartFailure[]> {
    const docs = await this.models.PaneStartFailure.find({ day: { $gte: fromDay } }, { _id: 0 })
      .sort({ day: -1 })
      .lean();
    // An upsert stores only the fields it sets: empty values may come back missing.
    return docs.map((d) => ({
      ...d,
      host: d.host ?? '',
      platform: d.platform ?? '',
      hostVersion: d.hostVersion ?? '',
      blockedOrigin: d.blockedOrigin ?? null,
    }));
  }

  async removeBefore(day: string): Promise<number> {
    return (await this.models.PaneStartFailure.deleteMany({ day: { $lt: day } })).deletedCount;
  }
}
