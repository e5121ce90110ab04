// Data-subject rights: export everything stored about a contact, and erase it.
//
// Erasure deletes rather than anonymises: an entry is a record of mail with the person (subject, date, links),
// and an "anonymised" entry would still point at the mail and be re-identifiable from it; opportunities of the
// contact describe a deal with them. So the contact's entries and opportunities are deleted; what belongs to
// others is detached instead (entries of other contacts linked to those opportunities lose the link; when the
// contact is a company, its people, their entries and opportunities lose the company). The ledger of quarantined,
// failing and kept mail, the loop's unwritten intents, blocklists and the X.500 cache are swept for it too. The
// mail itself is left in Exchange, and the report says where (mailbox, folder, how many messages). The audit log
// keeps its lines (it is append-only) but names contacts only by an opaque id whose link to the number is
// forgotten here; the erasure is recorded under that id, without addresses, names or number.
import { normalizeAddress } from '../../shared/email.js';
import type { ErasedMailLocation, ErasureReport } from '../../shared/api/privacy.js';
import type { ContactDataRepository, StoredEntry } from '../repositories/contactData.js';
import type { LoggingSetupRepository } from '../repositories/loggingSetups.js';
import type { AuditService } from './audit.js';
import { toCsv } from './csv.js';
import { refuse } from './errors.js';

export interface DataSubjectDeps {
  data: ContactDataRepository;
  setups: LoggingSetupRepository;
  audit: AuditService;
  now: () => Date;
}

export interface ContactExport {
  exportedAt: string;
  contact: Record<string, unknown> | null;
  entries: Record<string, unknown>[];
  opportunities: Record<string, unknown>[];
  audit: Record<string, unknown>[];
}

const CSV_COLUMNS = ['record', 'key', 'field', 'value'] as const;

/** Plain JSON values: dates as ISO text, mongoose's _id/__v left out. */
function plain(doc: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) {
    if (k === '__v' || (k === '_id' && typeof v !== 'string')) continue;
    out[k === '_id' ? 'id' : k] = v instanceof Date ? v.toISOString() : v;
  }
  return out;
}

/** One row per stored field ("long" CSV): every record kind in one file, nothing flattened away. */
function flatten(prefix: string, value: unknown, out: [string, string][]): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(prefix ? `${prefix}.${k}` : k, v, out);
  } else
    out.push([prefix, Array.isArray(value) ? JSON.stringify(value) : value === null ? '' : String(value)]);
}

export class DataSubjectService {
  constructor(private readonly d: DataSubjectDeps) {}

  async collect(number: string): Promise<ContactExport> {
    const [contact, entries, opportunities, audit] = await Promise.all([
      this.d.data.contact(number),
      this.d.data.entries(number),
      this.d.data.opportunities(number),
      this.d.audit.aboutContact(number),
    ]);
    if (!contact && entries.length === 0 && opportunities.length === 0) throw refuse.notFound('The contact');
    return {
      exportedAt: this.d.now().toISOString(),
      contact: contact ? plain(contact) : null,
      entries: entries.map(plain),
      opportunities: opportunities.map(plain),
      audit: audit.map((a) => ({ ...a })),
    };
  }

  async export(number: string, format: 'json' | 'csv'): Promise<{ content: string; contentType: string }> {
    const data = await this.collect(number);
    if (format === 'json') {
      return { content: JSON.stringify(data, null, 2), contentType: 'application/json; charset=utf-8' };
    }
    const rows: Record<string, string>[] = [];
    const add = (record: string, key: string, doc: object) => {
      const fields: [string, string][] = [];
      flatten('', doc, fields);
      for (const [field, value] of fields) rows.push({ record, key, field, value });
    };
    if (data.contact) add('contact', number, data.contact);
    for (const e of data.entries) add('entry', String(e.entryNumber), e);
    for (const o of data.opportunities) add('opportunity', String(o.number), o);
    for (const a of data.audit) add('audit', String(a.id), a);
    return { content: toCsv(CSV_COLUMNS, rows), contentType: 'text/csv; charset=utf-8' };
  }

