// "Add as contact" in the add-in: a first guess at a new contact from what a message header gives us (display
// name and address). Only a suggestion the user edits before saving, so it favours common patterns over
// completeness.
import { normalizeAddress } from './email.js';
import { isFreeMailDomain } from './freeMailDomains.js';

export interface SenderGuess {
  /** A person's name ("Jane Doe"), or for kind 'company' the company's name; '' if nothing usable. */
  name: string;
  /** The company a person works for; null for kind 'company' (the contact is the company) or when unknown. */
  companyName: string | null;
  kind: 'person' | 'company';
}

// Mailboxes that belong to a function rather than a person: the contact to create is the company.
const ROLE_MAILBOXES = new Set(
  (
    'info,sales,support,contact,kontakt,hello,hi,office,admin,mail,post,noreply,no-reply,donotreply,' +
    'do-not-reply,service,team,billing,accounts,accounting,invoice,invoices,faktura,order,orders,ordre,' +
    'salg,help,helpdesk,marketing,newsletter,news,hr,jobs,careers,reception,enquiries,inquiries,webmaster,' +
    'postmaster,bogholderi,regnskab,kundeservice'
  ).split(','),
);

// Legal-form suffixes: a display name ending in one of these names a company, not a person.
const LEGAL_FORMS =
  'inc|incorporated|ltd|limited|llc|llp|plc|gmbh|ag|kg|a/s|aps|ab|asa|oy|oyj|bv|nv|sa|sas|sarl|srl|spa|' +
  's\\.a|s\\.l|pty|corp|corporation|company|group|holding|holdings|k/s|i/s|ivs|ltda';
const COMPANY_SUFFIX = new RegExp(`(?:^|[\\s,])(?:${LEGAL_FORMS})\\.?$`, 'i');

// Two-label public suffixes common enough to matter: for "mail.fabrikam.co.uk" the company label is
// "fabrikam".
const SECOND_LEVEL_SUFFIXES = new Set(
  (
    'co.uk,org.uk,ac.uk,gov.uk,me.uk,com.au,net.au,org.au,co.nz,co.jp,ne.jp,or.jp,co.za,com.br,com.mx,' +
    'co.in,com.cn,com.tr,co.kr,com.sg,com.hk,com.ar,co.il,com.pl,com.tw'
  ).split(','),
);

export function guessContactFromSender(
  displayName: string | null | undefined,
  address: string | null | undefined,
): SenderGuess {
  const normalized = normalizeAddress(address);
  const at = normalized?.indexOf('@') ?? -1;
  const local = normalized && at > 0 ? normalized.slice(0, at) : null;
  const domain = normalized && at > 0 ? normalized.slice(at + 1) : null;
  const domainCompany = domain && !isFreeMailDomain(domain) ? companyFromDomain(domain) : null;
  const roleMailbox = local !== null && ROLE_MAILBOXES.has(local.split('+')[0] ?? local);

  const parsed = parseDisplayName(displayName);
  const company = parsed.company ?? domainCompany;

  if (parsed.name) {
    const namesCompany =
      COMPANY_SUFFIX.test(parsed.name) || (domainCompany !== null && sameWords(parsed.name, domainCompany));
    if (namesCompany) return { name: parsed.name, companyName: null, kind: 'company' };
    // "Fabrikam Support" <support@fabrikam.com>: the company, by the best name we have for it.
    if (roleMailbox) return { name: company ?? parsed.name, companyName: null, kind: 'company' };
    return { name: parsed.name, companyName: company, kind: 'person' };
  }
  if (local === null) return { name: '', companyName: company, kind: 'person' };
  if (roleMailbox && company) return { name: company, companyName: null, kind: 'company' };
  return { name: nameFromLocalPart(local), companyName: company, kind: 'person' };
}

/** "Fabrikam" from "fabrikam.com", "mail.fabrikam.co.uk"; "Contoso Pharma" from "contoso-pharma.com". */
export function companyFromDomain(domain: string): string | null {
  const labels = domain.toLowerCase().split('.');
  const n = labels.length;
  if (n < 2) return null;
  const label = SECOND_LEVEL_SUFFIXES.has(`${labels[n - 2]}.${labels[n - 1]}`)
    ? labels[n - 3]
    : labels[n - 2];
  if (!label) return null;
  if (label.startsWith('xn--')) return label; // punycode: no safe way to prettify without a decoder
  return titleCase(label.split('-').filter(Boolean).join(' '));
}

interface ParsedDisplayName {
  name: string;
  company: string | null;
}

function parseDisplayName(raw: string | null | undefined): ParsedDisplayName {
  let s = (raw ?? '').replace(/\s+/g, ' ').trim();
  // Outlook and other clients wrap display names in quotes ("'Jane Doe'", "\"Doe, Jane\"").
  while (s.length >= 2 && /^["'].*["']$/.test(s)) s = s.slice(1, -1).trim();
  // A display name that is just an address (many clients do this) tells us nothing beyond the address.
  if (s.includes('@')) return { name: '', company: null };

  let company: string | null = null;
  // "Jane Doe (Fabrikam)" / "Jane Doe [Fabrikam]"
  const bracketed = /^(.*?)\s*[([]\s*([^()[\]]+?)\s*[)\]]$/.exec(s);
  if (bracketed?.[1] && bracketed[2]) {
    s = bracketed[1];
    company = bracketed[2];
  } else {
    // "Jane Doe | Fabrikam"
    const piped = s.split(/\s+\|\s+/);
    if (piped.length === 2 && piped[0] && piped[1]) {
      s = piped[0];
      company = piped[1];
    }
  }

  // "Doe, Jane" -> "Jane Doe", unless it is "Fabrikam, Inc." (a company with its legal form after the comma).
  const parts = s.split(',');
  if (parts.length === 2) {
    const last = parts[0]?.trim() ?? '';
    const first = parts[1]?.trim() ?? '';
    if (last && first && !COMPANY_SUFFIX.test(`, ${first}`)) s = `${first} ${last}`;
  }
  if (s === s.toLowerCase() && /\p{L}/u.test(s)) s = titleCase(s);
  return { name: s, company };
}

/** "jane.doe+news" -> "Jane Doe", "mary-jane_smith2" -> "Mary-Jane Smith". */
function nameFromLocalPart(local: string): string {
  const withoutTag = local.split('+')[0] ?? local;
  const words = withoutTag
    .split(/[._]+/)
    .map((w) => w.replace(/\d+$/, ''))
    .filter((w) => /\p{L}/u.test(w));
  return titleCase(words.join(' '));
}

function titleCase(s: string): string {
  return s.replace(/(^|[\s-])(\p{L})(\p{L}*)/gu, (_m, sep: string, head: string, tail: string) => {
    return sep + head.toUpperCase() + tail.toLowerCase();
  });
}

function sameWords(a: string, b: string): boolean {
  const simplify = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  return simplify(a) === simplify(b);
}
