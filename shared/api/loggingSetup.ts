// Email-logging setup per shared mailbox (admin console): secrets go in, never come out ("set"/"not set").
import { z } from 'zod';
import { HttpsUrl, Instant } from './common.js';
import { DelegatedAccountView } from './loggingConsent.js';
import { normalizeAddress } from '../email.js';
import { ARCHIVE_ROLLOVERS, SETUP_LIMITS, UNMATCHED_ACTIONS } from '../loggingVocabulary.js';

export const SecretState = z.enum(['set', 'not set']);
export type SecretState = z.infer<typeof SecretState>;

export const UnmatchedAction = z.enum(UNMATCHED_ACTIONS);

export const LoggingPolicyView = z.strictObject({
  archiveFolder: z.string(),
  unmatched: UnmatchedAction,
  unmatchedFolder: z.string().nullable(),
  quarantineFolder: z.string(),
  /** Canonical entries: "jane@x.com" or "@x.com". */
  blocklist: z.array(z.string()),
  /** Failed attempts on one message before it goes to the quarantine folder. */
  maxAttempts: z.int(),
  /** Archive into a subfolder per year or month of the archive folder. */
  archiveRollover: z.enum(ARCHIVE_ROLLOVERS),
  /** A folder of the series with this many items is full: the next one starts (null: no threshold). */
  archiveRolloverAtItems: z.int().nullable(),
});

/** An IMAP logging mailbox's server and sign-in; its password never comes out ("set"/"not set"). */
/**
 * How the IMAP mailbox's OAuth tokens are had: `client_credentials` (RFC 6749 §4.4; Microsoft 365 app-only) or
 * `jwt_bearer` (RFC 7523, an assertion signed with a service account's key; Google Workspace with domain-wide
 * delegation, the IMAP user as the impersonated mailbox).
 */
export const OAuthGrant = z.enum(['client_credentials', 'jwt_bearer']);
export type OAuthGrant = z.infer<typeof OAuthGrant>;

export const ImapSetupView = z.strictObject({
  host: z.string(),
  port: z.int(),
  /** Implicit TLS or STARTTLS; plain text is never offered. */
  security: z.enum(['tls', 'starttls']),
  user: z.string(),
  password: SecretState,
  /** A company CA trusted for this server besides the system's. */
  caCertificate: SecretState,
  /** Folder names for servers without SPECIAL-USE (null: SPECIAL-USE, then the usual English name). */
  archiveFolderName: z.string().nullable(),
  junkFolderName: z.string().nullable(),
  trashFolderName: z.string().nullable(),
  /** Sign in with the password, or with SASL XOAUTH2 and a token from the OAuth client below. */
  auth: z.enum(['password', 'oauth2']).default('password'),
  oauth: z
    .strictObject({
      /** Client credentials (Microsoft 365), or a service account's signed JWT (Google Workspace). */
      grant: OAuthGrant.default('client_credentials'),
      tokenUrl: z.string(),
      /** The client id, or the service account's email (the JWT's issuer). */
      clientId: z.string(),
      /** The client secret, or the service account's private key. */
      clientSecret: SecretState,
      scope: z.string(),
    })
    .nullable()
    .default(null),
});
export type ImapSetupView = z.infer<typeof ImapSetupView>;

export const LoggingSetupView = z.strictObject({
  mailbox: z.string(),
  enabled: z.boolean(),
  /** Microsoft 365 through Graph, or any mail host through IMAP. */
  provider: z.enum(['graph', 'imap']),
  /** Provider 'imap' only. */
  imap: ImapSetupView.nullable().default(null),
  authMode: z.enum(['app', 'delegated']),
  tenantId: z.string().nullable(),
  clientId: z.string().nullable(),
  clientSecret: SecretState,
  certificateThumbprint: z.string().nullable(),
  certificateKey: SecretState,
  redirectUrl: z.string().nullable(),
  consentGiven: z.boolean(),
  jobAccount: z.string().nullable(),
  tokenCache: SecretState,
  /** Delegated access: the job account signed in through POST .../consent (null until then). */
  delegatedAccount: DelegatedAccountView.nullable(),
  batchSize: z.int(),
  intervalSeconds: z.int(),
  policy: LoggingPolicyView,
  receivedFrom: Instant.nullable(),
  runRequestedAt: Instant.nullable(),
  lastValidatedAt: Instant.nullable(),
  lastValidationOk: z.boolean().nullable(),
});
export type LoggingSetupView = z.infer<typeof LoggingSetupView>;

