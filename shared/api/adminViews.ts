// Admin console views over what the logging loop wrote: interaction log entries with filters, the state of every
// logging mailbox (healthy / failing / disabled, last and next run) and logged mail per day.
import { z } from 'zod/mini';
import { CalendarDate, ContactNumber, Cursor, Direction, Instant, SalespersonCode } from './common.js';
import { InteractionSummary } from './interactions.js';
import { JobRunView } from './loggingSetup.js';

/**
 * GET /interactions?contactNumber=&salespersonCode=&direction=&from=&to=&canceled=&cursor=&limit= (admins;
 * limit 1..100, default 50), newest first. `from`/`to` are calendar days in UTC, both included.
 */
export const InteractionSearchQuery = z
  .strictObject({
    contactNumber: z.optional(ContactNumber),
    salespersonCode: z.optional(SalespersonCode),
    direction: z.optional(Direction),
    from: z.optional(CalendarDate),
    to: z.optional(CalendarDate),
    canceled: z.optional(z.enum(['true', 'false'])),
    cursor: z.optional(Cursor),
    limit: z.optional(z.string().check(z.regex(/^([1-9]|[1-9][0-9]|100)$/, 'an integer 1..100'))),
  })
  .check(
    z.refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
      message: '`from` must not be after `to`',
      path: ['to'],
    }),
  );
export type InteractionSearchQuery = z.infer<typeof InteractionSearchQuery>;

export const AdminInteraction = z.extend(InteractionSummary, {
  contactNumber: ContactNumber,
  /** Empty when the contact no longer exists. */
  contactName: z.string(),
  /** The shared mailbox the mail was logged from (null for entries logged by hand without a copy). */
  mailbox: z.nullable(z.string()),
  source: z.enum(['loop', 'manual']),
});
export type AdminInteraction = z.infer<typeof AdminInteraction>;

export const AdminInteractionPage = z.strictObject({
  items: z.array(AdminInteraction),
  nextCursor: z.nullable(Cursor),
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
  reason: z.nullable(z.enum(['turned_off', 'private_url', 'delegated_sign_in', 'imap_no_idle'])),
  expiresAt: z.nullable(Instant),
  renewedAt: z.nullable(Instant),
  /** The last notification (or missed/removed event) that made the mailbox due. */
  notifiedAt: z.nullable(Instant),
  notifications: z.int().check(z.nonnegative()),
  /** Notifications ignored because their clientState was wrong. */
  rejected: z.int().check(z.nonnegative()),
  lifecycleEvents: z.int().check(z.nonnegative()),
  lastError: z.nullable(z.strictObject({ code: z.string(), at: Instant })),
  /** The polling interval in effect, seconds. */
  pollSeconds: z.int().check(z.positive()),
  /** Graph change notifications, or (IMAP) an IDLE connection: active means IDLE is in place. */
  channel: z.optional(z.enum(['graph_subscription', 'imap_idle'])),
});
export type NotificationStatusView = z.infer<typeof NotificationStatusView>;

/** The folder the last run archived into and how full it is against Exchange Online's limits. */
export const ArchiveStatusView = z.strictObject({
  /** "archive/2027 (2)" with rollover. */
  folder: z.string(),
  itemCount: z.nullable(z.int().check(z.nonnegative())),
  sizeBytes: z.nullable(z.number().check(z.nonnegative())),
  level: z.enum(['ok', 'warning', 'critical']),
  reasons: z.array(z.string()),
  checkedAt: Instant,
});
export type ArchiveStatusView = z.infer<typeof ArchiveStatusView>;

export const MailboxStatus = z.strictObject({
  mailbox: z.string(),
  enabled: z.boolean(),
  health: MailboxHealth,
  lastRun: z.nullable(JobRunView),
  /** Failed runs in a row (the scheduler backs off exponentially after them). */
  consecutiveFailures: z.int().check(z.nonnegative()),
  /** Earliest moment the scheduler starts the next run (null when disabled). */
  nextRunAt: z.nullable(Instant),
  quarantined: z.int().check(z.nonnegative()),
  failingMessages: z.int().check(z.nonnegative()),
  lastValidatedAt: z.nullable(Instant),
  lastValidationOk: z.nullable(z.boolean()),
  /** Absent where the server runs no change notifications (tests that build the API alone). */
  notifications: z.optional(z.nullable(NotificationStatusView)),
  /** Null until a run has looked at the archive folder. */
  archive: z.optional(z.nullable(ArchiveStatusView)),
});
export type MailboxStatus = z.infer<typeof MailboxStatus>;

