// Email-logging setup per shared mailbox (admin console): secrets go in, never come out ("set"/"not set").
import { z } from 'zod/mini';
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
  unmatchedFolder: z.nullable(z.string()),
  quarantineFolder: z.string(),
  /** Canonical entries: "jane@x.com" or "@x.com". */
  blocklist: z.array(z.string()),
  /** Failed attempts on one message before it goes to the quarantine folder. */
  maxAttempts: z.int(),
  /** Archive into a subfolder per year or month of the archive folder. */
  archiveRollover: z.enum(ARCHIVE_ROLLOVERS),
  /** A folder of the series with this many items is full: the next one starts (null: no threshold). */
  archiveRolloverAtItems: z.nullable(z.int()),
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
  archiveFolderName: z.nullable(z.string()),
  junkFolderName: z.nullable(z.string()),
  trashFolderName: z.nullable(z.string()),
  /** Sign in with the password, or with SASL XOAUTH2 and a token from the OAuth client below. */
  auth: z._default(z.enum(['password', 'oauth2']), 'password'),
  oauth: z._default(
    z.nullable(
      z.strictObject({
        /** Client credentials (Microsoft 365), or a service account's signed JWT (Google Workspace). */
        grant: z._default(OAuthGrant, 'client_credentials'),
        tokenUrl: z.string(),
        /** The client id, or the service account's email (the JWT's issuer). */
        clientId: z.string(),
        /** The client secret, or the service account's private key. */
        clientSecret: SecretState,
        scope: z.string(),
      }),
    ),
    null,
  ),
});
export type ImapSetupView = z.infer<typeof ImapSetupView>;

export const LoggingSetupView = z.strictObject({
  mailbox: z.string(),
  enabled: z.boolean(),
  /** Microsoft 365 through Graph, or any mail host through IMAP. */
  provider: z.enum(['graph', 'imap']),
  /** Provider 'imap' only. */
  imap: z._default(z.nullable(ImapSetupView), null),
  authMode: z.enum(['app', 'delegated']),
  tenantId: z.nullable(z.string()),
  clientId: z.nullable(z.string()),
  clientSecret: SecretState,
  certificateThumbprint: z.nullable(z.string()),
  certificateKey: SecretState,
  redirectUrl: z.nullable(z.string()),
  consentGiven: z.boolean(),
  jobAccount: z.nullable(z.string()),
  tokenCache: SecretState,
  /** Delegated access: the job account signed in through POST .../consent (null until then). */
  delegatedAccount: z.nullable(DelegatedAccountView),
  batchSize: z.int(),
  intervalSeconds: z.int(),
  policy: LoggingPolicyView,
  receivedFrom: z.nullable(Instant),
  runRequestedAt: z.nullable(Instant),
  lastValidatedAt: z.nullable(Instant),
  lastValidationOk: z.nullable(z.boolean()),
});
export type LoggingSetupView = z.infer<typeof LoggingSetupView>;

export const LoggingSetupList = z.strictObject({ items: z.array(LoggingSetupView) });

const Identifier = z.string().check(z.trim(), z.minLength(1), z.maxLength(200));
const Folder = z.string().check(z.trim(), z.minLength(1), z.maxLength(255));
const Thumbprint = z
  .string()
  .check(z.regex(/^[0-9A-Fa-f]{40}([0-9A-Fa-f]{24})?$/, 'a SHA-1 or SHA-256 thumbprint in hex'));

/**
 * PUT /logging/setups/{mailbox} -> LoggingSetupView (201 when created). Only the fields given change; null
 * clears. Secrets are sealed at rest. Changing the access mode, tenant, client id or a credential (sending the
 * stored value again is no change) clears `consentGiven` (Business Central's rule), the token cache and the
 * signed-in job account.
 */