export const LoggingSetupList = z.strictObject({ items: z.array(LoggingSetupView) });

const Identifier = z.string().trim().min(1).max(200);
const Folder = z.string().trim().min(1).max(255);
const Thumbprint = z
  .string()
  .regex(/^[0-9A-Fa-f]{40}([0-9A-Fa-f]{24})?$/, 'a SHA-1 or SHA-256 thumbprint in hex');

/**
 * PUT /logging/setups/{mailbox} -> LoggingSetupView (201 when created). Only the fields given change; null
 * clears. Secrets are sealed at rest. Changing the access mode, tenant, client id or a credential (sending the
 * stored value again is no change) clears `consentGiven` (Business Central's rule), the token cache and the
 * signed-in job account.
 */
/** An IMAP server and its sign-in, as a PUT sets them (the whole object; absent secrets keep the stored ones). */
export const ImapSetupUpdate = z.strictObject({
  host: z.string().trim().min(1).max(253),
  port: z.int().min(1).max(65_535),
  security: z.enum(['tls', 'starttls']),
  user: z.string().trim().min(1).max(320),
  /** Sealed at rest; absent keeps the stored password, null clears it. */
  password: z.string().min(1).max(1024).nullable().optional(),
  /** PEM certificate(s) of a company CA; absent keeps the stored one, null clears it. */
  caCertificate: z
    .string()
    .max(65_536)
    .refine((s) => s.includes('-----BEGIN CERTIFICATE-----'), 'a PEM certificate')
    .nullable()
    .optional(),
  archiveFolderName: Folder.nullable().optional(),
  junkFolderName: Folder.nullable().optional(),
  trashFolderName: Folder.nullable().optional(),
  /** Absent keeps the stored choice ('password' for a new setup); 'oauth2' needs `oauth`. */
  auth: z.enum(['password', 'oauth2']).optional(),
  /**
   * The OAuth client whose client-credentials tokens the server accepts (Microsoft 365: the tenant's token
   * endpoint, the app registration's id and secret, scope https://outlook.office365.com/.default). Absent keeps
   * the stored one, null clears it; an absent secret keeps the stored secret.
   */
  oauth: z
    .strictObject({
      /** Absent: client credentials. */
      grant: OAuthGrant.optional(),
      tokenUrl: HttpsUrl.max(2048),
      /** The client id, or (jwt_bearer) the service account's email. */
      clientId: Identifier,
      /** The client secret, or (jwt_bearer) the service account's PKCS#8 PEM private key. */
      clientSecret: z.string().min(1).max(8192).nullable().optional(),
      scope: z.string().trim().min(1).max(1000),
    })
    .refine(
      (o) =>
        o.clientSecret == null ||
        (o.grant === 'jwt_bearer') === o.clientSecret.includes('-----BEGIN PRIVATE KEY-----'),
      {
        path: ['clientSecret'],
        message:
          "a service account's key is a PEM private key (-----BEGIN PRIVATE KEY-----); a client secret is not",
      },
    )
    .nullable()
    .optional(),
});
export type ImapSetupUpdate = z.infer<typeof ImapSetupUpdate>;