  /** Erases the contact (see the top of this file). Running it again sweeps what a running page wrote since. */
  async erase(number: string): Promise<ErasureReport> {
    const { data } = this.d;
    const [contact, entries, opportunities] = await Promise.all([
      data.contact(number),
      data.entries(number),
      data.opportunities(number),
    ]);
    if (!contact && entries.length === 0 && opportunities.length === 0) throw refuse.notFound('The contact');
    const erasureId = await this.d.audit.subjectOf(number);
    const setups = await this.d.setups.list();
    const mail = this.mailLocations(entries, new Map(setups.map((s) => [s.mailbox, s.policy.archiveFolder])));

    // Others' entries linked to the contact's opportunities keep their history, without the link.
    const oppNumbers = opportunities.map((o) => o.number);
    const own = new Set(entries.map((e) => e.entryNumber));
    const linked = await data.entriesLinkedTo(oppNumbers, {
      number,
      companyNumber: contact?.companyNumber ?? null,
    });
    const foreign = [...new Set(linked.filter((n) => !own.has(n)))];
    await data.detachEntries(foreign);
    const company =
      contact?.kind === 'company' ? await data.detachCompany(number) : { people: 0, entries: 0 };

    const deletedEntries = await data.deleteEntries(entries);
    const deletedOpportunities = await data.deleteOpportunities(oppNumbers);

    // What else names the contact: its addresses, its name, its number (ledger, intents, blocklists).
    const addresses = [contact?.email, ...(contact?.alternateEmails ?? [])]
      .map((a) => (a ? normalizeAddress(a) : null))
      .filter((a): a is string => a !== null);
    const needles = [...addresses, number, ...(contact?.name ? [contact.name] : [])].map((s) =>
      s.toLowerCase(),
    );
    const names = (text: string | null | undefined) => {
      const t = (text ?? '').toLowerCase();
      return needles.some((n) => t.includes(n));
    };
    const messageIds = new Set(entries.map((e) => e.message.immutableId).filter((id) => id !== null));
    let messageStates = 0;
    let pendingEntries = 0;
    let blocklists = 0;
    for (const setup of setups) {
      const states = await data.messageStates(setup.mailbox);
      const stale = states.filter(
        (s) =>
          names(s.subject) ||
          names(s.reason) ||
          names(s.internetMessageId) ||
          messageIds.has(s._id.slice(setup.mailbox.length + 1)),
      );
      messageStates += await data.deleteMessageStates(stale.map((s) => s._id));
      pendingEntries += await this.sweepIntents(setup.mailbox, number);
      const blocklist = setup.policy.blocklist;
      const kept = blocklist.filter((b) => !addresses.includes(b.toLowerCase()));
      if (kept.length !== blocklist.length) {
        await data.setBlocklist(setup.mailbox, kept);
        blocklists++;
      }
    }
    await data.clearLegacyDnCache();
    if (contact) await data.deleteContact(number);
    await this.d.audit.forgetContact(number);
    return {
      erasureId,
      entries: deletedEntries,
      opportunities: deletedOpportunities,
      detachedEntries: foreign.length + company.entries,
      detachedPeople: company.people,
      messageStates,
      pendingEntries,
      blocklists,
      mail,
    };
  }

  /** Drops the contact's entries from the loop's intents (the message itself is still logged for others). */
  private async sweepIntents(mailbox: string, number: string): Promise<number> {
    let dropped = 0;
    for (const intent of await this.d.data.intents(mailbox)) {
      let changed = false;
      const messages = intent.messages
        .map((m) => {
          const entries = m.entries.filter((e) => e.contactNumber !== number);
          dropped += m.entries.length - entries.length;
          changed ||= entries.length !== m.entries.length;
          return { ...m, entries };
        })
        .filter((m) => m.entries.length > 0);
      if (changed) await this.d.data.replaceIntent(intent._id, messages);
    }
    return dropped;
  }

  private mailLocations(entries: StoredEntry[], folders: Map<string, string>): ErasedMailLocation[] {
    const by = new Map<string, { mailbox: string | null; keys: Set<string>; oldest: Date; newest: Date }>();
    for (const e of entries) {
      const mailbox =
        e.archiveState === 'archived' || e.archiveState === 'pending' ? e.message.mailbox : null;
      const key = mailbox ?? '';
      const at = e.occurredAt;
      const slot = by.get(key) ?? { mailbox, keys: new Set<string>(), oldest: at, newest: at };
      slot.keys.add(e.messageKey);
      if (at < slot.oldest) slot.oldest = at;
      if (at > slot.newest) slot.newest = at;
      by.set(key, slot);
    }
    return [...by.values()].map((s) => ({
      mailbox: s.mailbox,
      folder: s.mailbox ? (folders.get(s.mailbox) ?? null) : null,
      messages: s.keys.size,
      oldest: s.oldest.toISOString(),
      newest: s.newest.toISOString(),
    }));
  }
}
