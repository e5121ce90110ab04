// Opportunities (Business Central's table 5092) and the claim that gives an interaction entry at most one.
import type { Models } from './models/index.js';
import type { OpportunityDoc } from './models/interactions.js';
import { isDuplicateKeyError } from './db.js';
import { timelinesOf } from './timelines.js';

export type Opportunity = OpportunityDoc;
export type NewOpportunity = Omit<OpportunityDoc, 'updatedAt'>;
export type OpportunityChanges = Partial<
  Pick<OpportunityDoc, 'description' | 'status' | 'salespersonCode' | 'estimatedValue' | 'expectedCloseDate'>
>;

/** Keyset position in a newest-first list. */
export interface OpportunityPosition {
  createdAt: Date;
  number: string;
}

export interface OpportunityFilter {
  status?: OpportunityDoc['status'];
  contactNumber?: string;
  salespersonCode?: string;
}

const PROJECTION = { _id: 0, __v: 0 } as const;
const NEWEST_FIRST = { createdAt: -1, number: -1 } as const;
const ENTRY_CLAIM = 'entry-opportunity#';

export class OpportunityRepository {
  constructor(
    private readonly models: Models,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async insert(o: NewOpportunity): Promise<Opportunity> {
    const doc: Opportunity = { ...o, updatedAt: o.createdAt };
    await this.models.Opportunity.create(doc);
    await timelinesOf(this.models).opportunitiesChanged([doc.contactNumber]);
    return doc;
  }

  async byNumber(number: string): Promise<Opportunity | null> {
    return this.models.Opportunity.findOne({ number }, PROJECTION).lean();
  }

  async update(number: string, changes: OpportunityChanges): Promise<Opportunity | null> {
    const r = await this.models.Opportunity.updateOne(
      { number },
      { $set: { ...changes, updatedAt: this.now() } },
    );
    if (r.matchedCount !== 1) return null;
    const updated = await this.byNumber(number);
    if (updated) await timelinesOf(this.models).opportunitiesChanged([updated.contactNumber]);
    return updated;
  }

  /** Newest first, `limit` at most, after `after` (exclusive). */
  async list(filter: OpportunityFilter, limit: number, after?: OpportunityPosition): Promise<Opportunity[]> {
    const query: Record<string, unknown> = {};
    if (filter.contactNumber !== undefined) query.contactNumber = filter.contactNumber;
    if (filter.salespersonCode !== undefined) query.salespersonCode = filter.salespersonCode;
    if (filter.status !== undefined) query.status = filter.status;
    if (after) {
      query.$or = [
        { createdAt: { $lt: after.createdAt } },
        { createdAt: after.createdAt, number: { $lt: after.number } },
      ];
    }
    return this.models.Opportunity.find(query, PROJECTION).sort(NEWEST_FIRST).limit(limit).lean();
  }

  /** Open opportunities of each contact, newest first. */
  async openOf(contactNumbers: string[]): Promise<Map<string, Opportunity[]>> {
    const out = new Map<string, Opportunity[]>(contactNumbers.map((n) => [n, []]));
    if (contactNumbers.length === 0) return out;
    // Equality per contact, not `$in` (see MasterDataRepository.contactsByEmails: FerretDB reads everything for it).
    const perContact = await Promise.all(
      [...out.keys()].map((contactNumber) =>
        this.models.Opportunity.find({ contactNumber, status: 'open' }, PROJECTION)
          .sort(NEWEST_FIRST)
          .limit(50)
          .lean(),
      ),
    );
    for (const rows of perContact) for (const o of rows) out.get(o.contactNumber)?.push(o);
    return out;
  }

  /**
   * Claims an interaction entry for an opportunity. True for exactly one caller per entry, whoever comes first,
   * across processes (unique _id); the claim stays as the record of the link.
   */
  async claimEntry(entryNumber: number, opportunityNumber: string): Promise<boolean> {
    try {
      await this.models.Claim.create({
        _id: `${ENTRY_CLAIM}${entryNumber}`,
        owner: opportunityNumber,
        at: this.now(),
      });
      return true;
    } catch (err) {
      if (isDuplicateKeyError(err)) return false;
      throw err;
    }
  }

  /** The opportunity that claimed an entry, if any. */
  async entryClaimOwner(entryNumber: number): Promise<string | null> {
    const c = await this.models.Claim.findOne({ _id: `${ENTRY_CLAIM}${entryNumber}` }, { owner: 1 }).lean();
    return c?.owner ?? null;
  }

  /** Gives a claim back (the opportunity it was for could not be saved). */
  async releaseEntry(entryNumber: number, opportunityNumber: string): Promise<void> {
    await this.models.Claim.deleteOne({ _id: `${ENTRY_CLAIM}${entryNumber}`, owner: opportunityNumber });
  }
}