export const LoggingSetupUpdate = z.strictObject({
  enabled: z.boolean().optional(),
  /** Microsoft 365 through Graph (the default), or IMAP with `imap` set. */
  provider: z.enum(['graph', 'imap']).optional(),
  imap: ImapSetupUpdate.nullable().optional(),
  authMode: z.enum(['app', 'delegated']).optional(),
  tenantId: Identifier.nullable().optional(),
  clientId: Identifier.nullable().optional(),
  clientSecret: z.string().min(1).max(1024).nullable().optional(),
  certificateThumbprint: Thumbprint.nullable().optional(),
  /** PEM private key of the certificate credential. */
  certificateKey: z.string().min(1).max(16_384).nullable().optional(),
  redirectUrl: HttpsUrl.nullable().optional(),
  jobAccount: z.email().max(254).nullable().optional(),
  batchSize: z.int().min(SETUP_LIMITS.batchSize.min).max(SETUP_LIMITS.batchSize.max).optional(),
  intervalSeconds: z
    .int()
    .min(SETUP_LIMITS.intervalSeconds.min)
    .max(SETUP_LIMITS.intervalSeconds.max)
    .optional(),
  policy: z
    .strictObject({
      unmatched: UnmatchedAction.optional(),
      unmatchedFolder: Folder.nullable().optional(),
      blocklist: z.array(z.string().max(254)).max(5000).optional(),
      quarantineFolder: Folder.optional(),
      archiveFolder: Folder.optional(),
      maxAttempts: z.int().min(SETUP_LIMITS.maxAttempts.min).max(SETUP_LIMITS.maxAttempts.max).optional(),
      archiveRollover: z.enum(ARCHIVE_ROLLOVERS).optional(),
      archiveRolloverAtItems: z
        .int()
        .min(SETUP_LIMITS.archiveRolloverAtItems.min)
        .max(SETUP_LIMITS.archiveRolloverAtItems.max)
        .nullable()
        .optional(),
    })
    .optional(),
});
export type LoggingSetupUpdate = z.infer<typeof LoggingSetupUpdate>;

/**
 * POST /logging/setup-checks (admins): the wizard's "Check connection" of inputs not saved yet -> SetupValidation.
 * The same checks as .../validate, on the mailbox's stored setup (if any) with these inputs in its place; nothing
 * is stored, so a mistyped mailbox leaves no setup behind. A thumbprint means the certificate credential, else the
 * client secret; an absent secret or key means the one stored for this mailbox (400 when there is none). Delegated
 * access counts the stored job account's sign-in only while the app registration is the stored one. With
 * `provider: 'imap'`, the IMAP server and sign-in instead (an absent password: the stored one).
 */
const CheckedMailbox = z
  .string()
  .max(254)
  .refine((s) => normalizeAddress(s) !== null, 'not an email address');

const GraphSetupCheck = z
  .strictObject({
    mailbox: CheckedMailbox,
    provider: z.literal('graph').optional(),
    authMode: z.enum(['app', 'delegated']),
    tenantId: Identifier,
    clientId: Identifier,
    clientSecret: z.string().min(1).max(1024).optional(),
    certificateThumbprint: Thumbprint.optional(),
    /** PEM private key of the certificate credential. */
    certificateKey: z.string().min(1).max(16_384).optional(),
    jobAccount: z.email().max(254).nullable().optional(),
  })
  .refine((r) => !(r.clientSecret && r.certificateThumbprint), {
    path: ['clientSecret'],
    message: 'a client secret or a certificate, not both',
  })
  .refine((r) => !(r.certificateKey && !r.certificateThumbprint), {
    path: ['certificateThumbprint'],
    message: 'a certificate key needs its thumbprint',
  });

/** An IMAP mailbox's check: its server and sign-in as a PUT sets them (an absent password: the stored one). */
const ImapSetupCheck = z.strictObject({
  mailbox: CheckedMailbox,
  provider: z.literal('imap'),
  imap: ImapSetupUpdate,
});

export const SetupCheckRequest = z.discriminatedUnion('provider', [GraphSetupCheck, ImapSetupCheck]);
export type SetupCheckRequest = z.infer<typeof SetupCheckRequest>;
export type GraphSetupCheckRequest = z.infer<typeof GraphSetupCheck>;
export type ImapSetupCheckRequest = z.infer<typeof ImapSetupCheck>;

/**
 * POST /logging/setups/{mailbox}/validate: signs in, reads the Inbox and checks the archive and quarantine
 * folders (Business Central's "Validate", plus the folders); each step with advice an admin can act on. An IMAP
 * setup also proves it may move mail (move_permission).
 */
