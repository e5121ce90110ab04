// Salespeople and contacts as plain records; the directory snapshot the logging loop matches against.
import type { Models } from './models/index.js';
import type { ContactDoc, SalespersonDoc } from './models/masterData.js';
import { salespersonCacheOf } from './salespeople.js';
import { contactLookupCacheOf } from './contactLookupCache.js';

export type Salesperson = Pick<SalespersonDoc, 'code' | 'name' | 'email' | 'active'> & {
  x500Addresses?: string[];
} & Partial<Pick<SalespersonDoc, 'entraTenantId' | 'entraObjectId' | 'pendingSignIn'>>;
export type Contact = Omit<ContactDoc, 'createdAt' | 'updatedAt'>;
export type DirectoryContact = Omit<Contact, 'companyName' | 'phone'>;

const SP_FIELDS = { _id: 0, code: 1, name: 1, email: 1, active: 1, x500Addresses: 1 } as const;
const CONTACT_FIELDS = { _id: 0, __v: 0, createdAt: 0, updatedAt: 0 } as const;

export class MasterDataRepository {
  constructor(private readonly models: Models) {}

  /** Everything the matcher needs, read once per run (a few MB even for 100,000 contacts). */
  async directorySnapshot(): Promise<{ salespeople: Salesperson[]; contacts: DirectoryContact[] }> {
    const [salespeople, contacts] = await Promise.all([
      this.models.Salesperson.find({}, SP_FIELDS).lean(),
      this.models.Contact.find(
        {},
        {
          _id: 0,
          number: 1,
          kind: 1,
          name: 1,
          companyNumber: 1,
          email: 1,
          alternateEmails: 1,
          privacyBlocked: 1,
          salespersonCode: 1,
        },
      ).lean<DirectoryContact[]>(),
    ]);
    return { salespeople, contacts };
  }

  async salesperson(code: string): Promise<Salesperson | null> {
    return this.models.Salesperson.findOne({ code }, SP_FIELDS).lean();
  }

  async salespersonByEmail(email: string): Promise<Salesperson | null> {
    return this.models.Salesperson.findOne({ email }, SP_FIELDS).sort({ code: 1 }).lean();
  }

  async contact(number: string): Promise<Contact | null> {
    return this.models.Contact.findOne({ number }, CONTACT_FIELDS).lean();
  }

  /** Contacts whose primary or alternate address is one of `emails` (already normalised). */
  /**
   * One equality query per address and field, in parallel, rather than `$in`: FerretDB 1.x sends only top-level
   * equalities to its storage and answers `$in` by reading the whole collection (10 s among 100,000 contacts on
   * PostgreSQL, measured). On MongoDB both forms are index lookups; callers pass a message's few addresses.
   */
  async contactsByEmails(emails: string[]): Promise<Contact[]> {
    const unique = [...new Set(emails)];
    const found = await Promise.all(
      unique.flatMap((email) => [
        this.models.Contact.find({ email }, CONTACT_FIELDS).lean(),
        this.models.Contact.find({ alternateEmails: email }, CONTACT_FIELDS).lean(),
      ]),
    );
    const byNumber = new Map<string, Contact>();
    for (const c of found.flat()) byNumber.set(c.number, c as Contact);
    return [...byNumber.values()].sort((a, b) => a.number.localeCompare(b.number));
  }

  /**
   * The contacts that decide which contact each of `emails` is, by the matching rules (domain/directory.ts): those
   * with it as primary address, else those with it as an alternate. One query per address the contacts have as
   * a primary one (most of what a pane asks about), two for the others, where contactsByEmails asks two for all.
   */
  async contactsDecidingEmails(emails: string[]): Promise<Contact[]> {
    const unique = [...new Set(emails)];
    const primary = await Promise.all(
      unique.map((email) => this.models.Contact.find({ email }, CONTACT_FIELDS).lean<Contact[]>()),
    );
    const rest = unique.filter((_, i) => primary[i]!.length === 0);
    const alternate = await Promise.all(
      rest.map((email) =>
        this.models.Contact.find({ alternateEmails: email }, CONTACT_FIELDS).lean<Contact[]>(),
      ),
    );
    const byNumber = new Map<string, Contact>();
    for (const c of [...primary.flat(), ...alternate.flat()]) byNumber.set(c.number, c);
    return [...byNumber.values()].sort((a, b) => a.number.localeCompare(b.number));
  }

  /** As contactsDecidingEmails, through the process's cache of the pane's addresses (contactLookupCache.ts). */
  async contactsByEmailsCached(emails: string[], asOf?: number): Promise<Contact[]> {
    return contactLookupCacheOf(this.models).contactsByEmails(
      emails,
      (missing) => this.contactsDecidingEmails(missing),
      asOf,
    );
  }

  /** The contacts deciding `emails` in the process's directory as held now, without checking its version (no
   *  query, possibly behind): for starting reads early only; empty while it holds none. */
  contactsByEmailsGuess(emails: string[]): Contact[] {
    return contactLookupCacheOf(this.models).directory.guess(emails) ?? [];
  }

  /** Those of the contacts `numbers` the process's directory holds (no query); the caller reads the others. */
  async contactsByNumbersCached(numbers: string[], asOf?: number): Promise<Map<string, Contact>> {
    return contactLookupCacheOf(this.models).contactsByNumbers(numbers, asOf);
  }

  /** Loads the task pane's directory of every contact now (else the first lookup starts it): how many it holds,
   *  null when it holds none (too many contacts, or the read failed: the next lookup tries again). */
  async loadContactDirectory(): Promise<number | null> {
    const directory = contactLookupCacheOf(this.models).directory;
    await directory.load();
    return directory.size;
  }

  async upsertSalesperson(sp: Salesperson): Promise<void> {
    await this.models.Salesperson.updateOne({ code: sp.code }, { $set: sp }, { upsert: true });
    salespersonCacheOf(this.models).invalidate();
  }

  async insertContact(c: Contact): Promise<void> {
    await this.models.Contact.create(c);
    await contactLookupCacheOf(this.models).changed([c.number]);
  }
}
