// Admin console views over what the logging loop wrote: interaction log entries with filters, the state of every
// logging mailbox (healthy / failing / disabled, last and next run) and logged mail per day.
import { z } from 'zod';
import { CalendarDate, ContactNumber, Cursor, Direction, Instant, SalespersonCode } from './common.js';
import { InteractionSummary } from './interactions.js';
import { JobRunView } from './loggingSetup.js';

/**
 * GET /interactions?contactNumber=&salespersonCode=&direction=&from=&to=&canceled=&cursor=&limit= (admins;
 * limit 1..100, default 50), newest first. `from`/`to` are calendar days in UTC, both included.
 */
export const InteractionSearchQuery = z
  .strictObject({
    contactNumber: ContactNumber.optional(),
    salespersonCode: SalespersonCode.optional(),
    direction: Direction.optional(),
    from: CalendarDate.optional(),
    to: CalendarDate.optional(),
    canceled: z.enum(['true', 'false']).optional(),
    cursor: Cursor.optional(),
    limit: z
      .string()
      .regex(/^([1-9]|[1-9][0-9]|100)$/, 'an integer 1..100')
      .optional(),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    message: '`from` must not be after `to`',
    path: ['to'],
  });
export type InteractionSearchQuery = z.infer<typeof InteractionSearchQuery>;

export const AdminInteraction = InteractionSummary.extend({
  contactNumber: ContactNumber,
  /** Empty when the contact no longer exists. */
  contactName: z.string(),
  /** The shared mailbox the mail was logged from (null for entries logged by hand without a copy). */
  mailbox: z.string().nullable(),
  source: z.enum(['loop', 'manual']),
});
export type AdminInteraction = z.infer<typeof AdminInteraction>;

export const AdminInteractionPage = z.strictObject({
  items: z.array(AdminInteraction),
  nextCursor: Cursor.nullable(),
});
export type AdminInteractionPage = z.infer<typeof AdminInteractionPage>;

/** disabled: not enabled; failing: the last finished run failed; healthy: otherwise. */
export const MailboxHealth = z.enum(['healthy', 'failing', 'disabled']);
export type MailboxHealth = z.infer<typeof MailboxHealth>;

/**
 * Change notifications of a mailbox (server/notifications). polling_only: Microsoft 365 cannot reach PUBLIC_URL
 * (or they are turned off, or an IMAP server offers no IDLE); active: notifications flow (IMAP: the IDLE
 * connection is in place) and polling is only the safety net (pollSeconds).
 */
export const NotificationStatusView = z.strictObject({
  state: z.enum(['polling_only', 'active', 'pending', 'failing', 'expired']),
  reason: z.enum(['turned_off', 'private_url', 'delegated_sign_in', 'imap_no_idle']).nullable(),
  expiresAt: Instant.nullable(),
  renewedAt: Instant.nullable(),
  /** The last notification (or missed/removed event) that made the mailbox due. */
  notifiedAt: Instant.nullable(),
  notifications: z.int().nonnegative(),
  /** Notifications ignored because their clientState was wrong. */
  rejected: z.int().nonnegative(),
  lifecycleEvents: z.int().nonnegative(),
  lastError: z.strictObject({ code: z.string(), at: Instant }).nullable(),
  /** The polling interval in effect, seconds. */
  pollSeconds: z.int().positive(),
  /** Graph change notifications, or (IMAP) an IDLE connection: active means IDLE is in place. */
  channel: z.enum(['graph_subscription', 'imap_idle']).optional(),
});
export type NotificationStatusView = z.infer<typeof NotificationStatusView>;

/** The folder the last run archived into and how full it is against Exchange Online's limits. */
export const ArchiveStatusView = z.strictObject({
  /** "archive/2027 (2)" with rollover. */
  folder: z.string(),
  itemCount: z.int().nonnegative().nullable(),
  sizeBytes: z.number().nonnegative().nullable(),
  level: z.enum(['ok', 'warning', 'critical']),
  reasons: z.array(z.string()),
  checkedAt: Instant,
});
export type ArchiveStatusView = z.infer<typeof ArchiveStatusView>;

