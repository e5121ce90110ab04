// Decides what one message means for the CRM: entries to log, a reason to leave it alone, or poison to
// quarantine. Pure: the directory and policy come in, nothing is read or written.
//
// Business Central's rules (codeunit "Email Logging Invoke"), in its order: draft -> skip; empty sender; no
// To/Cc -> skip; sender is a salesperson -> outbound, one entry per To/Cc address that is a contact; else
// sender is a contact -> inbound, one entry per To/Cc address that is a salesperson; else skip. Sender is
// `sender` (who sent it), not `from` (on whose behalf). BCC is ignored. Outbound entries are dated by
// sentDateTime, inbound by receivedDateTime.
//
// Where we differ, and why:
// - A message we cannot read (no sender, an invalid sender, no usable date, no key) is poison: BC fails on it
//   every run until someone removes it by hand; we quarantine it so the rest of the mailbox keeps flowing.
// - An invalid recipient address is set aside (reported in `ignoredAddresses`) instead of failing the
//   message.
// - Blocklist: a blocked sender blocks the whole message; a blocked recipient just gets no entry.
// - An address that is both an (active) salesperson and a contact counts as the salesperson. It is a
//   colleague who also appears as a contact (often a test record or a former customer contact); logging mail
//   between colleagues as customer interaction would be wrong. BC, too, checks the salesperson first for the
//   sender.
// - A privacy-blocked contact gets no entries (BC blocks interactions for them elsewhere; GDPR restriction
//   means we must not keep recording them).
// - Mail its sender marked Private or Confidential (Graph `sensitivity`) is logged without subject or
//   description ("a conversation happened"), or with policy `sensitiveMail: 'skip'` not logged at all (skip
//   reason `sensitive`, which the unmatched policy handles like blocked mail: the admin chose not to log it).
//   BC logs it like any other mail.
// - One entry per (contact, salesperson) pair: a contact's primary and alternate address both on a message do
//   not log it twice (the repository's unique key would reject the second one anyway).
import { isLegacyDn } from './legacyDn.js';
import type { MailMessage } from '../mailsource/MailSource.js';
import type { Blocklist } from './blocklist.js';
import { blocklistOf } from './blocklist.js';
import type { ContactRecord, Directory, SalespersonRecord } from './directory.js';
import { messageKeyOf, normalizeTimestamp, recipientsOf, subjectOf, truncateText } from './messageParts.js';
import { normalizeAddress } from '../../shared/email.js';
import type { SensitiveMailHandling } from '../../shared/api/settings.js';
import { isWithheldSensitivity, SENSITIVITIES, type Sensitivity } from './visibility.js';

export type Direction = 'outbound' | 'inbound';

export interface EntryDraft {
  contactNumber: string;
  contactCompanyNumber: string | null;
  salespersonCode: string;
  direction: Direction;
  initiatedBy: 'us' | 'them';
  /** ISO 8601 UTC with milliseconds. */
  occurredAt: string;
  subject: string;
  /** The subject cut to 100 UTF-16 code units on a code point boundary. */
  description: string;
  messageKey: string;
  /** The mail's sensitivity when the source gave one; private/confidential mail has no subject here. */
  sensitivity?: Sensitivity;
}

