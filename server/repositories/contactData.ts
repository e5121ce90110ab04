// Everything stored about one contact, across collections: read whole for its export, removed for its erasure
// (services/dataSubject.ts decides what is removed and what detached). Writes go in batches of at most 50
// statements (FerretDB never answers write commands of 100+), each by `_id` or an indexed key.
import type { AnyBulkWriteOperation } from 'mongoose';
import type { Models } from './models/index.js';
import type { ContactDoc, InteractionDoc, OpportunityDoc } from './models/index.js';
import type { MessageStateDoc } from './models/logging.js';
import { intentCodec, type StoredIntent } from './pendingArchives.js';
import { timelinesOf } from './timelines.js';
import { contactLookupCacheOf } from './contactLookupCache.js';

export const WRITE_BATCH = 50;
const ENTRY_CLAIM = 'entry-opportunity#'; // repositories/opportunities.ts

export type StoredContact = Omit<ContactDoc, never> & { _id?: unknown };
export type StoredEntry = InteractionDoc;
export type StoredOpportunity = OpportunityDoc & { _id?: unknown };

async function inBatches<T>(items: T[], write: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += WRITE_BATCH) await write(items.slice(i, i + WRITE_BATCH));
}

export class ContactDataRepository {
  constructor(private readonly models: Models) {}

  async contact(number: string): Promise<StoredContact | null> {
    return this.models.Contact.findOne({ number }, { __v: 0 }).lean<StoredContact>();
  }

  /** Every entry of the contact, newest first (the history index). */
  async entries(contactNumber: string): Promise<StoredEntry[]> {
    return this.models.Interaction.find({ contactNumber })
      .sort({ occurredAt: -1, entryNumber: -1 })
      .lean<StoredEntry[]>();
  }

  async opportunities(contactNumber: string): Promise<StoredOpportunity[]> {
    return this.models.Opportunity.find({ contactNumber }, { __v: 0 })
      .sort({ createdAt: -1, number: -1 })
      .lean<StoredOpportunity[]>();
  }

  /**
   * Entries linked to the contact's opportunities. An entry may be linked to an opportunity of its own contact or
   * of its company (services/opportunities.ts), so only the contact, its company and the company's people can
   * hold such links: their entries are read by contact (an index every logged entry needs anyway) rather than
   * through an index on the link, which every logged entry would pay for.
   */
  async entriesLinkedTo(
    opportunityNumbers: string[],
    contact: { number: string; companyNumber: string | null },
  ): Promise<number[]> {
    if (opportunityNumbers.length === 0) return [];
    const wanted = new Set(opportunityNumbers);
    const company = contact.companyNumber;
    const people = company
      ? await this.models.Contact.find({ companyNumber: company }, { number: 1 }).lean()
      : [];
    const contacts = new Set([contact.number, ...(company ? [company] : []), ...people.map((p) => p.number)]);
    const linked: number[] = [];
    for (const contactNumber of contacts) {
      const rows = await this.models.Interaction.find(
        { contactNumber },
        { entryNumber: 1, opportunityNumber: 1 },
      ).lean();
      for (const r of rows)
        if (r.opportunityNumber && wanted.has(r.opportunityNumber)) linked.push(r.entryNumber);
    }
    return linked;
  }

  /** Unlinks entries from an opportunity about to go, and gives back their one-opportunity claims. */
  async detachEntries(entryNumbers: number[]): Promise<void> {
    await inBatches(entryNumbers, async (batch) => {
      await this.models.Interaction.bulkWrite(
        batch.map((entryNumber) => ({
          updateOne: { filter: { entryNumber }, update: { $set: { opportunityNumber: null } } },
        })),
        { ordered: false },
      );
      await this.models.Claim.bulkWrite(
        batch.map((n) => ({ deleteOne: { filter: { _id: `${ENTRY_CLAIM}${n}` } } })),
        { ordered: false },
      );
      await timelinesOf(this.models).entriesChanged(batch.map((entryNumber) => ({ entryNumber })));
    });
  }

