// Reading interaction log entries for the task pane (history pages, one entry's detail) and canceling them.
// A privacy-blocked contact is shown but its history is not (no details are handed out).
import { z } from 'zod';
import type { ContactRepository } from '../repositories/contacts.js';
import type { Interaction, InteractionRepository } from '../repositories/interactions.js';
import type { Contact, Salesperson } from '../repositories/masterData.js';
import type { SalespersonRepository } from '../repositories/salespeople.js';
import { decodeCursor, pageOf } from './cursor.js';
import { refuse } from './errors.js';

export const HISTORY_PAGE_DEFAULT = 20;

const Position = z.strictObject({ t: z.iso.datetime(), n: z.int().positive() });

export interface EntryView {
  entry: Interaction;
  salespeople: Map<string, Salesperson>;
}

export class InteractionService {
  constructor(
    private readonly d: {
      interactions: InteractionRepository;
      contacts: ContactRepository;
      salespeople: SalespersonRepository;
    },
  ) {}

  async history(
    contactNumber: string,
    cursor: string | undefined,
    limit = HISTORY_PAGE_DEFAULT,
  ): Promise<{ items: Interaction[]; next: string | null; salespeople: Map<string, Salesperson> }> {
    const after = decodeCursor(Position, cursor);
    const contact = await this.d.contacts.byNumber(contactNumber);
    if (!contact) throw refuse.notFound('The contact');
    if (contact.privacyBlocked) return { items: [], next: null, salespeople: new Map() };
    const rows = await this.d.interactions.historyOf(
      contactNumber,
      limit + 1,
      after && { occurredAt: new Date(after.t), entryNumber: after.n },
    );
    const page = pageOf(rows, limit, (e) => ({ t: e.occurredAt.toISOString(), n: e.entryNumber }));
    return { ...page, salespeople: await this.salespeopleOf(page.items) };
  }

  async detail(
    entryNumber: number,
  ): Promise<{ entry: Interaction; contact: Contact; salespeople: Map<string, Salesperson> }> {
    const entry = await this.d.interactions.byEntryNumber(entryNumber);
    if (!entry) throw refuse.notFound('The interaction log entry');
    const contact = await this.d.contacts.byNumber(entry.contactNumber);
    if (!contact) throw refuse.notFound('The contact of the entry');
    if (contact.privacyBlocked) throw refuse.privacyBlocked();
    return { entry, contact, salespeople: await this.salespeopleOf([entry]) };
  }

  /** Cancels or restores an entry (Business Central's "Canceled" flag: kept, but not counted). */
  async setCanceled(entryNumber: number, canceled: boolean): Promise<EntryView> {
    if (!(await this.d.interactions.setCanceled(entryNumber, canceled))) {
      throw refuse.notFound('The interaction log entry');
    }
    return this.view((await this.d.interactions.byEntryNumber(entryNumber))!);
  }

  async view(entry: Interaction): Promise<EntryView> {
    return { entry, salespeople: await this.salespeopleOf([entry]) };
  }

  salespeopleOf(entries: Interaction[]): Promise<Map<string, Salesperson>> {
    return this.d.salespeople.byCodes(
      entries.map((e) => e.salespersonCode).filter((c): c is string => c !== null),
    );
  }
}
