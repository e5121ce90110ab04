// Manual entries wait here for the loop's copy of their mail (models/manualConfirmations.ts). When the loop meets
// the message, its data replace the client's: the entries it also wrote get the archived copy's subject, dates
// and link; entries for people the archived message does not have are rejected (canceled, kept for the record).
import type { Models } from './models/index.js';
import type { ManualConfirmationDoc } from './models/manualConfirmations.js';
import type { NewInteraction } from './interactions.js';
import { entryId } from './interactions.js';
import { timelinesOf } from './timelines.js';

export type ManualConfirmation = ManualConfirmationDoc;

export const REJECTED_COMMENT = 'Not a participant of the archived message: logged by hand, not confirmed.';

export class ManualConfirmationRepository {
  constructor(private readonly models: Models) {}

  /** Records (or adds to) the wait of a message's manual entries; an upsert by _id, safe to repeat. */
  async await(messageKey: string, entryIds: string[], requestedBy: string, at: Date): Promise<void> {
    const upsert = () =>
      this.models.ManualConfirmation.updateOne(
        { _id: messageKey },
        { $addToSet: { entryIds: { $each: entryIds } }, $setOnInsert: { requestedBy, createdAt: at } },
        { upsert: true },
      );
    try {
      await upsert();
    } catch (err) {
      // Two users logging one message at once: both upserts insert, one loses on _id; the document exists now.
      if ((err as { code?: number }).code !== 11000) throw err;
      await upsert();
    }
  }

  /** The waits of these messages (one query per page of the loop; most pages have none). */
  async forKeys(messageKeys: string[]): Promise<ManualConfirmation[]> {
    if (messageKeys.length === 0) return [];
    return this.models.ManualConfirmation.find({ _id: { $in: messageKeys } }).lean<ManualConfirmation[]>();
  }

  /** The oldest waits first (those past the review window lead). */
  async oldest(limit: number): Promise<ManualConfirmation[]> {
    return this.models.ManualConfirmation.find({})
      .sort({ createdAt: 1 })
      .limit(limit)
      .lean<ManualConfirmation[]>();
  }

  /** Waits older than `before`: manual entries whose copy never reached the logging mailbox. */
  async countOverdue(before: Date): Promise<number> {
    return this.models.ManualConfirmation.countDocuments({ createdAt: { $lt: before } });
  }

  /** Removes the wait when every entry it names was written by the loop itself (nothing manual to confirm). */
  async settleIfAll(messageKey: string, loopEntryIds: ReadonlySet<string>): Promise<void> {
    const wait = await this.models.ManualConfirmation.findById(messageKey).lean<ManualConfirmation>();
    if (wait && wait.entryIds.every((id) => loopEntryIds.has(id)))
      await this.models.ManualConfirmation.deleteOne({ _id: messageKey, entryIds: wait.entryIds });
  }

  /**
   * The loop met the message: its entries (as it would write them) replace the manual ones of the same
   * (message, contact, salesperson); manual entries it has no counterpart for are rejected. Updates by _id
   * only; the wait is removed last, so a crash in between repeats the same updates.
   */
  async confirm(wait: ManualConfirmation, loopEntries: NewInteraction[]): Promise<void> {
    const byId = new Map(
      loopEntries.map((e) => [entryId(e.messageKey, e.contactNumber, e.salespersonCode), e]),
    );
    await Promise.all(
      wait.entryIds.map((id) => {
        const e = byId.get(id);
        const $set = e
          ? {
              verification: 'confirmed',
              subject: e.subject,
              description: e.description,
              occurredAt: e.occurredAt,
              direction: e.direction,
              initiatedBy: e.initiatedBy,
              contactCompanyNumber: e.contactCompanyNumber,
              message: e.message,
              archiveState: e.archiveState,
              comment: e.comment ?? null,
              ...(e.sensitivity !== undefined ? { sensitivity: e.sensitivity } : {}),
            }
          : { verification: 'rejected', canceled: true, comment: REJECTED_COMMENT };
        return this.models.Interaction.updateOne({ _id: id }, { $set });
      }),
    );
    await timelinesOf(this.models).entriesChanged(wait.entryIds.map((_id) => ({ _id })));
    await this.models.ManualConfirmation.deleteOne({ _id: wait._id });
  }
}
