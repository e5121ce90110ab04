// Interaction log entries: idempotent writes (unique message/contact/salesperson key) and the history queries.
import crypto from 'node:crypto';
import type { Models } from './models/index.js';
import type { ArchiveState, InteractionDoc, MessageRefDoc } from './models/interactions.js';
import { SERIES, type NumberSeries } from './numberSeries.js';
import { timelinesOf, type TimelineRepository } from './timelines.js';
import type { EntryDraft } from '../domain/classifier.js';
import type { InteractionTemplate } from '../../shared/api/settings.js';

/** An entry as the loop or manual logging hands it over: the stored fields minus what the repository assigns
 *  (number, id, creation time), what later actions set (cancel, link, privacy, link check), and with the
 *  fields that have a default optional. */
export type NewInteraction = Pick<
  InteractionDoc,
  | 'messageKey'
  | 'contactNumber'
  | 'contactCompanyNumber'
  | 'salespersonCode'
  | 'occurredAt'
  | 'direction'
  | 'initiatedBy'
  | 'subject'
  | 'description'
  | 'message'
  | 'archiveState'
  | 'source'
  | 'createdBy'
> &
  Partial<
    Pick<
      InteractionDoc,
      | 'comment'
      | 'templateCode'
      | 'templateDescription'
      | 'interactionGroupCode'
      | 'cost'
      | 'durationMin'
      | 'verification'
      | 'sensitivity'
    >
  >;

/** The template fields of an entry logged with this interaction template (none: null code, no cost or time). */
export function templateFields(
  t: InteractionTemplate | null,
): Required<
  Pick<
    NewInteraction,
    'templateCode' | 'templateDescription' | 'interactionGroupCode' | 'cost' | 'durationMin'
  >
> {
  return {
    templateCode: t?.code ?? null,
    templateDescription: t?.description ?? null,
    interactionGroupCode: t?.groupCode ?? null,
    cost: t?.cost ?? 0,
    durationMin: t?.durationMin ?? 0,
  };
}

/**
 * The one way a classifier's entry draft becomes an entry to store, for the loop and for "Log this email" alike:
 * the draft's fields, where the mail is (`message`), who wrote it, and the interaction template e-mails get
 * (the deployment setting; its fields are copied, so a later change of the template leaves the entry as
 * logged). The archive state is the caller's (the loop knows it only once Exchange has answered).
 */
export function entryFromDraft(
  d: EntryDraft,
  message: MessageRefDoc,
  origin: Pick<NewInteraction, 'source' | 'createdBy'>,
  template: InteractionTemplate | null,
): Omit<NewInteraction, 'archiveState'> {
  return {
    messageKey: d.messageKey,
    contactNumber: d.contactNumber,
    contactCompanyNumber: d.contactCompanyNumber,
    salespersonCode: d.salespersonCode,
    occurredAt: new Date(d.occurredAt),
    direction: d.direction,
    initiatedBy: d.initiatedBy,
    subject: d.subject,
    description: d.description,
    sensitivity: d.sensitivity ?? null,
    ...templateFields(template),
    message,
    ...origin,
  };
}

export type Interaction = Omit<InteractionDoc, never>;

export interface WriteResult {
  written: Interaction[];
  duplicates: number;
  /** Ids (see entryId) of the entries that already existed. */
  duplicateIds: Set<string>;
}

/**
 * The document id of an entry is derived from what makes it unique (message, contact, salesperson): a second
 * write of the same entry is refused by the primary key itself, and the loop can update entries by _id, the
 * one lookup every MongoDB-protocol server (FerretDB on SQLite included) answers without a scan.
 */
export function entryId(messageKey: string, contactNumber: string, salespersonCode: string | null): string {
  return crypto
    .createHash('sha256')
    .update(`${messageKey}\u0000${contactNumber}\u0000${salespersonCode ?? ''}`)
    .digest('base64url');
}

const PROJECTION = { _id: 0, __v: 0 } as const;
/** Writes go in batches of at most this many: FerretDB 1.24 never answers an update command of 100 or more
 *  statements (measured here), and small batches cost MongoDB nothing. */
const WRITE_CHUNK = 50;

export class InteractionRepository {
  /** The task pane's read model, kept after every write here (repositories/timelines.ts). */
  readonly timelines: TimelineRepository;

  constructor(
    private readonly models: Models,
    private readonly numbers: NumberSeries,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.timelines = timelinesOf(models);
  }

  /**
   * Writes each entry unless the same (message, contact, salesperson) is already logged. Safe to repeat after a
   * crash at any point: a duplicate-key refusal means "already written" (by us earlier, the loop or a user).
   */
  async writeIdempotent(
    entries: NewInteraction[],
    o: { timelines?: 'with' | 'later' } = {},
  ): Promise<WriteResult> {
    // The loop's pages: timelines made after the burst, the contacts read from the entries meanwhile.
    if (o.timelines === 'later')
      return this.timelines.later(
        entries.map((e) => e.contactNumber),
        () => this.insertIdempotent(entries),
      );
    // In the contacts' timeline queue from before the insert: no change of them in this process comes between.
    return this.timelines.writing(
      entries.map((e) => e.contactNumber),
      async () => {
        const result = await this.insertIdempotent(entries);
        // Entries already written go in as stored: a write repeated after a crash puts back what it had missed.
        return { result, put: result.written, reload: [...result.duplicateIds].map((_id) => ({ _id })) };
      },
    );
  }