export const MailboxStatus = z.strictObject({
  mailbox: z.string(),
  enabled: z.boolean(),
  health: MailboxHealth,
  lastRun: JobRunView.nullable(),
  /** Failed runs in a row (the scheduler backs off exponentially after them). */
  consecutiveFailures: z.int().nonnegative(),
  /** Earliest moment the scheduler starts the next run (null when disabled). */
  nextRunAt: Instant.nullable(),
  quarantined: z.int().nonnegative(),
  failingMessages: z.int().nonnegative(),
  lastValidatedAt: Instant.nullable(),
  lastValidationOk: z.boolean().nullable(),
  /** Absent where the server runs no change notifications (tests that build the API alone). */
  notifications: NotificationStatusView.nullable().optional(),
  /** Null until a run has looked at the archive folder. */
  archive: ArchiveStatusView.nullable().optional(),
});
export type MailboxStatus = z.infer<typeof MailboxStatus>;

/** GET /logging/status: every mailbox set up for email logging. */
export const LoggingStatusList = z.strictObject({ items: z.array(MailboxStatus) });
export type LoggingStatusList = z.infer<typeof LoggingStatusList>;

/** GET /logging/setups/{mailbox}/trend?days= (1..90, default 14): per UTC day, oldest first, today included. */
export const LoggedTrendQuery = z.strictObject({
  days: z
    .string()
    .regex(/^([1-9]|[1-8][0-9]|90)$/, 'an integer 1..90')
    .optional(),
});

export const LoggedDay = z.strictObject({
  date: CalendarDate,
  /** Messages logged (archived with their entries) by the runs that started that day. */
  messages: z.int().nonnegative(),
  entries: z.int().nonnegative(),
});
export type LoggedDay = z.infer<typeof LoggedDay>;

export const LoggedTrend = z.strictObject({ mailbox: z.string(), days: z.array(LoggedDay) });
export type LoggedTrend = z.infer<typeof LoggedTrend>;

const LinkCheckCounts = z.strictObject({
  /** Messages asked about (one Graph request each). */
  checked: z.int().nonnegative(),
  ok: z.int().nonnegative(),
  /** Found with another web link: the link was updated. */
  updated: z.int().nonnegative(),
  /** Not found by id, found by internetMessageId: every entry got the new id and link. */
  healed: z.int().nonnegative(),
  /** Found neither way: the entries show "link lost". */
  lost: z.int().nonnegative(),
  skipped: z.int().nonnegative(),
});

/** GET /logging/link-check (admin): the periodic check of logged mail's links (server/jobs/linkCheck.ts). */
export const LinkCheckStatus = z.strictObject({
  lastRun: z
    .strictObject({
      startedAt: Instant,
      finishedAt: Instant,
      requests: z.int().nonnegative(),
      counts: LinkCheckCounts,
      stoppedBy: z.enum(['done', 'budget', 'more', 'error', 'stopped']),
      error: z.strictObject({ code: z.string(), message: z.string() }).nullable(),
    })
    .nullable(),
  passStartedAt: Instant.nullable(),
  lastPassFinishedAt: Instant.nullable(),
  /** The pass in progress, and everything since the first pass. */
  pass: LinkCheckCounts,
  totals: LinkCheckCounts,
});
export type LinkCheckStatus = z.infer<typeof LinkCheckStatus>;

/** Who holds an address: a salesperson (by code) or a contact (by number, through its primary or alternate). */
export const DirectoryOwnerView = z.strictObject({
  type: z.enum(['salesperson', 'contact']),
  id: z.string(),
  via: z.enum(['email', 'alternate']).nullable(),
});

/**
 * GET /directory/check (admin): the address check Business Central's guide asks for before logging starts.
 * `invalid_email`: an address the loop can never match; `shared_email`: several records hold one address and the
 * first owner is the one mail is logged for.
 */
export const DirectoryCheck = z.strictObject({
  counts: z.strictObject({
    salespeople: z.int().nonnegative(),
    contacts: z.int().nonnegative(),
    addresses: z.int().nonnegative(),
  }),
  issues: z.array(
    z.strictObject({
      kind: z.enum(['invalid_email', 'shared_email']),
      email: z.string(),
      owners: z.array(DirectoryOwnerView).min(1),
    }),
  ),
});
export type DirectoryCheck = z.infer<typeof DirectoryCheck>;
