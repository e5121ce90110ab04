// Opportunities, with Business Central's rules for creating one from an interaction log entry: the entry is not
// canceled and has no opportunity yet, the contact is not privacy blocked; the default sales cycle; the
// salesperson of the entry, else the caller's. The entry keeps the opportunity number (that is the link), and
// an entry gets at most one even when two users click at once (a claim decided by a unique insert).
import { z } from 'zod';
import type { Caller } from '../http/auth/identity.js';
import type { ContactRepository } from '../repositories/contacts.js';
import type { Interaction, InteractionRepository } from '../repositories/interactions.js';
import type { Contact } from '../repositories/masterData.js';
import { formatNumber, SERIES, type NumberSeries } from '../repositories/numberSeries.js';
import type {
  Opportunity,
  OpportunityChanges,
  OpportunityRepository,
} from '../repositories/opportunities.js';
import type { SalespersonRepository } from '../repositories/salespeople.js';
import type {
  CreateOpportunityRequest,
  OpportunityListQuery,
  UpdateOpportunityRequest,
} from '../../shared/api/opportunities.js';
import { decodeCursor, pageOf } from './cursor.js';
import { refuse } from './errors.js';
import type { LogEmailResult, ManualLoggingService } from './manualLogging.js';
import type { VisibilityService, VisibleOpportunity } from './visibility.js';

/** Business Central's Marketing Setup "Default Sales Cycle Code" (there is one cycle until cycles are modelled). */
export const DEFAULT_SALES_CYCLE = 'STANDARD';
export const OPPORTUNITY_PAGE_DEFAULT = 50;

export interface OpportunityDeps {
  interactions: InteractionRepository;
  opportunities: OpportunityRepository;
  contacts: ContactRepository;
  salespeople: SalespersonRepository;
  numbers: NumberSeries;
  manualLogging: ManualLoggingService;
  visibility: VisibilityService;
  now: () => Date;
}

const Position = z.strictObject({ t: z.iso.datetime(), n: z.string().min(1).max(20) });

/** "YYYY-MM-DD" as midnight UTC (a calendar date, not an instant in some zone). */
export const dateOf = (d: string): Date => new Date(`${d}T00:00:00.000Z`);

export class OpportunityService {
  constructor(private readonly d: OpportunityDeps) {}

  /** The new opportunity, and what logging the mail it was made from wrote (null: made without one). */
  async create(
    req: CreateOpportunityRequest,
    caller: Caller,
  ): Promise<{ opportunity: VisibleOpportunity; logged: LogEmailResult | null }> {
    const contact = await this.d.contacts.byNumber(req.contactNumber);
    if (!contact) throw refuse.notFound('The contact');
    if (contact.privacyBlocked) throw refuse.privacyBlocked();
    if (req.salespersonCode !== undefined)
      await this.requireSalesperson(req.salespersonCode, 'body.salespersonCode');

    let entry: Interaction | null = null;
    let logged: LogEmailResult | null = null;
    if (req.fromEntryNumber !== undefined) {
      entry = await this.d.interactions.byEntryNumber(req.fromEntryNumber);
      if (!entry) throw refuse.notFound('The interaction log entry');
      if (entry.contactNumber !== contact.number)
        throw refuse.contactMismatch('The entry belongs to another contact');
    } else if (req.fromMessage !== undefined) {
      logged = await this.d.manualLogging.logEmail(req.fromMessage, caller);
      const ofContact = logged.entries.filter((e) => e.contactNumber === contact.number);
      entry = ofContact.find((e) => e.salespersonCode === caller.salespersonCode) ?? ofContact[0] ?? null;
      if (!entry) throw refuse.nothingToLog('The message has no interaction with this contact');
    }
    if (entry) {
      // The entry gets this opportunity's number: a change to the entry, so only for who may change it.
      await this.d.visibility.assertMayChangeEntry(caller, entry);
      this.assertAvailable(entry);
    }

    const number = formatNumber('OP', await this.d.numbers.next(SERIES.opportunity));
    if (entry && !(await this.d.opportunities.claimEntry(entry.entryNumber, number))) {
      await this.repairLink(entry);
      throw refuse.alreadyLinked();
    }
    let opportunity: Opportunity;
    try {
      opportunity = await this.d.opportunities.insert({
        number,
        description: req.description,
        contactNumber: contact.number,
        contactCompanyNumber: entry?.contactCompanyNumber ?? companyNumberOf(contact),
        salespersonCode: req.salespersonCode ?? entry?.salespersonCode ?? caller.salespersonCode,
        salesCycleCode: DEFAULT_SALES_CYCLE,
        status: 'open',
        estimatedValue: req.estimatedValue ?? null,
        expectedCloseDate: req.expectedCloseDate ? dateOf(req.expectedCloseDate) : null,
        sourceEntryNumber: entry?.entryNumber ?? null,
        createdBy: caller.email ?? caller.userId,
        createdAt: this.d.now(),
      });
    } catch (err) {
      if (entry) await this.d.opportunities.releaseEntry(entry.entryNumber, number);
      throw err;
    }
    if (entry) await this.d.interactions.recordOpportunity(entry.entryNumber, number);
    return { opportunity: await this.d.visibility.opportunity(caller, opportunity), logged };
  }

