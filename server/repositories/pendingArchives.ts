// Intents of the logging loop (see models/logging.ts PendingArchiveDoc): written before a message is moved,
// removed after its entries are written. Small by construction: at most the pages in flight plus crash leftovers.
import type { Models } from './models/index.js';
import type { NewInteraction } from './interactions.js';

export type PendingEntry = Omit<NewInteraction, 'archiveState'>;

export interface PendingArchive {
  mailbox: string;
  messageId: string;
  messageKey: string;
  entries: PendingEntry[];
}

const CHUNK = 50; // FerretDB 1.24 does not answer write commands of 100+ statements

export class PendingArchiveRepository {
  constructor(
    private readonly models: Models,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private id(mailbox: string, messageId: string): string {
    return `${mailbox}#${messageId}`;
  }

  /** Records intents; one that exists already (from a crashed run) is kept as it is. */
  async addMany(intents: PendingArchive[]): Promise<void> {
    const docs = intents.map((i) => ({ _id: this.id(i.mailbox, i.messageId), ...i, createdAt: this.now() }));
    for (let start = 0; start < docs.length; start += CHUNK) {
      try {
        await this.models.PendingArchive.collection.insertMany(docs.slice(start, start + CHUNK) as never[], {
          ordered: false,
        });
      } catch (err) {
        const writeErrors = (err as { writeErrors?: { code?: number }[] | { code?: number } }).writeErrors;
        const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
        if (list.length === 0 || list.some((w) => w.code !== 11000)) throw err;
      }
    }
  }

  async list(mailbox: string, limit: number): Promise<PendingArchive[]> {
    const rows = await this.models.PendingArchive.find({ mailbox }, { _id: 0, createdAt: 0 })
      .limit(limit)
      .lean();
    return rows.map((r) => ({
      ...r,
      entries: (r.entries as PendingEntry[]).map((e) => ({ ...e, occurredAt: new Date(e.occurredAt) })),
    }));
  }

  async removeMany(mailbox: string, messageIds: string[]): Promise<void> {
    for (let start = 0; start < messageIds.length; start += CHUNK) {
      const ids = messageIds.slice(start, start + CHUNK).map((m) => this.id(mailbox, m));
      await this.models.PendingArchive.deleteMany({ _id: { $in: ids } });
    }
  }
}
