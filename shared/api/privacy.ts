// Data-subject rights (admin): export everything stored about a contact, erase a contact, and the retention
// setting that deletes old entries. Paths are in auditApiRoutes (shared/api/audit.ts).
import { z } from 'zod';
import { Instant } from './common.js';

/** GET /contacts/{number}/data?format=json|csv (default json): a download. */
export const ContactDataQuery = z.strictObject({ format: z.enum(['json', 'csv']).optional() });

/** Where the erased contact's logged mail still is in Exchange: Interlog never deletes mail. */
export const ErasedMailLocation = z.strictObject({
  /** The shared mailbox that archived it; null: entries logged by hand, the mail is in a salesperson's mailbox. */
  mailbox: z.string().nullable(),
  /** Its archive folder (the setup's, as it is now). */
  folder: z.string().nullable(),
  messages: z.int().nonnegative(),
  oldest: Instant.nullable(),
  newest: Instant.nullable(),
});
export type ErasedMailLocation = z.infer<typeof ErasedMailLocation>;

/** DELETE /contacts/{number} -> what was removed, and where the mail is. */
export const ErasureReport = z.strictObject({
  /** The erased contact's opaque audit id: its audit lines (and the erasure's) carry it, never its number. */
  erasureId: z.string(),
  /** Entries of the contact, deleted. */
  entries: z.int().nonnegative(),
  /** Opportunities of the contact, deleted. */
  opportunities: z.int().nonnegative(),
  /** Links taken off other contacts' entries (to those opportunities; to the erased company): one per link. */
  detachedEntries: z.int().nonnegative(),
  /** People of an erased company, kept without their company. */
  detachedPeople: z.int().nonnegative(),
  /** Quarantined, failing or kept messages naming the contact: forgotten (the mail stays where it is). */
  messageStates: z.int().nonnegative(),
  /** Entries of the contact the logging loop had yet to write: dropped. */
  pendingEntries: z.int().nonnegative(),
  /** Blocklists that named its addresses: the addresses removed. */
  blocklists: z.int().nonnegative(),
  mail: z.array(ErasedMailLocation),
});
export type ErasureReport = z.infer<typeof ErasureReport>;

export const RetentionRun = z.strictObject({
  startedAt: Instant,
  finishedAt: Instant.nullable(),
  /** Entries that occurred before this were due. */
  cutoff: Instant,
  deleted: z.int().nonnegative(),
  /** The run stopped at its batch limit with more due (the next run goes on). */
  more: z.boolean(),
});

/** GET /retention, PUT /retention: entries older than `months` are deleted by a background job (null: off). */
export const RetentionView = z.strictObject({
  months: z.int().positive().nullable(),
  updatedAt: Instant.nullable(),
  updatedBy: z.string().nullable(),
  lastRun: RetentionRun.nullable(),
  totalDeleted: z.int().nonnegative(),
});
export type RetentionView = z.infer<typeof RetentionView>;

export const RetentionUpdate = z.strictObject({ months: z.int().min(1).max(600).nullable() });
export type RetentionUpdate = z.infer<typeof RetentionUpdate>;