export const SKIP_REASONS = [
  'draft',
  'no_recipients',
  'no_match',
  'internal_only', // salesperson to salespeople only
  'contact_to_contact',
  'blocked', // the blocklist removed the sender or every recipient that would have been logged
  'privacy_blocked', // every contact that would have been logged is privacy-blocked
  'sensitive', // private/confidential mail under the policy sensitiveMail: 'skip'
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export const POISON_CODES = [
  'empty_sender',
  'invalid_sender',
  'invalid_date',
  'missing_message_key',
  'unresolved_x500', // an Exchange X.500 address the directory could not turn into an email address
  'classifier_error', // a bug: quarantining the message beats blocking the mailbox on it
] as const;
export type PoisonCode = (typeof POISON_CODES)[number];

export type Classification =
  | {
      kind: 'log';
      direction: Direction;
      occurredAt: string;
      messageKey: string;
      drafts: EntryDraft[];
      ignoredAddresses: string[];
      blockedAddresses: string[];
    }
  | { kind: 'skip'; reason: SkipReason; ignoredAddresses: string[]; blockedAddresses: string[] }
  | { kind: 'poison'; code: PoisonCode; reason: string };

export interface ClassifierPolicy {
  /** Entries as in LoggingPolicy.blocklist (compiled once per array), or an already compiled list. */
  blocklist?: readonly string[] | Blocklist;
  /** Private/Confidential mail: logged without content (default) or not logged (deployment setting). */
  sensitiveMail?: SensitiveMailHandling;
}

/** Classifies a message. Never throws: anything unexpected becomes poison 'classifier_error'. */
export function classifyMessage(
  message: MailMessage,
  directory: Directory,
  policy: ClassifierPolicy = {},
): Classification {
  try {
    const c = classify(message, directory, blocklistOf(policy.blocklist));
    // A participant known only by an X.500 address may be the salesperson or contact that would have made this
    // mail loggable: quarantined (with the address to fix) rather than treated as unmatched, so nothing is
    // deleted for want of an address.
    if (c.kind === 'skip' && c.reason !== 'draft' && c.reason !== 'blocked') {
      const dn = [...message.toRecipients, ...message.ccRecipients].find((a) => isLegacyDn(a.address));
      if (dn) return poison('unresolved_x500', unresolvedText('recipient', dn.address!));
    }
    return withSensitivity(c, sensitivityOf(message), policy.sensitiveMail ?? 'metadata');
  } catch (err) {
    return poison('classifier_error', `Unexpected error while classifying: ${String(err)}`);
  }
}

function sensitivityOf(message: MailMessage): Sensitivity | null {
  const raw = typeof message.sensitivity === 'string' ? message.sensitivity.toLowerCase() : null;
  return (SENSITIVITIES as readonly string[]).includes(raw ?? '') ? (raw as Sensitivity) : null;
}

/** Stamps the drafts with the mail's sensitivity; withheld mail loses its subject, or is skipped. */
function withSensitivity(
  c: Classification,
  sensitivity: Sensitivity | null,
  handling: SensitiveMailHandling,
): Classification {
  if (c.kind !== 'log' || sensitivity === null) return c;
  const withheld = isWithheldSensitivity(sensitivity);
  if (withheld && handling === 'skip') return skip('sensitive', c.ignoredAddresses, c.blockedAddresses);
  const drafts = c.drafts.map((d) =>
    withheld ? { ...d, subject: '', description: '', sensitivity } : { ...d, sensitivity },
  );
  return { ...c, drafts };
}

function unresolvedText(who: 'sender' | 'recipient', dn: string): string {
  return (
    `The ${who} is known only by the Exchange X.500 address "${dn.trim()}", which the directory did not resolve: ` +
    "add it to the salesperson's X.500 addresses (or grant User.Read.All), then release the message."
  );
}

function classify(message: MailMessage, directory: Directory, blocklist: Blocklist): Classification {
  if (message.isDraft === true) return skip('draft');

  const messageKey = messageKeyOf(message);
  if (messageKey === null) {
    return poison('missing_message_key', 'The message has neither an internetMessageId nor a provider id.');
  }

  const rawSender: unknown = message.sender?.address;
  if (typeof rawSender !== 'string' || rawSender.trim() === '') {
    return poison('empty_sender', 'The message has no sender address.');
  }
  if (isLegacyDn(rawSender)) return poison('unresolved_x500', unresolvedText('sender', rawSender));
  const sender = normalizeAddress(rawSender);
  if (sender === null) {
    return poison('invalid_sender', `The sender address "${rawSender}" is not a valid email address.`);
  }
  if (blocklist.isBlocked(sender)) return skip('blocked', [], [sender]);

  const recipients = recipientsOf(message);
  if (recipients.addresses.length === 0) return skip('no_recipients', recipients.invalid);

  const senderMatch = directory.lookup(sender);
  const senderSalesperson = senderMatch.salesperson;
  const senderContact = senderSalesperson === null ? senderMatch.contact : null;
  if (senderSalesperson === null && senderContact === null) return skip('no_match', recipients.invalid);
  const direction: Direction = senderSalesperson !== null ? 'outbound' : 'inbound';

  const lines = collectLines(recipients.addresses, directory, blocklist, senderSalesperson, senderContact);
  if (lines.pairs.length === 0) {
    const reason: SkipReason =
      lines.blocked.length > 0
        ? 'blocked'
        : lines.privacyBlocked > 0
          ? 'privacy_blocked'
          : lines.sameSide > 0
            ? direction === 'outbound'
              ? 'internal_only'
              : 'contact_to_contact'
            : 'no_match';
    return skip(reason, recipients.invalid, lines.blocked);
  }

  const dateField = direction === 'outbound' ? 'sentDateTime' : 'receivedDateTime';
  const rawDate: unknown = message[dateField];
  const occurredAt = normalizeTimestamp(typeof rawDate === 'string' ? rawDate : null);
  if (occurredAt === null) {
    return poison(
      'invalid_date',
      typeof rawDate === 'string' && rawDate.trim() !== ''
        ? `The ${dateField} "${rawDate}" is not a valid date.`
        : `The message has no ${dateField}.`,
    );
  }

  const subject = subjectOf(message);
  const description = truncateText(subject);
  const drafts = lines.pairs.map(({ contact, salesperson }): EntryDraft => ({
    contactNumber: contact.number,
    contactCompanyNumber: companyNumberOf(contact),
    salespersonCode: salesperson.code,
    direction,
    initiatedBy: direction === 'outbound' ? 'us' : 'them',
    occurredAt,
    subject,
    description,
    messageKey,
  }));
  return {
    kind: 'log',
    direction,
    occurredAt,
    messageKey,
    drafts,
    ignoredAddresses: recipients.invalid,
    blockedAddresses: lines.blocked,
  };
}

interface Lines {
  pairs: { contact: ContactRecord; salesperson: SalespersonRecord }[];
  /** Recipients that would have had an entry but are on the blocklist. */
  blocked: string[];
  privacyBlocked: number;
  /** Recipients on the sender's own side (salespeople on outbound mail, contacts on inbound mail). */
  sameSide: number;
}

// Exactly one of senderSalesperson / senderContact is set: it fixes the direction.
function collectLines(
  addresses: readonly string[],
  directory: Directory,
  blocklist: Blocklist,
  senderSalesperson: SalespersonRecord | null,
  senderContact: ContactRecord | null,
): Lines {
  const lines: Lines = { pairs: [], blocked: [], privacyBlocked: 0, sameSide: 0 };
  const seenPairs = new Set<string>();
  for (const address of addresses) {
    const match = directory.lookup(address);
    // Salesperson wins: an address that is both only ever counts as the salesperson.
    const salesperson = match.salesperson;
    const contact = salesperson === null ? match.contact : null;
    let pair: { contact: ContactRecord; salesperson: SalespersonRecord } | null = null;
    if (senderSalesperson !== null) {
      if (salesperson !== null) lines.sameSide++;
      else if (contact !== null) pair = { contact, salesperson: senderSalesperson };
    } else if (senderContact !== null) {
      if (contact !== null) lines.sameSide++;
      else if (salesperson !== null) pair = { contact: senderContact, salesperson };
    }
    if (pair === null) continue;
    if (blocklist.isBlocked(address)) {
      lines.blocked.push(address);
      continue;
    }
    if (pair.contact.privacyBlocked) {
      lines.privacyBlocked++;
      continue;
    }
    // JSON keeps the key unambiguous whatever characters codes contain.
    const key = JSON.stringify([pair.contact.number, pair.salesperson.code]);
    if (seenPairs.has(key)) continue;
    seenPairs.add(key);
    lines.pairs.push(pair);
  }
  return lines;
}

/** BC gives a company contact its own number as "Company No."; our records may leave it null. */
function companyNumberOf(contact: ContactRecord): string | null {
  return contact.companyNumber ?? (contact.kind === 'company' ? contact.number : null);
}

function skip(
  reason: SkipReason,
  ignoredAddresses: string[] = [],
  blockedAddresses: string[] = [],
): Classification {
  return { kind: 'skip', reason, ignoredAddresses, blockedAddresses };
}

function poison(code: PoisonCode, reason: string): Classification {
  return { kind: 'poison', code, reason };
}