  private async insertIdempotent(entries: NewInteraction[]): Promise<WriteResult> {
    const docs: (InteractionDoc & { _id: string })[] = [];
    for (const e of entries) {
      const doc = {
        _id: entryId(e.messageKey, e.contactNumber, e.salespersonCode),
        ...templateFields(null),
        comment: null,
        sensitivity: null,
        markedPrivate: false,
        ...e,
        entryNumber: await this.numbers.next(SERIES.interaction),
        opportunityNumber: null,
        canceled: false,
        createdAt: this.now(),
      };
      // The raw insert below skips mongoose's validation; the static form checks the same rules at half the cost.
      await this.models.Interaction.validate(doc);
      docs.push(doc);
    }
    const result: WriteResult = { written: [], duplicates: 0, duplicateIds: new Set() };
    let pending = docs;
    for (let round = 0; pending.length > 0; round++) {
      const clashed = await this.insertChunks(pending);
      // A refused insert is "already written" only if that entry exists; otherwise another unique key, the
      // entry number, clashed (a number handed out twice): the entry gets a new number and goes again.
      const existing = await this.existingIds(clashed.map((d) => d._id));
      const renumber: typeof docs = [];
      for (const d of pending) {
        const { _id, ...doc } = d;
        if (!clashed.includes(d)) result.written.push(doc);
        else if (existing.has(_id)) {
          result.duplicates++;
          result.duplicateIds.add(_id);
        } else renumber.push(d);
      }
      if (renumber.length > 0 && round >= 4) {
        throw new Error(
          `entry numbers keep clashing for ${renumber.length} entries; check the number series`,
        );
      }
      pending = [];
      for (const d of renumber)
        pending.push({ ...d, entryNumber: await this.numbers.next(SERIES.interaction) });
    }
    return result;
  }

  /** The timelines of these entries' contacts learn the entries as they are now stored. */
  private async restate(filter: { messageKey: string } | { entryNumber: number }): Promise<void> {
    await this.timelines.entriesChanged([filter]);
  }

  /** Inserts in chunks sent together (unordered: a refused entry does not stop the others); the refused ones. */
  private async insertChunks<T extends { _id: string }>(docs: T[]): Promise<T[]> {
    const failed = new Set<number>();
    const starts = Array.from({ length: Math.ceil(docs.length / WRITE_CHUNK) }, (_, i) => i * WRITE_CHUNK);
    await Promise.all(
      starts.map(async (start) => {
        try {
          await this.models.Interaction.collection.insertMany(
            docs.slice(start, start + WRITE_CHUNK) as never[],
            { ordered: false },
          );
        } catch (err) {
          const writeErrors = (
            err as { writeErrors?: { index: number; code?: number }[] | { index: number; code?: number } }
          ).writeErrors;
          const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
          if (list.length === 0 || list.some((w) => w.code !== 11000)) throw err;
          for (const w of list) failed.add(start + w.index);
        }
      }),
    );
    return docs.filter((_, i) => failed.has(i));
  }

  private async existingIds(ids: string[]): Promise<Set<string>> {
    // One lookup by _id each (FerretDB does not push $in down); only refused inserts get here.
    const found = await Promise.all(
      ids.map((_id) => this.models.Interaction.exists({ _id }).then((r) => (r ? _id : null))),
    );
    return new Set(found.filter((id): id is string => id !== null));
  }

  /** A message's entries in entry order (a handful: sorted here, so the unique message index serves it). */
  async byMessageKey(messageKey: string): Promise<Interaction[]> {
    const rows = await this.models.Interaction.find({ messageKey }, PROJECTION).lean<Interaction[]>();
    return rows.sort((a, b) => a.entryNumber - b.entryNumber);
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
    await this.restate({ messageKey });
  }

  /** Gives entries logged by hand (no archived copy yet) the link of the copy the loop archived. */
  async linkManualEntries(
    messageKey: string,
    link: { immutableId: string | null; webLink: string | null },
  ): Promise<void> {
    await this.models.Interaction.updateMany(
      { messageKey, archiveState: 'none' },
      {
        $set: {
          archiveState: 'archived',
          'message.immutableId': link.immutableId,
          'message.webLink': link.webLink,
        },
      },
    );
    await this.restate({ messageKey });
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
    return this.models.Interaction.find(filter, PROJECTION)
      .sort({ occurredAt: -1, entryNumber: -1 })
      .limit(limit)
      .lean();
  }

  async setOpportunity(entryNumber: number, opportunityNumber: string): Promise<boolean> {
    const r = await this.models.Interaction.updateOne(
      { entryNumber, opportunityNumber: null },
      { $set: { opportunityNumber } },
    );
    if (r.modifiedCount === 1) await this.restate({ entryNumber });
    return r.modifiedCount === 1;
  }

  /**
   * Records the opportunity of an entry. Unconditional: the caller holds the entry's claim
   * (OpportunityRepository.claimEntry), which is what makes "one opportunity per entry" hold on FerretDB too.
   */
  async recordOpportunity(entryNumber: number, opportunityNumber: string): Promise<void> {
    await this.models.Interaction.updateOne({ entryNumber }, { $set: { opportunityNumber } });
    await this.restate({ entryNumber });
  }

  async setCanceled(entryNumber: number, canceled: boolean): Promise<boolean> {
    const r = await this.models.Interaction.updateOne({ entryNumber }, { $set: { canceled } });
    if (r.matchedCount === 1) await this.restate({ entryNumber });
    return r.matchedCount === 1;
  }

  async setMarkedPrivate(entryNumber: number, markedPrivate: boolean): Promise<boolean> {
    const r = await this.models.Interaction.updateOne({ entryNumber }, { $set: { markedPrivate } });
    if (r.matchedCount === 1) await this.restate({ entryNumber });
    return r.matchedCount === 1;
  }
}