/** GET /logging/status: every mailbox set up for email logging. */
export const LoggingStatusList = z.strictObject({ items: z.array(MailboxStatus) });
export type LoggingStatusList = z.infer<typeof LoggingStatusList>;

/** GET /logging/setups/{mailbox}/trend?days= (1..90, default 14): per UTC day, oldest first, today included. */
export const LoggedTrendQuery = z.strictObject({
  days: z.optional(z.string().check(z.regex(/^([1-9]|[1-8][0-9]|90)$/, 'an integer 1..90'))),
});

export const LoggedDay = z.strictObject({
  date: CalendarDate,
  /** Messages logged (archived with their entries) by the runs that started that day. */
  messages: z.int().check(z.nonnegative()),
  entries: z.int().check(z.nonnegative()),
});
export type LoggedDay = z.infer<typeof LoggedDay>;

export const LoggedTrend = z.strictObject({ mailbox: z.string(), days: z.array(LoggedDay) });
export type LoggedTrend = z.infer<typeof LoggedTrend>;

const LinkCheckCounts = z.strictObject({
  /** Messages asked about (one Graph request each). */
  checked: z.int().check(z.nonnegative()),
  ok: z.int().check(z.nonnegative()),
  /** Found with another web link: the link was updated. */
  updated: z.int().check(z.nonnegative()),
  /** Not found by id, found by internetMessageId: every entry got the new id and link. */
  healed: z.int().check(z.nonnegative()),
  /** Found neither way: the entries show "link lost". */
  lost: z.int().check(z.nonnegative()),
  skipped: z.int().check(z.nonnegative()),
});

/** GET /logging/link-check (admin): the periodic check of logged mail's links (server/jobs/linkCheck.ts). */
export const LinkCheckStatus = z.strictObject({
  lastRun: z.nullable(
    z.strictObject({
      startedAt: Instant,
      finishedAt: Instant,
      requests: z.int().check(z.nonnegative()),
      counts: LinkCheckCounts,
      stoppedBy: z.enum(['done', 'budget', 'more', 'error', 'stopped']),
      error: z.nullable(z.strictObject({ code: z.string(), message: z.string() })),
    }),
  ),
  passStartedAt: z.nullable(Instant),
  lastPassFinishedAt: z.nullable(Instant),
  /** The pass in progress, and everything since the first pass. */
  pass: LinkCheckCounts,
  totals: LinkCheckCounts,
});
export type LinkCheckStatus = z.infer<typeof LinkCheckStatus>;

/** Who holds an address: a salesperson (by code) or a contact (by number, through its primary or alternate). */
export const DirectoryOwnerView = z.strictObject({
  type: z.enum(['salesperson', 'contact']),
  id: z.string(),
  via: z.nullable(z.enum(['email', 'alternate'])),
});

/**
 * GET /directory/check (admin): the address check Business Central's guide asks for before logging starts.
 * `invalid_email`: an address the loop can never match; `shared_email`: several records hold one address and the
 * first owner is the one mail is logged for.
 */
export const DirectoryCheck = z.strictObject({
  counts: z.strictObject({
    salespeople: z.int().check(z.nonnegative()),
    contacts: z.int().check(z.nonnegative()),
    addresses: z.int().check(z.nonnegative()),
  }),
  issues: z.array(
    z.strictObject({
      kind: z.enum(['invalid_email', 'shared_email']),
      email: z.string(),
      owners: z.array(DirectoryOwnerView).check(z.minLength(1)),
    }),
  ),
});
export type DirectoryCheck = z.infer<typeof DirectoryCheck>;