export const SetupValidationStep = z.strictObject({
  /**
   * IMAP setups only: unmatched_folder (where unmatched mail goes: Trash for 'delete', the named folder for
   * 'move'; not asked for 'keep'), move_permission (a probe message moved between the loop's folders and deleted).
   */
  name: z.enum([
    'connection',
    'inbox',
    'archive_folder',
    'quarantine_folder',
    'unmatched_folder',
    'move_permission',
  ]),
  ok: z.boolean(),
  /**
   * Stable code of the failure. Graph: the mail source's (auth_failed, access_denied, mailbox_not_found, ...).
   * IMAP: unreachable, tls_failed, auth_failed, folder_missing, move_denied, throttled, server_error.
   */
  code: z.string().nullable(),
  message: z.string(),
});
export const SetupValidation = z.strictObject({
  ok: z.boolean(),
  /** The first failing step's code, null when ok. */
  code: z.string().nullable(),
  message: z.string(),
  steps: z.array(SetupValidationStep),
  validatedAt: Instant,
});
export type SetupValidation = z.infer<typeof SetupValidation>;

/** POST /logging/setups/{mailbox}/run -> 202: the scheduler starts a run soon ("Run now"). */
export const RunRequested = z.strictObject({ mailbox: z.string(), requestedAt: Instant });

export const JobRunView = z.strictObject({
  runId: z.string(),
  trigger: z.enum(['schedule', 'manual', 'cli']),
  instanceId: z.string(),
  startedAt: Instant,
  finishedAt: Instant.nullable(),
  outcome: z.enum(['running', 'succeeded', 'partial', 'failed']),
  counts: z.record(z.string(), z.number()),
  errors: z.array(
    z.strictObject({
      context: z.string(),
      code: z.string(),
      message: z.string(),
      messageId: z.string().nullable(),
      at: Instant,
    }),
  ),
});
export type JobRunView = z.infer<typeof JobRunView>;
export const JobRunList = z.strictObject({ items: z.array(JobRunView) });

/** GET /logging/setups/{mailbox}/runs?limit= (1..100, default 20), newest first. */
export const JobRunListQuery = z.strictObject({
  limit: z
    .string()
    .regex(/^([1-9]|[1-9][0-9]|100)$/, 'an integer 1..100')
    .optional(),
});

export const QuarantinedMessage = z.strictObject({
  messageId: z.string(),
  internetMessageId: z.string().nullable(),
  subject: z.string(),
  state: z.enum(['failing', 'quarantined', 'kept']),
  reason: z.string(),
  code: z.string(),
  attempts: z.int(),
  /** Quarantined where it is: even its move to the quarantine folder failed. */
  inInbox: z.boolean(),
  updatedAt: Instant,
});
export type QuarantinedMessage = z.infer<typeof QuarantinedMessage>;
export const QuarantineList = z.strictObject({ items: z.array(QuarantinedMessage) });

/**
 * POST /logging/setups/{mailbox}/quarantine/release (admins): the messages go back to the Inbox and the next run
 * processes them again (logged if they are loggable now, quarantined again if not). `messageIds` or `all`.
 */
export const ReleaseQuarantineRequest = z.union([
  z.strictObject({ messageIds: z.array(z.string().min(1).max(500)).min(1).max(200) }),
  z.strictObject({ all: z.literal(true) }),
]);
export type ReleaseQuarantineRequest = z.infer<typeof ReleaseQuarantineRequest>;

export const ReleaseQuarantineResult = z.strictObject({
  released: z.int().nonnegative(),
  /** Ids that were not quarantined in this mailbox (or could not be moved back; see `failed`). */
  notFound: z.array(z.string()),
  failed: z.array(z.strictObject({ messageId: z.string(), message: z.string() })),
});
export type ReleaseQuarantineResult = z.infer<typeof ReleaseQuarantineResult>;

/** GET /logging/setups/{mailbox}/quarantine?state=&limit= : quarantined (default) or still failing messages. */
export const QuarantineListQuery = z.strictObject({
  state: z.enum(['quarantined', 'failing']).optional(),
  limit: z
    .string()
    .regex(/^([1-9]|[1-9][0-9]|1[0-9][0-9]|200)$/, 'an integer 1..200')
    .optional(),
});