  /** An erased company's people, their entries and opportunities keep everything but the company. */
  async detachCompany(companyNumber: string): Promise<{ people: number; entries: number }> {
    // The company's people (read before they lose it); their entries and opportunities are read by contact, an
    // index every logged entry needs anyway, instead of an index on the company that each of them would pay for.
    const members = await this.models.Contact.find({ companyNumber }, { number: 1 }).lean();
    const people = await this.models.Contact.updateMany(
      { companyNumber, number: { $ne: companyNumber } }, // a company is its own company
      { $set: { companyNumber: null, companyName: null } },
    );
    await contactLookupCacheOf(this.models).changed(members.map((m) => m.number));
    let entries = 0;
    for (const { number: contactNumber } of members) {
      const rows = await this.models.Interaction.find(
        { contactNumber },
        { _id: 1, contactCompanyNumber: 1 },
      ).lean();
      const ids = rows.filter((r) => r.contactCompanyNumber === companyNumber).map((r) => r._id!);
      await inBatches(ids, (batch) =>
        this.models.Interaction.bulkWrite(
          batch.map((_id) => ({
            updateOne: { filter: { _id }, update: { $set: { contactCompanyNumber: null } } },
          })),
          { ordered: false },
        ),
      );
      await timelinesOf(this.models).entriesChanged(ids.map((_id) => ({ _id })));
      entries += ids.length;
      const opps = await this.models.Opportunity.find(
        { contactNumber },
        { number: 1, contactCompanyNumber: 1 },
      ).lean();
      for (const o of opps.filter((x) => x.contactCompanyNumber === companyNumber))
        await this.models.Opportunity.updateOne(
          { number: o.number },
          { $set: { contactCompanyNumber: null } },
        );
    }
    await timelinesOf(this.models).opportunitiesChanged(members.map((m) => m.number));
    return { people: people.modifiedCount, entries };
  }

  async deleteEntries(entries: { entryNumber: number; contactNumber: string }[]): Promise<number> {
    let deleted = 0;
    await inBatches(entries, async (batch) => {
      const ops: AnyBulkWriteOperation<InteractionDoc>[] = batch.map((e) => ({
        deleteOne: { filter: { entryNumber: e.entryNumber } },
      }));
      deleted += (await this.models.Interaction.bulkWrite(ops, { ordered: false })).deletedCount;
      await this.models.Claim.bulkWrite(
        batch.map((e) => ({ deleteOne: { filter: { _id: `${ENTRY_CLAIM}${e.entryNumber}` } } })),
        { ordered: false },
      );
      await timelinesOf(this.models).entriesRemoved(batch);
    });
    return deleted;
  }

  async deleteOpportunities(numbers: string[]): Promise<number> {
    let deleted = 0;
    await inBatches(numbers, async (batch) => {
      const owners = await Promise.all(
        batch.map((number) => this.models.Opportunity.findOne({ number }, { contactNumber: 1 }).lean()),
      );
      const ops = batch.map((number) => ({ deleteOne: { filter: { number } } }));
      deleted += (await this.models.Opportunity.bulkWrite(ops, { ordered: false })).deletedCount;
      await timelinesOf(this.models).opportunitiesChanged(
        owners.flatMap((o) => (o ? [o.contactNumber] : [])),
      );
    });
    return deleted;
  }

  async deleteContact(number: string): Promise<void> {
    await this.models.Contact.deleteOne({ number });
    await contactLookupCacheOf(this.models).erased(number);
    await timelinesOf(this.models).erased(number);
  }

  /** The ledger of one mailbox (quarantined, failing and kept mail), for what names the contact. */
  async messageStates(
    mailbox: string,
  ): Promise<Pick<MessageStateDoc, '_id' | 'subject' | 'reason' | 'internetMessageId'>[]> {
    const all = await Promise.all(
      (['failing', 'quarantined', 'kept'] as const).map((state) =>
        this.models.MessageState.find(
          { mailbox, state },
          { _id: 1, subject: 1, reason: 1, internetMessageId: 1 },
        ).lean(),
      ),
    );
    return all.flat();
  }

  async deleteMessageStates(ids: string[]): Promise<number> {
    let deleted = 0;
    await inBatches(ids, async (batch) => {
      const ops = batch.map((_id) => ({ deleteOne: { filter: { _id } } }));
      deleted += (await this.models.MessageState.bulkWrite(ops, { ordered: false })).deletedCount;
    });
    return deleted;
  }

  /** The loop's intents of one mailbox (entries it has yet to write), page by page. */
  async intents(mailbox: string): Promise<{ _id: string; messages: StoredIntent[] }[]> {
    const pages = await this.models.PendingArchive.find({ mailbox }, { _id: 1, payload: 1, messages: 1 })
      .sort({ createdAt: 1 })
      .lean();
    return pages.map((p) => ({ _id: p._id, messages: intentCodec.decode(p) }));
  }

  /** Rewrites an intent's messages (never creates one the loop has settled meanwhile). */
  async replaceIntent(id: string, messages: StoredIntent[]): Promise<void> {
    if (messages.length === 0) await this.models.PendingArchive.deleteOne({ _id: id });
    else
      await this.models.PendingArchive.updateOne(
        { _id: id },
        { $set: { payload: intentCodec.encode(messages) }, $unset: { messages: 1 } },
      );
  }

  async setBlocklist(mailbox: string, blocklist: string[]): Promise<void> {
    await this.models.LoggingSetup.updateOne({ mailbox }, { $set: { 'policy.blocklist': blocklist } });
  }

  /** Cached X.500 -> SMTP answers (a cache: refilled from the directory when needed). */
  async clearLegacyDnCache(): Promise<void> {
    await this.models.LegacyDn.deleteMany({});
  }
}
