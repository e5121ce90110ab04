// The audit log's contract: which actions are recorded, the closed shape of each action's detail, and the admin
// API that lists them (GET /audit). A detail holds only counts, flags, enum values and identifiers of a
// restricted alphabet (no spaces, no "@"): names, addresses, subjects, bodies and secrets cannot fit in it, so
// the audit log cannot hold mail content or a data subject's identity by construction (the server refuses a
// detail outside its schema instead of storing it).
import { iso, z } from 'zod/mini';
import { Cursor, Instant } from './common.js';

/** A field name of a request body, nested ones dotted (keys of strict schemas: never a value). */
const FieldName = z.string().check(z.regex(/^[a-zA-Z][a-zA-Z0-9]{0,40}(\.[a-zA-Z][a-zA-Z0-9]{0,40})?$/));
const FieldNames = z.array(FieldName).check(z.maxLength(40));
/** Entry, opportunity and salesperson keys: letters, digits, '-' and '_' only. */
export const AuditKey = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,40}$/));
const Count = z.int().check(z.nonnegative());

export const AuditDetails = {
  'setup.update': z.strictObject({ created: z.boolean(), fields: FieldNames }),
  'consent.start': z.strictObject({}),
  'consent.complete': z.strictObject({
    outcome: z.enum(['ok', 'error']),
    code: z.nullable(z.string().check(z.regex(/^[a-z_]{1,40}$/))),
  }),
  'run.request': z.strictObject({}),
  'quarantine.release': z.strictObject({ all: z.boolean(), released: Count, notFound: Count, failed: Count }),
  'entry.cancel': z.strictObject({}),
  'entry.uncancel': z.strictObject({}),
  'entry.link': z.strictObject({ opportunityNumber: AuditKey }),
  /** Its salesperson (or an admin) marked an entry private, or public again. */
  'entry.private': z.strictObject({ private: z.boolean() }),
  'email.log': z.strictObject({ status: z.enum(['logged', 'already_logged']) }),
  /** Someone read a logged mail in Interlog's viewer (read from the logging mailbox then). */
  'mail.view': z.strictObject({ attachments: Count }),
  /** Someone downloaded an attachment of a logged mail (its size only: never its name). */
  'mail.download': z.strictObject({ bytes: Count }),
  'contact.create': z.strictObject({ kind: z.enum(['person', 'company']) }),
  'contact.update': z.strictObject({ fields: FieldNames }),
  'contact.export': z.strictObject({ format: z.enum(['json', 'csv']) }),
  'contact.erase': z.strictObject({
    entries: Count,
    opportunities: Count,
    detachedEntries: Count,
    detachedPeople: Count,
    messageStates: Count,
    pendingEntries: Count,
    blocklists: Count,
  }),
  'salesperson.create': z.strictObject({ active: z.boolean() }),
  'salesperson.update': z.strictObject({ fields: FieldNames }),
  /** Who may act as what changed: a salesperson (de)activated, bound to an Entra ID user, or readdressed. */
  'role.change': z.strictObject({
    role: z.enum(['salesperson', 'admin']),
    change: z.enum(['granted', 'revoked', 'bound', 'unbound', 'readdressed']),
  }),
  'opportunity.create': z.strictObject({ fromEntry: z.boolean() }),
  'opportunity.update': z.strictObject({ fields: FieldNames }),
  'list.import': z.strictObject({ created: Count, updated: Count, skipped: Count }),
  'list.export': z.strictObject({}),
  /** An admin was shown mail content (subject, link) of entries that are other salespeople's (one line a contact). */
  'content.read': z.strictObject({
    via: z.string().check(z.regex(/^[a-z_]{1,30}$/)),
    salespersonCodes: z.array(AuditKey).check(z.maxLength(100)),
    entryNumbers: z.array(z.int().check(z.positive())).check(z.maxLength(500)),
  }),
  /** The deployment settings (visibility model, Private/Confidential mail). */
  'settings.update': z.strictObject({ fields: FieldNames }),
  'retention.update': z.strictObject({ months: z.nullable(z.int().check(z.positive())) }),
  /** The retention job deleted entries (actor: the system). */
  'retention.delete': z.strictObject({ entries: Count, months: z.int().check(z.positive()) }),
} as const;

export type AuditAction = keyof typeof AuditDetails;
export const AUDIT_ACTIONS = Object.keys(AuditDetails) as AuditAction[];
export const AuditActionSchema = z.enum(AUDIT_ACTIONS as [AuditAction, ...AuditAction[]]);
export type AuditDetail<A extends AuditAction> = z.input<(typeof AuditDetails)[A]>;

export const AUDIT_TARGET_TYPES = [
  'mailbox',
  'entry',
  'contact',
  'opportunity',
  'salesperson',
  'list',
  'setting',
  'user',
] as const;
export const AuditTargetType = z.enum(AUDIT_TARGET_TYPES);
export type AuditTargetType = z.infer<typeof AuditTargetType>;

/** One line as the API shows it. */
export const AuditLine = z.strictObject({
  id: z.string(),
  at: Instant,
  userId: z.string(),
  userName: z.string(),
  userEmail: z.nullable(z.string()),
  roles: z.array(z.string()),
  /** The client's address as the server saw it (behind a proxy on loopback: the forwarded one). */
  client: z.nullable(z.string()),
  action: AuditActionSchema,
  targetType: AuditTargetType,
  /** For a contact: its opaque audit id (never its number, so erasing it leaves no trace here). */
  targetId: z.string(),
  /** The contact the line is about, while it exists (null once erased or when none). */
  contactNumber: z.nullable(z.string()),
  /** The contact's opaque audit id: what an erasure report names, and what still finds its lines after. */
  subject: z.nullable(z.string()),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditLine = z.infer<typeof AuditLine>;

/**
 * GET /audit?action=&user=&targetType=&targetId=&from=&to=&cursor=&limit= (admin), newest first. `user` is an
 * address or a user id; `targetId` of a contact is its number or its audit id; from/to are calendar days (to
 * inclusive).
 */
export const AuditListQuery = z.strictObject({
  action: z.optional(AuditActionSchema),
  user: z.optional(z.string().check(z.minLength(1), z.maxLength(254))),
  targetType: z.optional(AuditTargetType),
  targetId: z.optional(z.string().check(z.minLength(1), z.maxLength(254))),
  from: z.optional(iso.date()),
  to: z.optional(iso.date()),
  cursor: z.optional(Cursor),
  limit: z.optional(z.string().check(z.regex(/^([1-9]|[1-9][0-9]|100)$/, 'an integer 1..100'))),
});
export type AuditListQuery = z.infer<typeof AuditListQuery>;

export const AuditPage = z.strictObject({ items: z.array(AuditLine), nextCursor: z.nullable(z.string()) });
export type AuditPage = z.infer<typeof AuditPage>;

export const auditApiRoutes = {
  /** Admin. AuditListQuery -> AuditPage */
  audit: { method: 'GET', path: '/audit' },
  /** Admin. ?format=json|csv -> everything stored about the contact (a download) */
  exportContactData: { method: 'GET', path: '/contacts/:number/data' },
  /** Admin. -> ErasureReport */
  eraseContact: { method: 'DELETE', path: '/contacts/:number' },
  /** Admin. -> RetentionView */
  retention: { method: 'GET', path: '/retention' },
  /** Admin. RetentionUpdate -> RetentionView */
  putRetention: { method: 'PUT', path: '/retention' },
} as const;
