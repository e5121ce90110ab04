// Email address rules shared by the server (matching, blocklist) and the Outlook add-in (forms, "Add as
// contact"). Browser-safe: no Node imports.
//
// Addresses are compared in one canonical form: trimmed, bare (no "<>" or "mailto:"), lower-case. Exchange
// treats the whole address case-insensitively, and so does Business Central's matching, so lower-casing the
// local part too is what makes "Jane.Doe@X.com" and "jane.doe@x.com" the same person.

export { guessContactFromSender } from './senderGuess.js';
export type { SenderGuess } from './senderGuess.js';

/** RFC 5321 limits: an address fits a 256-octet path with "<>", a local part 64, a domain label 63. */
export const MAX_ADDRESS_LENGTH = 254;
const MAX_LOCAL_LENGTH = 64;
const MAX_DOMAIN_LENGTH = 253;
const MAX_LABEL_LENGTH = 63;

// The local part is checked leniently on purpose: an address we call invalid is ignored as a recipient and
// turns a sender's message into poison, so we only reject what cannot be a mailbox (whitespace, controls, the
// characters that delimit addresses in headers). Real providers issue addresses with "..", leading or
// trailing dots (old Japanese carrier mail, for one), and Exchange accepts them as recipients.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_IN_LOCAL = /[\s\u0000-\u001f\u007f()<>[\]:;,\\"@]/u;
// Domain labels: letters (any script: internationalised domains), digits, hyphens; no hyphen at either end.
const DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}\p{M}-]*[\p{L}\p{N}\p{M}])?$/u;

/**
 * True when `address` is, as given, a bare address we can match: exactly one "@" (Business Central's rule), a
 * non-empty local part and domain, no whitespace, a domain of at least two dot-separated labels, and the RFC
 * length limits. It does not trim or unwrap; use {@link normalizeAddress} for input from the outside.
 */
export function isValidAddress(address: string): boolean {
  if (typeof address !== 'string' || address.length === 0 || address.length > MAX_ADDRESS_LENGTH)
    return false;
  const at = address.indexOf('@');
  if (at <= 0 || at !== address.lastIndexOf('@') || at === address.length - 1) return false;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local.length > MAX_LOCAL_LENGTH || FORBIDDEN_IN_LOCAL.test(local)) return false;
  return isValidDomain(domain);
}

// The usual case, checked in one pass: ASCII labels of 1-63 characters, at least two of them.
const ASCII_DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/** A host name of at least two labels (so "localhost" and "[10.0.0.1]" literals are rejected). */
export function isValidDomain(domain: string): boolean {
  if (domain.length === 0 || domain.length > MAX_DOMAIN_LENGTH) return false;
  // A top-level domain is never all digits; this rejects "1.2.3.4" written without brackets.
  if (/\.\d+$/.test(domain)) return false;
  if (ASCII_DOMAIN.test(domain)) return true;
  if (!/[\u0080-\uffff]/.test(domain)) return false; // ASCII that failed the check above
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  for (const label of labels) {
    if (label.length === 0 || label.length > MAX_LABEL_LENGTH || !DOMAIN_LABEL.test(label)) return false;
  }
  return true;
}

/**
 * The canonical form of an address, or null when it is not a valid address. Accepts what people paste and
 * what providers hand over: surrounding whitespace, "<jane@x.com>", "mailto:jane@x.com", "Jane Doe
 * <jane@x.com>".
 */
export function normalizeAddress(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  let s = raw.trim();
  // "Display Name <addr>": keep what is inside the last angle brackets.
  if (s.endsWith('>')) {
    const open = s.lastIndexOf('<');
    if (open < 0) return null;
    s = s.slice(open + 1, -1).trim();
  }
  if (/^mailto:/i.test(s)) s = s.slice('mailto:'.length).trim();
  s = s.toLowerCase();
  return isValidAddress(s) ? s : null;
}

/** The (lower-case) domain of an address, or null when the address is invalid. */
export function domainOf(address: string | null | undefined): string | null {
  const normalized = normalizeAddress(address);
  return normalized === null ? null : normalized.slice(normalized.indexOf('@') + 1);
}

/** The (lower-case) local part of an address, or null when the address is invalid. */
export function localPartOf(address: string | null | undefined): string | null {
  const normalized = normalizeAddress(address);
  return normalized === null ? null : normalized.slice(0, normalized.indexOf('@'));
}
