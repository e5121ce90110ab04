// Intents of the logging loop (see models/logging.ts PendingArchiveDoc): one document per page, written before
// its messages are moved, settled after their entries are written. Small by construction: the pages in flight
// plus crash leftovers.
import crypto from 'node:crypto';
import type { Models } from './models/index.js';
import type { PendingArchiveDoc } from './models/logging.js';
import type { NewInteraction } from './interactions.js';

export type PendingEntry = Omit<NewInteraction, 'archiveState'>;

export interface PendingArchive {
  mailbox: string;
  messageId: string;
  messageKey: string;
  entries: PendingEntry[];
}

/** A message of a stored page: what is kept of a PendingArchive (the mailbox is the page's). */
export interface StoredIntent {
  messageId: string;
  messageKey: string;
  entries: PendingEntry[];
}

/** The one place that turns a page's messages into what is stored, and back (dates revived). */
export const intentCodec = {
  encode(intents: readonly StoredIntent[]): string {
    return JSON.stringify(
      intents.map(({ messageId, messageKey, entries }) => ({ messageId, messageKey, entries })),
    );
  },
  decode(doc: Pick<PendingArchiveDoc, 'payload' | 'messages'>): StoredIntent[] {
    const raw = (
      doc.payload !== undefined ? JSON.parse(doc.payload) : (doc.messages ?? [])
    ) as StoredIntent[];
    return raw.map((m) => ({
      messageId: m.messageId,
      messageKey: m.messageKey,
      entries: m.entries.map((e) => ({ ...e, occurredAt: new Date(e.occurredAt) })),
    }));
  },
};

/** The intents of one page, as recorded. */
export interface PendingPage {
  id: string;
  intents: PendingArchive[];
}

export class PendingArchiveRepository {
  constructor(
    private readonly models: Models,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Records a page's intents in one document (none when the page logs nothing). */
  async record(mailbox: string, intents: PendingArchive[]): Promise<PendingPage> {
    const page = { id: `${mailbox}#${crypto.randomUUID()}`, intents };
    if (intents.length === 0) return page;
    await this.models.PendingArchive.collection.insertOne({
      _id: page.id,
      mailbox,
      payload: intentCodec.encode(intents),
      createdAt: this.now(),
    } as never);
    return page;
  }

  /** Pages left by earlier runs, oldest first. */
  async list(mailbox: string, limit: number): Promise<PendingPage[]> {
    const rows = await this.models.PendingArchive.find({ mailbox })
      .sort({ createdAt: 1 })
      .limit(limit)
      .lean();
    return rows.map((r) => ({
      id: r._id,
      intents: intentCodec.decode(r).map((m) => ({ mailbox, ...m })),
    }));
  }

  /** The page's messages in `done` are finished: forget the page, or keep only the others (a later run's job). */
  async settle(page: PendingPage, done: ReadonlySet<string>): Promise<void> {
    if (page.intents.length === 0) return;
    const left = page.intents.filter((i) => !done.has(i.messageId));
    if (left.length === page.intents.length) return;
    if (left.length === 0) {
      await this.models.PendingArchive.deleteOne({ _id: page.id });
      return;
    }
    await this.models.PendingArchive.updateOne(
      { _id: page.id },
      { $set: { payload: intentCodec.encode(left) }, $unset: { messages: 1 } },
    );
  }
}
