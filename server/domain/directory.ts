// The directory a logging run matches addresses against: salespeople and contacts keyed by normalised
// address. Built once per run from plain records (the repositories load them), so classifying a message costs
// a few Map lookups instead of a database query per address.
//
// Matching follows Business Central (codeunit "Email Logging Invoke", IsSalesperson / IsContact):
// - case-insensitive on the salesperson's email, the contact's primary email and the contact's alternate
//   addresses;
// - a contact's primary email is looked up first; alternate addresses are consulted only when no contact has
//   the address as its primary email (BC searches the Contact table, then "Contact Alt. Address");
// - when several records share an address, the lowest code / number wins (BC's FindFirst on the "Search
//   E-Mail" key, whose tie-breaker is the primary key).
// Beyond BC: inactive salespeople never match (they have left; their old address may now be someone else's).
import { createHash } from 'node:crypto';
import { normalizeAddress } from '../../shared/email.js';

export interface SalespersonRecord {
  code: string;
  name: string;
  email: string | null;
  active: boolean;
}

export interface ContactRecord {
  number: string;
  kind: 'person' | 'company';
  name: string;
  companyNumber: string | null;
  email: string | null;
  alternateEmails: readonly string[];
  privacyBlocked: boolean;
  salespersonCode: string | null;
}

export interface DirectoryInput {
  salespeople: Iterable<SalespersonRecord>;
  contacts: Iterable<ContactRecord>;
}

/** Who an address belongs to. Both may be set: the classifier decides what that means (salesperson wins). */
export interface DirectoryMatch {
  salesperson: SalespersonRecord | null;
  contact: ContactRecord | null;
}

export type DirectoryOwner =
  { type: 'salesperson'; code: string } | { type: 'contact'; number: string; via: 'email' | 'alternate' };

/** Data problems worth showing on a "check addresses" screen; they never stop a run. */
export type DirectoryIssue =
  | { kind: 'invalid_email'; owner: DirectoryOwner; email: string }
  /** Several records share an address; `owners[0]` is the one that matches, in the order described above. */
  | { kind: 'shared_email'; email: string; owners: DirectoryOwner[] };

export interface Directory {
  /** Looks up any address form (it is normalised first); unknown and invalid addresses match nothing. */
  lookup(address: string | null | undefined): DirectoryMatch;
  salesperson(code: string): SalespersonRecord | undefined;
  contact(number: string): ContactRecord | undefined;
  readonly issues: readonly DirectoryIssue[];
  readonly counts: { salespeople: number; contacts: number; addresses: number };
}

/**
 * Orders codes and contact numbers as the lowest-wins rule needs: plain ordinal (UTF-16 code unit)
 * comparison. Business Central stores Code fields upper-case and sorts them with the SQL collation; for the
 * upper-case alphanumeric codes number series produce ("C00010" < "C00020", "SP-A" < "SP-B") ordinal order is
 * the same, and unlike localeCompare it does not depend on the server's locale. Like BC, "C10" sorts before
 * "C9": codes compare as strings, not numbers.
 */
export function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const NO_MATCH: DirectoryMatch = Object.freeze({ salesperson: null, contact: null });

