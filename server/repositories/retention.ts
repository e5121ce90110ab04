// The retention setting (one document) with its job's progress, and the deletion of old entries in bounded
// batches: the oldest due entries by the occurredAt index, deleted by entry number, at most 50 statements a
// write (FerretDB never answers write commands of 100+).
import type { Models } from './models/index.js';
import type { RetentionDoc } from './models/audit.js';
import { WRITE_BATCH } from './contactData.js';
import { timelinesOf } from './timelines.js';

const ID = 'retention';
const ENTRY_CLAIM = 'entry-opportunity#'; // repositories/opportunities.ts

export type RetentionState = Omit<RetentionDoc, '_id'>;
export type RetentionRunState = NonNullable<RetentionDoc['lastRun']>;

export const RETENTION_OFF: RetentionState = {
  months: null,
  updatedAt: null,
  updatedBy: null,
  lastRun: null,
  totalDeleted: 0,
};

export class RetentionRepository {
  constructor(private readonly models: Models) {}

  async get(): Promise<RetentionState> {
    const doc = await this.models.Retention.findOne({ _id: ID }, { _id: 0 }).lean<RetentionState>();
    return doc ? { ...RETENTION_OFF, ...doc } : RETENTION_OFF;
  }

  async setMonths(months: number | null, by: string, at: Date): Promise<void> {
    await this.models.Retention.updateOne(
      { _id: ID },
      { $set: { months, updatedBy: by, updatedAt: at } },
      { upsert: true },
    );
  }

  /** The job's progress, visible in the console; `deleted` is added to the running total. */
  async recordRun(run: RetentionRunState, deleted: number): Promise<void> {
    await this.models.Retention.updateOne(
      { _id: ID },
      { $set: { lastRun: run }, $inc: { totalDeleted: deleted } },
      { upsert: true },
    );
  }

  /** Deletes up to one batch of the oldest entries that occurred before `cutoff`; how many went. */
  async deleteBatchBefore(cutoff: Date): Promise<number> {
    const due = await this.models.Interaction.find(
      { occurredAt: { $lt: cutoff } },
      { entryNumber: 1, contactNumber: 1 },
    )
      .sort({ occurredAt: 1 })
      .limit(WRITE_BATCH)
      .lean();
    if (due.length === 0) return 0;
    const result = await this.models.Interaction.bulkWrite(
      due.map((e) => ({ deleteOne: { filter: { entryNumber: e.entryNumber } } })),
      { ordered: false },
    );
    // An entry's one-opportunity claim goes with it (the opportunity itself stays).
    await this.models.Claim.bulkWrite(
      due.map((e) => ({ deleteOne: { filter: { _id: `${ENTRY_CLAIM}${e.entryNumber}` } } })),
      { ordered: false },
    );
    await timelinesOf(this.models).entriesRemoved(due);
    return result.deletedCount;
  }
}
