// The link check's data: its state document, the entries it walks (newest first, keyset-paged by the
// (occurredAt, entryNumber) index, so a pass resumes where it stopped), the entries of one message (messageKey
// index), and the link updates, each by _id (FerretDB scans the collection for any other update filter) in
// writes of at most 50 statements.
import type { Models } from './models/index.js';
import type { LinkCheckCounts, LinkCheckDoc } from './models/linkCheck.js';
import type { MessageRefDoc } from './models/interactions.js';
import { WRITE_BATCH } from './contactData.js';
import { timelinesOf } from './timelines.js';

const ID = 'link-check';

export type LinkCheckState = Omit<LinkCheckDoc, '_id'>;
export type { LinkCheckCounts, LinkCheckRunDoc } from './models/linkCheck.js';

export const NO_COUNTS: LinkCheckCounts = { checked: 0, ok: 0, updated: 0, healed: 0, lost: 0, skipped: 0 };

const INITIAL: LinkCheckState = {
  cursor: null,
  passStartedAt: null,
  lastPassFinishedAt: null,
  window: null,
  pass: NO_COUNTS,
  totals: NO_COUNTS,
  lastRun: null,
};

/** What the check needs of an entry. */
export interface LinkedEntry {
  _id: string;
  entryNumber: number;
  occurredAt: Date;
  messageKey: string;
  message: MessageRefDoc;
  linkState?: 'ok' | 'lost';
  linkCheckedAt?: Date | null;
}

const ENTRY_FIELDS = {
  _id: 1,
  entryNumber: 1,
  occurredAt: 1,
  messageKey: 1,
  message: 1,
  linkState: 1,
  linkCheckedAt: 1,
} as const;

/** A link check's verdict on one entry. */
export type LinkUpdate =
  | { _id: string; found: { mailbox: string; immutableId: string; webLink: string | null }; at: Date }
  | { _id: string; lost: true; at: Date };

export class LinkCheckRepository {
  constructor(private readonly models: Models) {}

  async get(): Promise<LinkCheckState> {
    const doc = await this.models.LinkCheck.findOne({ _id: ID }, { _id: 0, __v: 0 }).lean<LinkCheckState>();
    return doc ? { ...INITIAL, ...doc } : INITIAL;
  }

  async save(state: Partial<LinkCheckState>): Promise<void> {
    await this.models.LinkCheck.updateOne({ _id: ID }, { $set: state }, { upsert: true });
  }

  /** The next `limit` entries after `after` (exclusive), newest first; from the newest when null. */
  async nextEntries(
    after: { occurredAt: Date; entryNumber: number } | null,
    limit: number,
  ): Promise<LinkedEntry[]> {
    const filter = after
      ? {
          $or: [
            { occurredAt: { $lt: after.occurredAt } },
            { occurredAt: after.occurredAt, entryNumber: { $lt: after.entryNumber } },
          ],
        }
      : {};
    return this.models.Interaction.find(filter, ENTRY_FIELDS)
      .sort({ occurredAt: -1, entryNumber: -1 })
      .limit(limit)
      .lean<LinkedEntry[]>();
  }

  async entriesOfMessage(messageKey: string): Promise<LinkedEntry[]> {
    return this.models.Interaction.find({ messageKey }, ENTRY_FIELDS).lean<LinkedEntry[]>();
  }

  async apply(updates: LinkUpdate[]): Promise<void> {
    for (let i = 0; i < updates.length; i += WRITE_BATCH) {
      const ops = updates.slice(i, i + WRITE_BATCH).map((u) => ({
        updateOne: {
          filter: { _id: u._id },
          update:
            'lost' in u
              ? { $set: { linkState: 'lost' as const, linkLostAt: u.at, linkCheckedAt: u.at } }
              : {
                  $set: {
                    'message.mailbox': u.found.mailbox,
                    'message.immutableId': u.found.immutableId,
                    'message.webLink': u.found.webLink,
                    linkState: 'ok' as const,
                    linkLostAt: null,
                    linkCheckedAt: u.at,
                  },
                },
        },
      }));
      await this.models.Interaction.bulkWrite(ops, { ordered: false });
      await timelinesOf(this.models).entriesChanged(
        updates.slice(i, i + WRITE_BATCH).map((u) => ({ _id: u._id })),
      );
    }
  }
}