export function buildDirectory(input: DirectoryInput): Directory {
  const salespersonByCode = new Map<string, SalespersonRecord>();
  const contactByNumber = new Map<string, ContactRecord>();
  const salespersonByAddress = new Map<string, SalespersonRecord>();
  const contactByPrimary = new Map<string, ContactRecord>();
  const contactByAlternate = new Map<string, ContactRecord>();
  const issues: DirectoryIssue[] = [];
  // Owner lists only for addresses seen more than once: the common case allocates nothing extra.
  const sharedOwners = new Map<string, DirectoryOwner[]>();
  let distinctAddresses = 0;

  // Records an address's owner for the shared-address report; call before inserting it into its map.
  const noteOwner = (
    address: string,
    type: DirectoryOwner['type'],
    id: string,
    via: 'email' | 'alternate',
  ): void => {
    const sp = salespersonByAddress.get(address);
    const primary = contactByPrimary.get(address);
    const alternate = contactByAlternate.get(address);
    if (sp === undefined && primary === undefined && alternate === undefined) {
      distinctAddresses++;
      return;
    }
    let list = sharedOwners.get(address);
    if (list === undefined) {
      // First collision: exactly one record held the address until now.
      const first = sp
        ? ownerOf('salesperson', sp.code, 'email')
        : primary
          ? ownerOf('contact', primary.number, 'email')
          : ownerOf('contact', (alternate as ContactRecord).number, 'alternate');
      list = [first];
      sharedOwners.set(address, list);
    }
    list.push(ownerOf(type, id, via));
  };

  const normalizedOrIssue = (
    raw: string | null,
    type: DirectoryOwner['type'],
    id: string,
    via: 'email' | 'alternate',
  ): string | null => {
    if (raw === null || raw.trim() === '') return null;
    const address = normalizeAddress(raw);
    if (address === null) issues.push({ kind: 'invalid_email', owner: ownerOf(type, id, via), email: raw });
    return address;
  };

  for (const sp of input.salespeople) {
    if (!salespersonByCode.has(sp.code)) salespersonByCode.set(sp.code, sp);
    const address = normalizedOrIssue(sp.email, 'salesperson', sp.code, 'email');
    if (address === null || !sp.active) continue;
    noteOwner(address, 'salesperson', sp.code, 'email');
    keepLowest(salespersonByAddress, address, sp, codeOf);
  }

  for (const contact of input.contacts) {
    const number = contact.number;
    if (!contactByNumber.has(number)) contactByNumber.set(number, contact);
    const primary = normalizedOrIssue(contact.email, 'contact', number, 'email');
    if (primary !== null) {
      noteOwner(primary, 'contact', number, 'email');
      keepLowest(contactByPrimary, primary, contact, numberOf);
    }
    if (contact.alternateEmails.length === 0) continue;
    const alternates: string[] = [];
    for (const raw of contact.alternateEmails) {
      const alternate = normalizedOrIssue(raw, 'contact', number, 'alternate');
      // A contact listing its own address twice is not a conflict with itself.
      if (alternate === null || alternate === primary || alternates.includes(alternate)) continue;
      alternates.push(alternate);
      noteOwner(alternate, 'contact', number, 'alternate');
      keepLowest(contactByAlternate, alternate, contact, numberOf);
    }
  }

  for (const [email, owners] of sharedOwners) {
    owners.sort(compareOwners);
    issues.push({ kind: 'shared_email', email, owners });
  }

  return {
    lookup(raw) {
      const address = normalizeAddress(raw);
      if (address === null) return NO_MATCH;
      const salesperson = salespersonByAddress.get(address) ?? null;
      const contact = contactByPrimary.get(address) ?? contactByAlternate.get(address) ?? null;
      return salesperson === null && contact === null ? NO_MATCH : { salesperson, contact };
    },
    salesperson: (code) => salespersonByCode.get(code),
    contact: (number) => contactByNumber.get(number),
    issues,
    counts: {
      salespeople: salespersonByCode.size,
      contacts: contactByNumber.size,
      addresses: distinctAddresses,
    },
  };
}

function ownerOf(type: DirectoryOwner['type'], id: string, via: 'email' | 'alternate'): DirectoryOwner {
  return type === 'salesperson' ? { type, code: id } : { type, number: id, via };
}

const codeOf = (r: SalespersonRecord): string => r.code;
const numberOf = (r: ContactRecord): string => r.number;

function keepLowest<T>(map: Map<string, T>, address: string, record: T, key: (r: T) => string): void {
  const current = map.get(address);
  if (current === undefined || compareCodes(key(record), key(current)) < 0) map.set(address, record);
}

// The matching order: salespeople (they win over contacts in the classifier), then primary emails, then
// alternates.
function compareOwners(a: DirectoryOwner, b: DirectoryOwner): number {
  const rank = (o: DirectoryOwner) => (o.type === 'salesperson' ? 0 : o.via === 'email' ? 1 : 2);
  const byRank = rank(a) - rank(b);
  if (byRank !== 0) return byRank;
  return compareCodes(
    a.type === 'salesperson' ? a.code : a.number,
    b.type === 'salesperson' ? b.code : b.number,
  );
}

/**
 * A digest of everything matching depends on (addresses, codes, active and privacy flags, X.500 addresses), in a
 * stable order: when it changes, mail kept for want of a match is looked at again. Pure.
 */
export function directoryFingerprint(input: {
  salespeople: Iterable<SalespersonRecord & { x500Addresses?: readonly string[] }>;
  contacts: Iterable<ContactRecord>;
}): string {
  const lines: string[] = [];
  for (const s of input.salespeople) {
    lines.push(`s|${s.code}|${s.email ?? ''}|${s.active}|${[...(s.x500Addresses ?? [])].sort().join(',')}`);
  }
  for (const c of input.contacts) {
    lines.push(
      `c|${c.number}|${c.email ?? ''}|${[...c.alternateEmails].sort().join(',')}|${c.privacyBlocked}|${c.kind}|` +
        `${c.companyNumber ?? ''}|${c.salespersonCode ?? ''}`,
    );
  }
  lines.sort();
  return createHash('sha256').update(lines.join('\n')).digest('base64url');
}
