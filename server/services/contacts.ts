// Contacts: "Add as contact" from the task pane (number from the contact series, the company contact found by
// name or created), edits with alternate addresses, search and paging. Addresses are stored normalised.
import { z } from 'zod';
import type { Caller } from '../http/auth/identity.js';
import type { ContactChanges, ContactRepository } from '../repositories/contacts.js';
import type { Contact, MasterDataRepository } from '../repositories/masterData.js';
import { formatNumber, SERIES, type NumberSeries } from '../repositories/numberSeries.js';
import type { SalespersonRepository } from '../repositories/salespeople.js';
import type {
  ContactListQuery,
  CreateContactRequest,
  UpdateContactRequest,
} from '../../shared/api/contacts.js';
import { normalizeAddress } from '../../shared/email.js';
import { decodeCursor, pageOf } from './cursor.js';
import { refuse } from './errors.js';
import type { VisibilityService } from './visibility.js';

export const CONTACT_PAGE_DEFAULT = 50;
const CONTACT_NUMBER = /^[A-Z]{1,10}\d{1,10}$/i;

const Position = z.discriminatedUnion('k', [
  z.strictObject({ k: z.literal('number'), n: z.string().max(20) }),
  z.strictObject({ k: z.literal('name'), name: z.string().max(100), n: z.string().max(20) }),
]);

export interface ContactDeps {
  contacts: ContactRepository;
  masterData: MasterDataRepository;
  salespeople: SalespersonRepository;
  numbers: NumberSeries;
  visibility: VisibilityService;
}

/** Normalised, de-duplicated alternates, without the primary address. */
export function alternatesOf(list: string[], primary: string | null): string[] {
  const out = new Set<string>();
  for (const raw of list) {
    const a = normalizeAddress(raw);
    if (a && a !== primary) out.add(a);
  }
  return [...out];
}

export class ContactService {
  constructor(private readonly d: ContactDeps) {}

  async get(number: string): Promise<Contact> {
    const c = await this.d.contacts.byNumber(number);
    if (!c) throw refuse.notFound('The contact');
    return c;
  }

  async create(req: CreateContactRequest, caller: Caller): Promise<Contact> {
    const email = normalizeAddress(req.email);
    if (!email) throw refuse.invalid('body.email', 'not an email address');
    if ((await this.d.masterData.contactsByEmails([email])).length > 0) throw refuse.contactExists();
    const salespersonCode = req.salespersonCode ?? caller.salespersonCode;
    if (req.salespersonCode) await this.requireSalesperson(req.salespersonCode);
    const company =
      req.kind === 'person' && req.companyName
        ? await this.companyNamed(req.companyName, salespersonCode)
        : null;
    return this.insertWithNextNumber((number) => ({
      number,
      kind: req.kind,
      name: req.name,
      companyNumber: req.kind === 'company' ? number : (company?.number ?? null),
      companyName: req.kind === 'company' ? req.name : (company?.name ?? null),
      email,
      alternateEmails: alternatesOf(req.alternateEmails ?? [], email),
      phone: req.phone ?? null,
      salespersonCode,
      privacyBlocked: false,
    }));
  }

  async update(number: string, req: UpdateContactRequest, caller: Caller): Promise<Contact> {
    const contact = await this.get(number);
    const changesOwner = req.salespersonCode !== undefined && req.salespersonCode !== contact.salespersonCode;
    await this.d.visibility.assertMayChangeContact(caller, contact, changesOwner);
    if (
      req.privacyBlocked !== undefined &&
      req.privacyBlocked !== contact.privacyBlocked &&
      !caller.roles.includes('admin')
    ) {
      throw refuse.forbidden('Only an admin may change the privacy block');
    }
    const changes: ContactChanges = {};
    if (req.name !== undefined) changes.name = req.name;
    if (req.phone !== undefined) changes.phone = req.phone;
    if (req.privacyBlocked !== undefined) changes.privacyBlocked = req.privacyBlocked;
    if (req.salespersonCode !== undefined) {
      if (req.salespersonCode !== null) await this.requireSalesperson(req.salespersonCode);
      changes.salespersonCode = req.salespersonCode;
    }
    if (req.email !== undefined) {
      const email = req.email === null ? null : normalizeAddress(req.email);
      if (req.email !== null && !email) throw refuse.invalid('body.email', 'not an email address');
      if (email && (await this.d.masterData.contactsByEmails([email])).some((c) => c.number !== number)) {
        throw refuse.contactExists();
      }
      changes.email = email;
    }
    const primary = changes.email !== undefined ? changes.email : contact.email;
    if (req.alternateEmails !== undefined || changes.email !== undefined) {
      changes.alternateEmails = alternatesOf(req.alternateEmails ?? contact.alternateEmails, primary);
    }
    if (contact.kind === 'company' && changes.name !== undefined) changes.companyName = changes.name;
    if (contact.kind === 'person' && req.companyName !== undefined) {
      const company =
        req.companyName === null ? null : await this.companyNamed(req.companyName, contact.salespersonCode);
      changes.companyNumber = company?.number ?? null;
      changes.companyName = company?.name ?? null;
    }
    const updated = (await this.d.contacts.update(number, changes))!;
    if (contact.kind === 'company' && changes.name !== undefined)
      await this.d.contacts.renameCompany(number, changes.name);
    return updated;
  }

  async list(q: ContactListQuery): Promise<{ items: Contact[]; next: string | null }> {
    const limit = q.limit ? Number(q.limit) : CONTACT_PAGE_DEFAULT;
    const after = decodeCursor(Position, q.cursor);
    const search = q.search;
    if (search === undefined) {
      if (after && after.k !== 'number') throw refuse.invalid('query.cursor', 'not a cursor of this list');
      const rows = await this.d.contacts.page(limit + 1, after?.n);
      return pageOf(rows, limit, (c) => ({ k: 'number', n: c.number }));
    }
    if (search.includes('@')) {
      const email = normalizeAddress(search);
      return { items: email ? await this.d.masterData.contactsByEmails([email]) : [], next: null };
    }
    if (CONTACT_NUMBER.test(search) && !after) {
      const exact = await this.d.contacts.byNumber(search.toUpperCase());
      if (exact) return { items: [exact], next: null };
    }
    if (after && after.k !== 'name') throw refuse.invalid('query.cursor', 'not a cursor of this list');
    const rows = await this.d.contacts.byNamePrefix(
      search,
      limit + 1,
      after && { name: after.name, number: after.n },
    );
    return pageOf(rows, limit, (c) => ({ k: 'name', name: c.name, n: c.number }));
  }

  /** The company contact with this name (lowest number), created when there is none. */
  async companyNamed(name: string, salespersonCode: string | null): Promise<Contact> {
    const [existing] = await this.d.contacts.companiesNamed(name);
    if (existing) return existing;
    return this.insertWithNextNumber((number) => ({
      number,
      kind: 'company',
      name,
      companyNumber: number,
      companyName: name,
      email: null,
      alternateEmails: [],
      phone: null,
      salespersonCode,
      privacyBlocked: false,
    }));
  }

  /** Numbers imported by hand may already be taken: skip those, as a number series would. */
  async insertWithNextNumber(build: (number: string) => Contact): Promise<Contact> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const contact = build(formatNumber('CT', await this.d.numbers.next(SERIES.contact)));
      if (await this.d.contacts.create(contact)) return contact;
    }
    throw new Error('no free contact number after 20 attempts');
  }

  private async requireSalesperson(code: string): Promise<void> {
    if (!(await this.d.salespeople.byCode(code)))
      throw refuse.invalid('body.salespersonCode', 'no salesperson has this code');
  }
}
