// Interaction log entries: the history list of a contact, one entry's detail (with the link to the logged
// mail), and linking an entry to an existing opportunity.
import { z } from 'zod/mini';
import {
  ContactNumber,
  Cursor,
  Direction,
  EntryNumber,
  HttpsUrl,
  Instant,
  OpportunityNumber,
  SalespersonCode,
} from './common.js';
import { InteractionTemplate } from './settings.js';

export const Visibility = z.enum(['full', 'metadata']);
export type Visibility = z.infer<typeof Visibility>;

export const InteractionSummary = z.strictObject({
  entryNumber: EntryNumber,
  occurredAt: Instant,
  direction: Direction,
  subject: z.string(),
  salespersonCode: z.nullable(SalespersonCode),
  salespersonName: z.nullable(z.string()),
  opportunityNumber: z.nullable(OpportunityNumber),
  canceled: z.boolean(),
  /** The logged mail can be opened (GET /interactions/{entryNumber} then has a `message`). */
  hasLink: z.boolean(),
  /**
   * full: everything the caller may know. metadata: only that a conversation happened (date, direction,
   * salesperson): the subject is empty, there is no link (visibility model `owner`, private entries).
   */
  visibility: Visibility,
  /** Marked private by its salesperson: only they and admins see it in full. */
  private: z.boolean(),
  /** The sender marked the mail Private or Confidential: it was logged without its subject. */
  sensitive: z.boolean(),
  /**
   * Entries logged by hand: unconfirmed until the logging mailbox's copy of the mail confirms them (its subject,
   * dates and link then replace the add-in's); rejected when that copy does not have this participant. Absent:
   * the loop logged it from the copy itself.
   */
  verification: z.optional(z.enum(['unconfirmed', 'confirmed', 'rejected'])),
  /**
   * The link check (server/jobs/linkCheck.ts) found the mail neither by its id nor by its internetMessageId on
   * this date: deleted, or out of Interlog's reach. Absent: the link works as far as anyone knows.
   */
  linkLostAt: z.optional(Instant),
  /**
   * The interaction template the entry was logged with, as it was then (code, description, interaction group,
   * cost and duration are copied when the entry is written, as Business Central does). Absent: logged without
   * one. Not mail content: shown at every visibility.
   */
  template: z.optional(InteractionTemplate),
});
export type InteractionSummary = z.infer<typeof InteractionSummary>;

/** GET /contacts/{number}/interactions?cursor=&limit= (limit 1..50, default 20), newest first. */
export const InteractionListQuery = z.strictObject({
  cursor: z.optional(Cursor),
  limit: z.optional(z.string().check(z.regex(/^([1-9]|[1-4][0-9]|50)$/, 'an integer 1..50'))),
});
export type InteractionListQuery = z.infer<typeof InteractionListQuery>;
export { INTERACTION_PAGE_DEFAULT_LIMIT } from './limits.js';

export const InteractionPage = z.strictObject({
  items: z.array(InteractionSummary),
  nextCursor: z.nullable(Cursor),
});
export type InteractionPage = z.infer<typeof InteractionPage>;

/** Where the logged copy of a mail is. Null fields are not known (yet): e.g. archiving still pending. */
export const MessageLink = z.strictObject({
  internetMessageId: z.nullable(z.string()),
  /** Graph immutable id (REST format) of the archived copy. */
  immutableId: z.nullable(z.string()),
  /** Outlook on the web link to the archived copy. */
  webLink: z.nullable(HttpsUrl),
  /** The shared mailbox holding the copy. */
  mailbox: z.nullable(z.string()),
});
export type MessageLink = z.infer<typeof MessageLink>;

/** GET /interactions/{entryNumber} */
export const InteractionDetail = z.extend(InteractionSummary, {
  contactNumber: ContactNumber,
  contactName: z.string(),
  message: z.nullable(MessageLink),
});
export type InteractionDetail = z.infer<typeof InteractionDetail>;

/**
 * POST /interactions/{entryNumber}/link-opportunity -> 200 the updated InteractionSummary.
 * 409 `already_linked`, `entry_canceled`, `opportunity_closed`, `privacy_blocked`.
 */
export const LinkOpportunityRequest = z.strictObject({ opportunityNumber: OpportunityNumber });
export type LinkOpportunityRequest = z.infer<typeof LinkOpportunityRequest>;

/**
 * POST /interactions/{entryNumber}/private -> 200 the updated InteractionSummary. Only the entry's salesperson
 * (or an admin): 403 `not_owner`.
 */
export const MarkPrivateRequest = z.strictObject({ private: z.boolean() });
export type MarkPrivateRequest = z.infer<typeof MarkPrivateRequest>;
