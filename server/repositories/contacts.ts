// Contacts for the API: pages, search, look-ups and edits. (The logging loop reads them through
// MasterDataRepository.directorySnapshot; addresses are stored normalised so both compare by equality.)
import type { Models } from './models/index.js';
import { contactLookupCacheOf } from './contactLookupCache.js';
import type { Contact } from './masterData.js';
import { isDuplicateKeyError } from './db.js';
import { escapeRegex, startsWith } from './salespeople.js';

const FIELDS = { _id: 0, __v: 0, createdAt: 0, updatedAt: 0 } as const;

export type ContactChanges = Partial<Omit<Contact, 'number'>>;

/** Up to this many numbers, byNumbers reads each by equality (see there). */
const POINT_READS_UP_TO = 50;

export class ContactRepository {
  constructor(private readonly models: Models) {}

  async byNumber(number: string): Promise<Contact | null> {
    return this.models.Contact.findOne({ number }, FIELDS).lean<Contact>();
  }

  /**
   * Contacts by number. A page's worth (a few dozen) is read one equality each, in parallel: FerretDB answers
   * `$in` by reading the whole collection, and a handful of indexed point reads costs MongoDB no more; a longer
   * list (exports, imports) is one `$in`.
   */
  async byNumbers(numbers: string[]): Promise<Map<string, Contact>> {
    const unique = [...new Set(numbers)];
    if (unique.length === 0) return new Map();
    const rows =
      unique.length <= POINT_READS_UP_TO
        ? (await Promise.all(unique.map((number) => this.byNumber(number)))).filter((c) => c !== null)
        : await this.models.Contact.find({ number: { $in: unique } }, FIELDS).lean<Contact[]>();
    return new Map(rows.map((c) => [c.number, c]));
  }

  /** Every contact by number, after `afterNumber`. */
  async page(limit: number, afterNumber?: string): Promise<Contact[]> {
    const filter = afterNumber === undefined ? {} : { number: { $gt: afterNumber } };
    return this.models.Contact.find(filter, FIELDS).sort({ number: 1 }).limit(limit).lean<Contact[]>();
  }

  /** Contacts whose name starts with `prefix` (any case), by name then number, after a position. */
  async byNamePrefix(
    prefix: string,
    limit: number,
    after?: { name: string; number: string },
  ): Promise<Contact[]> {
    const filter: Record<string, unknown> = { name: startsWith(prefix) };
    if (after) {
      filter.$or = [{ name: { $gt: after.name } }, { name: after.name, number: { $gt: after.number } }];
    }
    return this.models.Contact.find(filter, FIELDS)
      .sort({ name: 1, number: 1 })
      .limit(limit)
      .lean<Contact[]>();
  }

  /** Company contacts named exactly `name` (any case), lowest number first. */
  async companiesNamed(name: string): Promise<Contact[]> {
    const rows = await this.models.Contact.find(
      { name: { $regex: `^${escapeRegex(name)}$`, $options: 'i' } },
      FIELDS,
    )
      .limit(50)
      .lean<Contact[]>();
    return rows.filter((c) => c.kind === 'company').sort((a, b) => (a.number < b.number ? -1 : 1));
  }

  /** Inserts a contact; false when its number is taken. */
  async create(c: Contact): Promise<boolean> {
    try {
      await this.models.Contact.create(c);
      await contactLookupCacheOf(this.models).changed([c.number]);
      return true;
    } catch (err) {
      if (isDuplicateKeyError(err)) return false;
      throw err;
    }
  }

  async update(number: string, changes: ContactChanges): Promise<Contact | null> {
    const r = await this.models.Contact.updateOne({ number }, { $set: changes });
    await contactLookupCacheOf(this.models).changed([number]);
    return r.matchedCount === 1 ? this.byNumber(number) : null;
  }

  /** Keeps the company name shown on a company's people (and the company itself) in step with a rename. */
  async renameCompany(companyNumber: string, name: string): Promise<void> {
    await this.models.Contact.updateMany({ companyNumber }, { $set: { companyName: name } });
    // Read after the update: whoever joined the company meanwhile has the new name too (who left is filed by
    // its own change).
    const members = await this.models.Contact.find({ companyNumber }, { _id: 0, number: 1 }).lean();
    await contactLookupCacheOf(this.models).changed(members.map((m) => m.number));
  }
}
