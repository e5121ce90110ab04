// Reading interaction log entries for the task pane (history pages, one entry's detail), canceling them and
// marking them private. Every entry handed out has passed the visibility gate (services/visibility.ts): the
// privacy block, the visibility model, sensitive and private entries are decided there, not here.
import { z } from 'zod';
import type { ContactRepository } from '../repositories/contacts.js';
import type { Caller } from '../http/auth/identity.js';
import type { Interaction, InteractionRepository } from '../repositories/interactions.js';
import type { Contact, Salesperson } from '../repositories/masterData.js';
import type { SalespersonRepository } from '../repositories/salespeople.js';
import { decodeCursor, pageOf } from './cursor.js';
import { refuse } from './errors.js';
import type { VisibilityService, VisibleEntry } from './visibility.js';

export const HISTORY_PAGE_DEFAULT = 20;

const Position = z.strictObject({ t: z.iso.datetime(), n: z.int().positive() });

export interface EntryView {
  entry: VisibleEntry;
  salespeople: Map<string, Salesperson>;
}

export class InteractionService {
  constructor(
    private readonly d: {
      interactions: InteractionRepository;
      contacts: ContactRepository;
      salespeople: SalespersonRepository;
      visibility: VisibilityService;
    },
  ) {}

  async history(
    caller: Caller,
    contactNumber: string,
    cursor: string | undefined,
    limit = HISTORY_PAGE_DEFAULT,
  ): Promise<{ items: VisibleEntry[]; next: string | null; salespeople: Map<string, Salesperson> }> {
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
    const items = await this.d.visibility.entries(
      caller,
      page.items,
      'history',
      new Map([[contact.number, contact]]),
    );
    return { items, next: page.next, salespeople: await this.salespeopleOf(items) };
  }

  async detail(
    caller: Caller,
    entryNumber: number,
  ): Promise<{ entry: VisibleEntry; contact: Contact; salespeople: Map<string, Salesperson> }> {
    const entry = await this.d.interactions.byEntryNumber(entryNumber);
    if (!entry) throw refuse.notFound('The interaction log entry');
    const contact = await this.d.contacts.byNumber(entry.contactNumber);
    if (!contact) throw refuse.notFound('The contact of the entry');
    const visible = await this.d.visibility.entry(caller, entry, 'detail', contact);
    return { entry: visible, contact, salespeople: await this.salespeopleOf([visible]) };
  }

  /**
   * Cancels or restores an entry (Business Central's "Canceled" flag: kept, but not counted). Checked before
   * anything changes: a privacy-blocked contact's entry is refused (409) and, in `owner` mode, someone else's
   * (403), so entry numbers cannot be walked to change or read entries.
   */
  async setCanceled(caller: Caller, entryNumber: number, canceled: boolean): Promise<EntryView> {
    const entry = await this.existing(entryNumber);
    await this.d.visibility.assertMayChangeEntry(caller, entry);
    await this.d.interactions.setCanceled(entryNumber, canceled);
    return this.view(caller, { ...entry, canceled }, canceled ? 'cancel' : 'uncancel');
  }

  /** Marks an entry private (only its salesperson and admins then see it in full) or public again. */
  async setPrivate(caller: Caller, entryNumber: number, markedPrivate: boolean): Promise<EntryView> {
    const entry = await this.existing(entryNumber);
    await this.d.visibility.assertMayMarkPrivate(caller, entry);
    await this.d.interactions.setMarkedPrivate(entryNumber, markedPrivate);
    return this.view(caller, { ...entry, markedPrivate }, 'mark_private');
  }

  async view(caller: Caller, entry: Interaction, via: string): Promise<EntryView> {
    const visible = await this.d.visibility.entry(caller, entry, via);
    return { entry: visible, salespeople: await this.salespeopleOf([visible]) };
  }

  private async existing(entryNumber: number): Promise<Interaction> {
    const entry = await this.d.interactions.byEntryNumber(entryNumber);
    if (!entry) throw refuse.notFound('The interaction log entry');
    return entry;
  }

  salespeopleOf(entries: Interaction[]): Promise<Map<string, Salesperson>> {
    return this.d.salespeople.byCodes(
      entries.map((e) => e.salespersonCode).filter((c): c is string => c !== null),
    );
  }
}
