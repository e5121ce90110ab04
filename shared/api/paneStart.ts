// The task pane's start-up failures: what a pane that could not start inside Outlook reports (no token: it never
// got far enough to sign in), and what the admin console shows of them. No personal data: the host's kind,
// platform and version (from Office's `_host_Info`), the cause, and the origin a security policy blocked.
import { z } from 'zod/mini';
import { CalendarDate, Instant } from './common.js';

/**
 * office_js_missing: the Office.js script never ran (blocked or unreachable CDN);
 * blocked_by_policy: the page's Content-Security-Policy refused a script Office.js loads;
 * host_timeout: Office.js ran but Office.onReady did not resolve within the bound;
 * start_error: Office.onReady resolved or threw, and the pane still failed to start.
 */
export const PaneStartFailureKind = z.enum([
  'office_js_missing',
  'blocked_by_policy',
  'host_timeout',
  'start_error',
]);
export type PaneStartFailureKind = z.infer<typeof PaneStartFailureKind>;

/** Short tokens only (`Outlook`, `Web`, `16.01`): nothing a user typed or received. */
const HostToken = z
  .string()
  .check(z.maxLength(40), z.regex(/^[A-Za-z0-9._-]*$/, 'letters, digits, dot, dash and underscore only'));

/** POST /pane-start-failures (no token; rate-limited per address). */
export const PaneStartFailureReport = z.strictObject({
  kind: PaneStartFailureKind,
  /** Office's host and platform as `_host_Info` names them, e.g. "outlook" and "web"; empty when unknown. */
  host: HostToken,
  platform: HostToken,
  hostVersion: HostToken,
  /** The origin a Content-Security-Policy blocked, e.g. "https://ajax.aspnetcdn.com" (never a full URL). */
  blockedOrigin: z.nullable(
    z.string().check(z.maxLength(100), z.regex(/^https?:\/\/[A-Za-z0-9.-]+(:\d+)?$/, 'an origin')),
  ),
  /** Milliseconds the pane waited before giving up. */
  waitedMs: z.int().check(z.nonnegative(), z.lte(600_000)),
});
export type PaneStartFailureReport = z.infer<typeof PaneStartFailureReport>;

export const PaneStartFailureGroup = z.strictObject({
  kind: PaneStartFailureKind,
  host: z.string(),
  platform: z.string(),
  hostVersion: z.string(),
  blockedOrigin: z.nullable(z.string()),
  count: z.int().check(z.nonnegative()),
  firstDay: CalendarDate,
  lastSeenAt: Instant,
});
export type PaneStartFailureGroup = z.infer<typeof PaneStartFailureGroup>;

/** GET /pane-start-failures?days= (admins; 1..90, default 7): newest first. */
export const PaneStartFailureQuery = z.strictObject({
  days: z.optional(z.string().check(z.regex(/^([1-9]|[1-8][0-9]|90)$/, 'an integer 1..90'))),
});
export type PaneStartFailureQuery = z.infer<typeof PaneStartFailureQuery>;

export const PaneStartFailureList = z.strictObject({
  days: z.int().check(z.positive()),
  items: z.array(PaneStartFailureGroup),
});
export type PaneStartFailureList = z.infer<typeof PaneStartFailureList>;
