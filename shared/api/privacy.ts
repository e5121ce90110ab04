// Data-subject rights (admin): export everything stored about a contact, erase a contact, and the retention
// setting that deletes old entries. Paths are in auditApiRoutes (shared/api/audit.ts).
import { z } from 'zod/mini';
import { Instant } from './common.js';

/** GET /contacts/{number}/data?format=json|csv (default json): a download. */
export const ContactDataQuery = z.strictObject({ format: z.optional(z.enum(['json', 'csv'])) });

/** Where the erased contact's logged mail still is in Exchange: Interlog never deletes mail. */
export const ErasedMailLocation = z.strictObject({
  /** The shared mailbox that archived it; null: entries logged by hand, the mail is in a salesperson's mailbox. */
  mailbox: z.nullable(z.string()),
  /** Its archive folder (the setup's, as it is now). */
  folder: z.nullable(z.string()),
  messages: z.int().check(z.nonnegative()),
  oldest: z.nullable(Instant),
  newest: z.nullable(Instant),
});
export type ErasedMailLocation = z.infer<typeof ErasedMailLocation>;

/** DELETE /contacts/{number} -> what was removed, and where the mail is. */
export const ErasureReport = z.strictObject({
  /** The erased contact's opaque audit id: its audit lines (and the erasure's) carry it, never its number. */
  erasureId: z.string(),
  /** Entries of the contact, deleted. */
  entries: z.int().check(z.nonnegative()),
  /** Opportunities of the contact, deleted. */
  opportunities: z.int().check(z.nonnegative()),
  /** Links taken off other contacts' entries (to those opportunities; to the erased company): one per link. */
  detachedEntries: z.int().check(z.nonnegative()),
  /** People of an erased company, kept without their company. */
  detachedPeople: z.int().check(z.nonnegative()),
  /** Quarantined, failing or kept messages naming the contact: forgotten (the mail stays where it is). */
  messageStates: z.int().check(z.nonnegative()),
  /** Entries of the contact the logging loop had yet to write: dropped. */
  pendingEntries: z.int().check(z.nonnegative()),
  /** Blocklists that named its addresses: the addresses removed. */
  blocklists: z.int().check(z.nonnegative()),
  mail: z.array(ErasedMailLocation),
});
export type ErasureReport = z.infer<typeof ErasureReport>;

export const RetentionRun = z.strictObject({
  startedAt: Instant,
  finishedAt: z.nullable(Instant),
  /** Entries that occurred before this were due. */
  cutoff: Instant,
  deleted: z.int().check(z.nonnegative()),
  /** The run stopped at its batch limit with more due (the next run goes on). */
  more: z.boolean(),
});

/** GET /retention, PUT /retention: entries older than `months` are deleted by a background job (null: off). */
export const RetentionView = z.strictObject({
  months: z.nullable(z.int().check(z.positive())),
  updatedAt: z.nullable(Instant),
  updatedBy: z.nullable(z.string()),
  lastRun: z.nullable(RetentionRun),
  totalDeleted: z.int().check(z.nonnegative()),
});
export type RetentionView = z.infer<typeof RetentionView>;

export const RetentionUpdate = z.strictObject({ months: z.nullable(z.int().check(z.gte(1), z.lte(600))) });
export type RetentionUpdate = z.infer<typeof RetentionUpdate>;
