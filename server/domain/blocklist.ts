// The blocklist: addresses and domains whose mail is never logged (newsletters, a salesperson's private
// contacts, a partner whose mail must not end up in the CRM). Entries are exact addresses ("jane@x.com") or
// domains ("@x.com", also written "*@x.com"); both compare case-insensitively. A domain entry also covers its
// subdomains ("@x.com" blocks "news.x.com"), because organisations send from several subdomains and an admin
// blocking a domain means the organisation.
import { isValidDomain, normalizeAddress } from '../../shared/email.js';

export type BlocklistEntry = { kind: 'address'; value: string } | { kind: 'domain'; value: string };

export type BlocklistEntryResult =
  { ok: true; entry: BlocklistEntry; canonical: string } | { ok: false; error: string };

/** Validates one entry as typed by an admin and gives its canonical form ("jane@x.com" or "@x.com"). */
export function parseBlocklistEntry(raw: string): BlocklistEntryResult {
  const s = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
  if (s === '') return { ok: false, error: 'The entry is empty.' };
  const domainPart = s.startsWith('*@') ? s.slice(2) : s.startsWith('@') ? s.slice(1) : null;
  if (domainPart !== null) {
    if (!isValidDomain(domainPart)) return { ok: false, error: `"${raw}" is not a valid domain.` };
    return { ok: true, entry: { kind: 'domain', value: domainPart }, canonical: `@${domainPart}` };
  }
  if (!s.includes('@')) {
    return {
      ok: false,
      error: `"${raw}" is neither an address nor a domain; write "@${s}" to block a domain.`,
    };
  }
  const address = normalizeAddress(s);
  if (address === null) return { ok: false, error: `"${raw}" is not a valid email address.` };
  return { ok: true, entry: { kind: 'address', value: address }, canonical: address };
}

export interface Blocklist {
  /** True when a normalised address is blocked by its address or by its domain or a parent domain. */
  isBlocked(address: string): boolean;
  readonly size: number;
}

/** Compiles entries once (invalid ones are skipped: the policy schema rejects them before they get here). */
export function compileBlocklist(entries: Iterable<string>): Blocklist {
  const addresses = new Set<string>();
  const domains = new Set<string>();
  for (const raw of entries) {
    const parsed = parseBlocklistEntry(raw);
    if (!parsed.ok) continue;
    (parsed.entry.kind === 'address' ? addresses : domains).add(parsed.entry.value);
  }
  return {
    size: addresses.size + domains.size,
    isBlocked(address) {
      if (addresses.has(address)) return true;
      if (domains.size === 0) return false;
      let domain = address.slice(address.lastIndexOf('@') + 1);
      for (;;) {
        if (domains.has(domain)) return true;
        const dot = domain.indexOf('.');
        if (dot < 0) return false;
        domain = domain.slice(dot + 1);
      }
    },
  };
}

const EMPTY: Blocklist = compileBlocklist([]);
const compiled = new WeakMap<readonly string[], Blocklist>();

/** A compiled blocklist for a policy's entries, cached per array (treated as immutable). */
export function blocklistOf(entries: readonly string[] | Blocklist | undefined): Blocklist {
  if (entries === undefined) return EMPTY;
  if (!Array.isArray(entries)) return entries as Blocklist;
  const list = entries as readonly string[];
  let result = compiled.get(list);
  if (result === undefined) {
    result = compileBlocklist(list);
    compiled.set(list, result);
  }
  return result;
}