/** An IMAP server and its sign-in, as a PUT sets them (the whole object; absent secrets keep the stored ones). */
export const ImapSetupUpdate = z.strictObject({
  host: z.string().check(z.trim(), z.minLength(1), z.maxLength(253)),
  port: z.int().check(z.gte(1), z.lte(65_535)),
  security: z.enum(['tls', 'starttls']),
  user: z.string().check(z.trim(), z.minLength(1), z.maxLength(320)),
  /** Sealed at rest; absent keeps the stored password, null clears it. */
  password: z.optional(z.nullable(z.string().check(z.minLength(1), z.maxLength(1024)))),
  /** PEM certificate(s) of a company CA; absent keeps the stored one, null clears it. */
  caCertificate: z.optional(
    z.nullable(
      z.string().check(
        z.maxLength(65_536),
        z.refine((s) => s.includes('-----BEGIN CERTIFICATE-----'), 'a PEM certificate'),
      ),
    ),
  ),
  archiveFolderName: z.optional(z.nullable(Folder)),
  junkFolderName: z.optional(z.nullable(Folder)),
  trashFolderName: z.optional(z.nullable(Folder)),
  /** Absent keeps the stored choice ('password' for a new setup); 'oauth2' needs `oauth`. */
  auth: z.optional(z.enum(['password', 'oauth2'])),
  /**
   * The OAuth client whose client-credentials tokens the server accepts (Microsoft 365: the tenant's token
   * endpoint, the app registration's id and secret, scope https://outlook.office365.com/.default). Absent keeps
   * the stored one, null clears it; an absent secret keeps the stored secret.
   */
  oauth: z.optional(
    z.nullable(
      z
        .strictObject({
          /** Absent: client credentials. */
          grant: z.optional(OAuthGrant),
          tokenUrl: HttpsUrl.check(z.maxLength(2048)),
          /** The client id, or (jwt_bearer) the service account's email. */
          clientId: Identifier,
          /** The client secret, or (jwt_bearer) the service account's PKCS#8 PEM private key. */
          clientSecret: z.optional(z.nullable(z.string().check(z.minLength(1), z.maxLength(8192)))),
          scope: z.string().check(z.trim(), z.minLength(1), z.maxLength(1000)),
        })
        .check(
          z.refine(
            (o) =>
              o.clientSecret == null ||
              (o.grant === 'jwt_bearer') === o.clientSecret.includes('-----BEGIN PRIVATE KEY-----'),
            {
              path: ['clientSecret'],
              message:
                "a service account's key is a PEM private key (-----BEGIN PRIVATE KEY-----); a client secret is not",
            },
          ),
        ),
    ),
  ),
});
export type ImapSetupUpdate = z.infer<typeof ImapSetupUpdate>;

