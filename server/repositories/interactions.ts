// Interaction log entries: idempotent writes (unique message/contact/salesperson key) and the history queries.
import type { Models } from './models/index.js';
import type { ArchiveState, InteractionDoc, MessageRefDoc } from './models/interactions.js';
import { isDuplicateKeyError } from './db.js';
import { NumberSeries, SERIES } from './numberSeries.js';

export interface NewInteraction {
  messageKey: string;
  contactNumber: string;
  contactCompanyNumber: string | null;
  salespersonCode: string | null;
  occurredAt: Date;
  direction: 'inbound' | 'outbound';
  initiatedBy: 'us' | 'them';
  subject: string;
  description: string;
  message: MessageRefDoc;
  archiveState: ArchiveState;
  source: 'loop' | 'manual';
  createdBy: string;
  templateCode?: string | null;
  cost?: number;
  durationMin?: number;
}

export type Interaction = Omit<InteractionDoc, never>;

export interface WriteResult {
  written: Interaction[];
  duplicates: number;
}

const PROJECTION = { _id: 0, __v: 0 } as const;

export class InteractionRepository {
  constructor(
    private readonly models: Models,
    private readonly numbers: NumberSeries,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Writes each entry unless the same (message, contact, salesperson) is already logged. Safe to repeat after a
   * crash at any point: a duplicate-key refusal means "already written" (by us earlier, the loop or a user).
   */
  async writeIdempotent(entries: NewInteraction[]): Promise<WriteResult> {
    const result: WriteResult = { written: [], duplicates: 0 };
    for (const e of entries) {
      const doc: InteractionDoc = {
        templateCode: null,
        cost: 0,
        durationMin: 0,
        ...e,
        entryNumber: await this.numbers.next(SERIES.interaction),
        comment: null,
        opportunityNumber: null,
        canceled: false,
        createdAt: this.now(),
      };
      try {
        await this.models.Interaction.create(doc);
        result.written.push(doc);
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
        result.duplicates++;
      }
    }
    return result;
  }

  async byMessageKey(messageKey: string): Promise<Interaction[]> {
    return this.models.Interaction.find({ messageKey }, PROJECTION).sort({ entryNumber: 1 }).lean();
  }

  async byEntryNumber(entryNumber: number): Promise<Interaction | null> {
    return this.models.Interaction.findOne({ entryNumber }, PROJECTION).lean();
  }

  /** Records where the message now lives (after archiving) on every entry of that message. */
  async recordArchive(
    messageKey: string,
    state: ArchiveState,
    link: { immutableId: string | null; webLink: string | null },
    comment: string | null = null,
  ): Promise<void> {
    await this.models.Interaction.updateMany(
      { messageKey },
      {
        $set: {
          archiveState: state,
          'message.immutableId': link.immutableId,
          'message.webLink': link.webLink,
          ...(comment ? { comment } : {}),
        },
      },
    );
  }

  /** Messages whose entries were written but whose archiving was not recorded (a crash in between). */
  async pendingArchive(mailbox: string, limit: number): Promise<{ messageKey: string; immutableId: string | null }[]> {
    const rows = await this.models.Interaction.find(
      { archiveState: 'pending', 'message.mailbox': mailbox },
      { messageKey: 1, 'message.immutableId': 1 },
    )
      .limit(limit * 4)
      .lean<{ messageKey: string; message?: { immutableId: string | null } }[]>();
    const seen = new Map<string, string | null>();
    for (const r of rows) if (!seen.has(r.messageKey)) seen.set(r.messageKey, r.message?.immutableId ?? null);
    return [...seen].slice(0, limit).map(([messageKey, immutableId]) => ({ messageKey, immutableId }));
  }

  /** History of a contact, newest first, keyset-paged by (occurredAt, entryNumber). */
  async historyOf(
    contactNumber: string,
    limit: number,
    after?: { occurredAt: Date; entryNumber: number },
  ): Promise<Interaction[]> {
    const filter: Record<string, unknown> = { contactNumber };
    if (after) {
      filter.$or = [
        { occurredAt: { $lt: after.occurredAt } },
        { occurredAt: after.occurredAt, entryNumber: { $lt: after.entryNumber } },
      ];
    }
    return this.models.Interaction.find(filter, PROJECTION).sort({ occurredAt: -1, entryNumber: -1 }).limit(limit).lean();
  }

  async setOpportunity(entryNumber: number, opportunityNumber: string): Promise<boolean> {
    const r = await this.models.Interaction.updateOne(
      { entryNumber, opportunityNumber: null },
      { $set: { opportunityNumber } },
    );
    return r.modifiedCount === 1;
  }

  async setCanceled(entryNumber: number, canceled: boolean): Promise<boolean> {
    const r = await this.models.Interaction.updateOne({ entryNumber }, { $set: { canceled } });
    return r.matchedCount === 1;
  }
}
