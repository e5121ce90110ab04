// Who sees what of an interaction log entry or an opportunity: the one place the visibility model, the privacy
// block, sensitive mail and entries marked private are decided. Pure: the caller, the record, its contact and
// the deployment settings come in; an access level and a redacted copy go out. Every read path goes through
// services/visibility.ts, which applies these functions, so routes and presenters never decide themselves.
//
// The rules, in order:
// 1. A privacy-blocked (or missing) contact: nothing at all, for everybody (the block is a restriction of
//    processing; admins included). Lists drop such records, single reads refuse with `privacy_blocked`.
// 2. Content withheld from everyone but the entry's own salesperson and admins: entries the salesperson marked
//    private, and mail its sender marked Private/Confidential (stored without a subject anyway; the link would
//    still open the mail). The salesperson took part in that mail, so they lose nothing; this holds in both
//    models.
// 3. Admins: full.
// 4. team: full. owner: full when the caller is the entry's salesperson or the contact's owner, else metadata.
import type { VisibilityModel } from '../../shared/api/settings.js';

export type Access = 'full' | 'metadata' | 'blocked';

export interface Viewer {
  roles: readonly string[];
  salespersonCode: string | null;
}

export interface ContactFacts {
  salespersonCode: string | null;
  privacyBlocked: boolean;
}

export interface VisibilitySettings {
  visibility: VisibilityModel;
}

/** Graph's message sensitivity; private and confidential mail is logged without content. */
export const SENSITIVITIES = ['normal', 'personal', 'private', 'confidential'] as const;
export type Sensitivity = (typeof SENSITIVITIES)[number];

export function isWithheldSensitivity(s: string | null | undefined): boolean {
  return s === 'private' || s === 'confidential';
}

export interface EntryFacts {
  salespersonCode: string | null;
  /** Marked private by its salesperson. Absent on entries written before the flag existed. */
  markedPrivate?: boolean;
  sensitivity?: string | null;
}

export interface OpportunityFacts {
  salespersonCode: string | null;
}

const isAdmin = (v: Viewer) => v.roles.includes('admin');
const isOwn = (v: Viewer, code: string | null) => v.salespersonCode !== null && v.salespersonCode === code;

export function entryAccess(
  viewer: Viewer,
  entry: EntryFacts,
  contact: ContactFacts | null,
  settings: VisibilitySettings,
): Access {
  if (!contact || contact.privacyBlocked) return 'blocked';
  if (entry.markedPrivate === true || isWithheldSensitivity(entry.sensitivity)) {
    return isAdmin(viewer) || isOwn(viewer, entry.salespersonCode) ? 'full' : 'metadata';
  }
  if (isAdmin(viewer) || settings.visibility === 'team') return 'full';
  return isOwn(viewer, entry.salespersonCode) || isOwn(viewer, contact.salespersonCode) ? 'full' : 'metadata';
}

export function opportunityAccess(
  viewer: Viewer,
  opportunity: OpportunityFacts,
  contact: ContactFacts | null,
  settings: VisibilitySettings,
): Access {
  if (!contact || contact.privacyBlocked) return 'blocked';
  if (isAdmin(viewer) || settings.visibility === 'team') return 'full';
  return isOwn(viewer, opportunity.salespersonCode) || isOwn(viewer, contact.salespersonCode)
    ? 'full'
    : 'metadata';
}

/**
 * Changing a contact. In `owner` mode a salesperson changes only their own contacts and unowned ones, and only
 * an admin or the current owner may change who owns it (claiming a contact would open its whole history).
 */
export function mayChangeContact(
  viewer: Viewer,
  contact: ContactFacts,
  settings: VisibilitySettings,
  changesOwner: boolean,
): boolean {
  if (isAdmin(viewer) || settings.visibility === 'team') return true;
  if (isOwn(viewer, contact.salespersonCode)) return true;
  return contact.salespersonCode === null && !changesOwner;
}

/** Marking an entry private (or public again): its own salesperson, or an admin. */
export function mayMarkPrivate(viewer: Viewer, entry: EntryFacts): boolean {
  return isAdmin(viewer) || isOwn(viewer, entry.salespersonCode);
}

// Marks a record as having passed this module: presenters take only Visible<T>, so a read path that skipped
// the policy does not compile.
declare const checked: unique symbol;
export type Visible<T> = T & { readonly visibility: 'full' | 'metadata'; readonly [checked]: true };

/** An entry, or what a timeline keeps of one (repositories/timelineStore.ts: no description, message key, comment,
 *  author, nor the message's addresses and ids other than its link). */
export interface RedactableEntry {
  subject: string;
  description?: string;
  messageKey?: string;
  comment?: string | null;
  opportunityNumber: string | null;
  createdBy?: string;
  message: {
    mailbox?: string | null;
    internetMessageId?: string | null;
    immutableId: string | null;
    webLink: string | null;
    conversationId?: string | null;
  };
}

const NO_MESSAGE = {
  mailbox: null,
  internetMessageId: null,
  immutableId: null,
  webLink: null,
  conversationId: null,
};

/**
 * The entry as `access` allows: metadata keeps when, which direction, which contact and salesperson, and
 * whether it is canceled; everything about the mail itself (subject, ids, link, archive mailbox, the message
 * key, which is the Internet message id) and what leads to its content (comment, opportunity) is blanked.
 */
export function redactEntry<T extends RedactableEntry>(entry: T, access: 'full' | 'metadata'): Visible<T> {
  if (access === 'full') return { ...entry, visibility: 'full' } as Visible<T>;
  return {
    ...entry,
    subject: '',
    description: '',
    messageKey: '',
    comment: null,
    opportunityNumber: null,
    createdBy: '',
    message: { ...NO_MESSAGE },
    visibility: 'metadata',
  } as Visible<T>;
}

export interface RedactableOpportunity {
  description: string;
  estimatedValue: number | null;
  expectedCloseDate: Date | null;
  sourceEntryNumber: number | null;
  createdBy: string;
}

/** An opportunity as `access` allows: metadata keeps number, status, contact, salesperson and dates created. */
export function redactOpportunity<T extends RedactableOpportunity>(
  opportunity: T,
  access: 'full' | 'metadata',
): Visible<T> {
  if (access === 'full') return { ...opportunity, visibility: 'full' } as Visible<T>;
  return {
    ...opportunity,
    description: '',
    estimatedValue: null,
    expectedCloseDate: null,
    sourceEntryNumber: null,
    createdBy: '',
    visibility: 'metadata',
  } as Visible<T>;
}