export const LoggingSetupUpdate = z.strictObject({
  enabled: z.optional(z.boolean()),
  /** Microsoft 365 through Graph (the default), or IMAP with `imap` set. */
  provider: z.optional(z.enum(['graph', 'imap'])),
  imap: z.optional(z.nullable(ImapSetupUpdate)),
  authMode: z.optional(z.enum(['app', 'delegated'])),
  tenantId: z.optional(z.nullable(Identifier)),
  clientId: z.optional(z.nullable(Identifier)),
  clientSecret: z.optional(z.nullable(z.string().check(z.minLength(1), z.maxLength(1024)))),
  certificateThumbprint: z.optional(z.nullable(Thumbprint)),
  /** PEM private key of the certificate credential. */
  certificateKey: z.optional(z.nullable(z.string().check(z.minLength(1), z.maxLength(16_384)))),
  redirectUrl: z.optional(z.nullable(HttpsUrl)),
  jobAccount: z.optional(z.nullable(z.email().check(z.maxLength(254)))),
  batchSize: z.optional(z.int().check(z.gte(SETUP_LIMITS.batchSize.min), z.lte(SETUP_LIMITS.batchSize.max))),
  intervalSeconds: z.optional(
    z.int().check(z.gte(SETUP_LIMITS.intervalSeconds.min), z.lte(SETUP_LIMITS.intervalSeconds.max)),
  ),
  policy: z.optional(
    z.strictObject({
      unmatched: z.optional(UnmatchedAction),
      unmatchedFolder: z.optional(z.nullable(Folder)),
      blocklist: z.optional(z.array(z.string().check(z.maxLength(254))).check(z.maxLength(5000))),
      quarantineFolder: z.optional(Folder),
      archiveFolder: z.optional(Folder),
      maxAttempts: z.optional(
        z.int().check(z.gte(SETUP_LIMITS.maxAttempts.min), z.lte(SETUP_LIMITS.maxAttempts.max)),
      ),
      archiveRollover: z.optional(z.enum(ARCHIVE_ROLLOVERS)),
      archiveRolloverAtItems: z.optional(
        z.nullable(
          z
            .int()
            .check(
              z.gte(SETUP_LIMITS.archiveRolloverAtItems.min),
              z.lte(SETUP_LIMITS.archiveRolloverAtItems.max),
            ),
        ),
      ),
    }),
  ),
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
const CheckedMailbox = z.string().check(
  z.maxLength(254),
  z.refine((s) => normalizeAddress(s) !== null, 'not an email address'),
);

const GraphSetupCheck = z
  .strictObject({
    mailbox: CheckedMailbox,
    provider: z.optional(z.literal('graph')),
    authMode: z.enum(['app', 'delegated']),
    tenantId: Identifier,
    clientId: Identifier,
    clientSecret: z.optional(z.string().check(z.minLength(1), z.maxLength(1024))),
    certificateThumbprint: z.optional(Thumbprint),
    /** PEM private key of the certificate credential. */
    certificateKey: z.optional(z.string().check(z.minLength(1), z.maxLength(16_384))),
    jobAccount: z.optional(z.nullable(z.email().check(z.maxLength(254)))),
  })
  .check(
    z.refine((r) => !(r.clientSecret && r.certificateThumbprint), {
      path: ['clientSecret'],
      message: 'a client secret or a certificate, not both',
    }),
    z.refine((r) => !(r.certificateKey && !r.certificateThumbprint), {
      path: ['certificateThumbprint'],
      message: 'a certificate key needs its thumbprint',
    }),
  );

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
  code: z.nullable(z.string()),
  message: z.string(),
});
export const SetupValidation = z.strictObject({
  ok: z.boolean(),
  /** The first failing step's code, null when ok. */
  code: z.nullable(z.string()),
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
  finishedAt: z.nullable(Instant),
  outcome: z.enum(['running', 'succeeded', 'partial', 'failed']),
  counts: z.record(z.string(), z.number()),
  errors: z.array(
    z.strictObject({
      context: z.string(),
      code: z.string(),
      message: z.string(),
      messageId: z.nullable(z.string()),
      at: Instant,
    }),
  ),
});
export type JobRunView = z.infer<typeof JobRunView>;
export const JobRunList = z.strictObject({ items: z.array(JobRunView) });

/** GET /logging/setups/{mailbox}/runs?limit= (1..100, default 20), newest first. */
export const JobRunListQuery = z.strictObject({
  limit: z.optional(z.string().check(z.regex(/^([1-9]|[1-9][0-9]|100)$/, 'an integer 1..100'))),
});

export const QuarantinedMessage = z.strictObject({
  messageId: z.string(),
  internetMessageId: z.nullable(z.string()),
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
  z.strictObject({
    messageIds: z
      .array(z.string().check(z.minLength(1), z.maxLength(500)))
      .check(z.minLength(1), z.maxLength(200)),
  }),
  z.strictObject({ all: z.literal(true) }),
]);
export type ReleaseQuarantineRequest = z.infer<typeof ReleaseQuarantineRequest>;

export const ReleaseQuarantineResult = z.strictObject({
  released: z.int().check(z.nonnegative()),
  /** Ids that were not quarantined in this mailbox (or could not be moved back; see `failed`). */
  notFound: z.array(z.string()),
  failed: z.array(z.strictObject({ messageId: z.string(), message: z.string() })),
});
export type ReleaseQuarantineResult = z.infer<typeof ReleaseQuarantineResult>;

/** GET /logging/setups/{mailbox}/quarantine?state=&limit= : quarantined (default) or still failing messages. */
export const QuarantineListQuery = z.strictObject({
  state: z.optional(z.enum(['quarantined', 'failing'])),
  limit: z.optional(z.string().check(z.regex(/^([1-9]|[1-9][0-9]|1[0-9][0-9]|200)$/, 'an integer 1..200'))),
});