  /** Links an entry to an existing open opportunity of the same contact (or the same company). */
  async link(caller: Caller, entryNumber: number, opportunityNumber: string): Promise<Interaction> {
    const entry = await this.d.interactions.byEntryNumber(entryNumber);
    if (!entry) throw refuse.notFound('The interaction log entry');
    const opportunity = await this.d.opportunities.byNumber(opportunityNumber);
    if (!opportunity) throw refuse.notFound('The opportunity');
    await this.d.visibility.assertMayChangeEntry(caller, entry);
    await this.d.visibility.assertMayChangeOpportunity(caller, opportunity);
    if (entry.opportunityNumber === opportunityNumber) return entry; // asked twice: same answer
    this.assertAvailable(entry);
    if (opportunity.status !== 'open') throw refuse.opportunityClosed();
    const sameCompany =
      opportunity.contactCompanyNumber !== null &&
      opportunity.contactCompanyNumber === entry.contactCompanyNumber;
    if (opportunity.contactNumber !== entry.contactNumber && !sameCompany) {
      throw refuse.contactMismatch('The opportunity belongs to another contact');
    }
    if (!(await this.d.opportunities.claimEntry(entryNumber, opportunityNumber))) {
      const owner = await this.repairLink(entry);
      if (owner !== opportunityNumber) throw refuse.alreadyLinked();
    }
    await this.d.interactions.recordOpportunity(entryNumber, opportunityNumber);
    return (await this.d.interactions.byEntryNumber(entryNumber))!;
  }

  async get(caller: Caller, number: string): Promise<VisibleOpportunity> {
    const o = await this.d.opportunities.byNumber(number);
    if (!o) throw refuse.notFound('The opportunity');
    return this.d.visibility.opportunity(caller, o);
  }

  /** A page of opportunities; those of privacy-blocked contacts are left out (a page may come out shorter). */
  async list(
    caller: Caller,
    q: OpportunityListQuery,
  ): Promise<{ items: VisibleOpportunity[]; next: string | null }> {
    const limit = q.limit ? Number(q.limit) : OPPORTUNITY_PAGE_DEFAULT;
    const after = decodeCursor(Position, q.cursor);
    const rows = await this.d.opportunities.list(
      { status: q.status, contactNumber: q.contactNumber, salespersonCode: q.salespersonCode },
      limit + 1,
      after && { createdAt: new Date(after.t), number: after.n },
    );
    const page = pageOf(rows, limit, (o) => ({ t: o.createdAt.toISOString(), n: o.number }));
    return { items: await this.d.visibility.opportunities(caller, page.items), next: page.next };
  }

  async update(caller: Caller, number: string, req: UpdateOpportunityRequest): Promise<VisibleOpportunity> {
    const current = await this.d.opportunities.byNumber(number);
    if (!current) throw refuse.notFound('The opportunity');
    await this.d.visibility.assertMayChangeOpportunity(caller, current);
    if (req.salespersonCode) await this.requireSalesperson(req.salespersonCode, 'body.salespersonCode');
    const changes: OpportunityChanges = {};
    if (req.description !== undefined) changes.description = req.description;
    if (req.status !== undefined) changes.status = req.status;
    if (req.salespersonCode !== undefined) changes.salespersonCode = req.salespersonCode;
    if (req.estimatedValue !== undefined) changes.estimatedValue = req.estimatedValue;
    if (req.expectedCloseDate !== undefined) {
      changes.expectedCloseDate = req.expectedCloseDate === null ? null : dateOf(req.expectedCloseDate);
    }
    const updated = await this.d.opportunities.update(number, changes);
    if (!updated) throw refuse.notFound('The opportunity');
    return this.d.visibility.opportunity(caller, updated);
  }

  private assertAvailable(entry: Interaction): void {
    if (entry.canceled) throw refuse.entryCanceled();
    if (entry.opportunityNumber !== null) throw refuse.alreadyLinked();
  }

  /**
   * The entry was claimed by someone else (or by an earlier attempt that stopped before recording the number on
   * the entry): make sure the entry shows the claim's opportunity, and return its number.
   */
  private async repairLink(entry: Interaction): Promise<string | null> {
    const owner = await this.d.opportunities.entryClaimOwner(entry.entryNumber);
    if (owner && entry.opportunityNumber === null && (await this.d.opportunities.byNumber(owner))) {
      await this.d.interactions.recordOpportunity(entry.entryNumber, owner);
    }
    return owner;
  }

  private async requireSalesperson(code: string, path: string): Promise<void> {
    if (!(await this.d.salespeople.byCode(code))) throw refuse.invalid(path, 'no salesperson has this code');
  }
}

function companyNumberOf(contact: Contact): string | null {
  return contact.companyNumber ?? (contact.kind === 'company' ? contact.number : null);
}
