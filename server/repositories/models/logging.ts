// Email-logging setup per shared mailbox, its runs, its lease and the per-message ledger of the loop.
import { Schema } from 'mongoose';
import { DEFAULT_ARCHIVE_FOLDER, DEFAULT_QUARANTINE_FOLDER } from '../../domain/policy.js';
import {
  ARCHIVE_ROLLOVERS,
  ERROR_CONTEXTS,
  JOB_RUN_COUNTERS,
  SETUP_LIMITS,
  UNMATCHED_ACTIONS,
  type ArchiveRollover,
  type ErrorContext,
  type JobRunCounter,
  type UnmatchedAction,
} from '../../../shared/loggingVocabulary.js';

export interface LoggingPolicyDoc {
  archiveFolder: string;
  unmatched: UnmatchedAction;
  unmatchedFolder: string | null;
  quarantineFolder: string;
  blocklist: string[];
  /** Failed attempts on one message before it is quarantined. */
  maxAttempts: number;
  archiveRollover: ArchiveRollover;
  archiveRolloverAtItems: number | null;
}

/** The job account signed in through the consent flow (delegated access); its tokens live in the sealed cache. */
export interface DelegatedAccountDoc {
  /** MSAL's homeAccountId: which account of the token cache the job uses. */
  homeAccountId: string;
  username: string;
  consentedAt: Date;
  /** The admin who signed the job account in (their address, else their user id). */
  consentedBy: string;
}

/** The Inbox read position, versioned: a cursor of another format (version) is dropped for a full round. */
export interface InboxCursorDoc {
  version: number;
  link: string;
  savedAt: Date;
}

export interface ArchiveStatusDoc {
  folder: string;
  itemCount: number | null;
  sizeBytes: number | null;
  level: 'ok' | 'warning' | 'critical';
  reasons: string[];
  checkedAt: Date;
}

/** An OAuth client whose tokens the IMAP server accepts (SASL XOAUTH2). */
export interface ImapOAuthDoc {
  /** Client credentials (absent: stored before service accounts), or a service account's JWT bearer assertion. */
  grant?: 'client_credentials' | 'jwt_bearer';
  /** e.g. https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token, https://oauth2.googleapis.com/token */
  tokenUrl: string;
  /** The client id, or the service account's email (the assertion's issuer). */
  clientId: string;
  /** The client secret, or the service account's private key (PEM); sealed like the password. */
  clientSecretSealed: string | null;
  /** e.g. https://outlook.office365.com/.default */
  scope: string;
}

/** Where an IMAP logging mailbox is and how it signs in (provider 'imap'). */
export interface ImapSetupDoc {
  host: string;
  port: number;
  /** Implicit TLS or STARTTLS; plain text is never offered. */
  security: 'tls' | 'starttls';
  user: string;
  /** AES-256-GCM sealed (server/security/secretBox), like the Graph client secret; never leaves the server. */
  passwordSealed: string | null;
  /** PEM certificate(s) of a company CA trusted for this server besides the system's. */
  caPem: string | null;
  /** Folder names for servers without SPECIAL-USE (null: SPECIAL-USE, then the usual English name). */
  archiveFolderName: string | null;
  junkFolderName: string | null;
  trashFolderName: string | null;
  /** The password, or SASL XOAUTH2 with a token from `oauth` (absent: stored before OAuth existed, password). */
  auth?: 'password' | 'oauth2';
  oauth?: ImapOAuthDoc | null;
}

export interface LoggingSetupDoc {
  mailbox: string;
  enabled: boolean;
  provider: 'graph' | 'imap';
  /** Set when provider is 'imap'. */
  imap: ImapSetupDoc | null;
  authMode: 'app' | 'delegated';
  tenantId: string | null;
  clientId: string | null;
  /** AES-256-GCM sealed (server/security/secretBox); never leaves the server. */
  clientSecretSealed: string | null;
  certificateThumbprint: string | null;
  certificateKeySealed: string | null;
  redirectUrl: string | null;
  consentGiven: boolean;
  jobAccount: string | null;
  tokenCacheSealed: string | null;
  /** Grows with every write of the token cache: a run saves only over the version it loaded. */
  tokenCacheVersion: number;
  delegatedAccount: DelegatedAccountDoc | null;
  batchSize: number;
  intervalSeconds: number;
  policy: LoggingPolicyDoc;
  /** domain/directory.ts directoryFingerprint at the last run: a change brings kept mail back. */
  directoryFingerprint: string | null;
  /** The newest receivedDateTime the loop has handled (shown to admins; the Inbox is read by its cursor). */
  receivedFrom: Date | null;
  /** Where the next run reads the Inbox from: a change-tracking link (Graph: a delta nextLink or deltaLink). */
  inboxCursor: InboxCursorDoc | null;
  /** The folder the last run archived into and how full it was (domain/archiveCapacity.ts). */
  archiveStatus: ArchiveStatusDoc | null;
  runRequestedAt: Date | null;
  lastValidatedAt: Date | null;
  lastValidationOk: boolean | null;
  createdAt: Date;
  updatedAt: Date;
}

const policySchema = new Schema<LoggingPolicyDoc>(
  {
    archiveFolder: { type: String, default: DEFAULT_ARCHIVE_FOLDER },
    unmatched: { type: String, enum: UNMATCHED_ACTIONS, default: 'delete' },
    unmatchedFolder: { type: String, default: null },
    quarantineFolder: { type: String, default: DEFAULT_QUARANTINE_FOLDER },
    blocklist: { type: [String], default: [] },
    maxAttempts: { type: Number, default: SETUP_LIMITS.maxAttempts.default },
    archiveRollover: { type: String, enum: ARCHIVE_ROLLOVERS, default: 'off' },
    archiveRolloverAtItems: { type: Number, default: null },
  },
  { _id: false },
);

const inboxCursorSchema = new Schema<InboxCursorDoc>(
  {
    version: { type: Number, required: true },
    link: { type: String, required: true, maxlength: 16_384 },
    savedAt: { type: Date, required: true },
  },
  { _id: false },
);

const archiveStatusSchema = new Schema<ArchiveStatusDoc>(
  {
    folder: { type: String, required: true },
    itemCount: { type: Number, default: null },
    sizeBytes: { type: Number, default: null },
    level: { type: String, enum: ['ok', 'warning', 'critical'], required: true },
    reasons: { type: [String], default: [] },
    checkedAt: { type: Date, required: true },
  },
  { _id: false },
);

const imapSetupSchema = new Schema<ImapSetupDoc>(
  {
    host: { type: String, required: true, maxlength: 253 },
    port: { type: Number, required: true, min: 1, max: 65_535 },
    security: { type: String, enum: ['tls', 'starttls'], required: true },
    user: { type: String, required: true, maxlength: 320 },
    passwordSealed: { type: String, default: null },
    caPem: { type: String, default: null, maxlength: 65_536 },
    archiveFolderName: { type: String, default: null, maxlength: 255 },
    junkFolderName: { type: String, default: null, maxlength: 255 },
    trashFolderName: { type: String, default: null, maxlength: 255 },
    auth: { type: String, enum: ['password', 'oauth2'], default: 'password' },
    oauth: {
      type: new Schema<ImapOAuthDoc>(
        {
          grant: { type: String, enum: ['client_credentials', 'jwt_bearer'], default: 'client_credentials' },
          tokenUrl: { type: String, required: true, maxlength: 2048 },
          clientId: { type: String, required: true, maxlength: 200 },
          clientSecretSealed: { type: String, default: null },
          scope: { type: String, required: true, maxlength: 1000 },
        },
        { _id: false },
      ),
      default: null,
    },
  },
  { _id: false },
);

const delegatedAccountSchema = new Schema<DelegatedAccountDoc>(
  {
    homeAccountId: { type: String, required: true },
    username: { type: String, required: true },
    consentedAt: { type: Date, required: true },
    consentedBy: { type: String, required: true },
  },
  { _id: false },
);

export const loggingSetupSchema = new Schema<LoggingSetupDoc>(
  {
    mailbox: { type: String, required: true, maxlength: 254 },
    enabled: { type: Boolean, default: false },
    provider: { type: String, enum: ['graph', 'imap'], default: 'graph' },
    imap: { type: imapSetupSchema, default: null },
    authMode: { type: String, enum: ['app', 'delegated'], default: 'app' },
    tenantId: { type: String, default: null },
    clientId: { type: String, default: null },
    clientSecretSealed: { type: String, default: null },
    certificateThumbprint: { type: String, default: null },
    certificateKeySealed: { type: String, default: null },
    redirectUrl: { type: String, default: null },
    consentGiven: { type: Boolean, default: false },
    jobAccount: { type: String, default: null },
    tokenCacheSealed: { type: String, default: null },
    tokenCacheVersion: { type: Number, default: 0 },
    directoryFingerprint: { type: String, default: null },
    delegatedAccount: { type: delegatedAccountSchema, default: null },
    batchSize: { type: Number, ...SETUP_LIMITS.batchSize },
    intervalSeconds: { type: Number, ...SETUP_LIMITS.intervalSeconds },
    policy: { type: policySchema, default: () => ({}) },
    receivedFrom: { type: Date, default: null },
    inboxCursor: { type: inboxCursorSchema, default: null },
    archiveStatus: { type: archiveStatusSchema, default: null },
    runRequestedAt: { type: Date, default: null },
    lastValidatedAt: { type: Date, default: null },
    lastValidationOk: { type: Boolean, default: null },
  },
  { timestamps: true, strict: 'throw' },
);
loggingSetupSchema.index({ mailbox: 1 }, { unique: true });
loggingSetupSchema.index({ enabled: 1 });

export interface JobRunErrorDoc {
  context: ErrorContext;
  code: string;
  message: string;
  messageId: string | null;
  at: Date;
}

export interface JobRunDoc {
  runId: string;
  mailbox: string;
  instanceId: string;
  trigger: 'schedule' | 'manual' | 'cli';
  startedAt: Date;
  finishedAt: Date | null;
  outcome: 'running' | 'succeeded' | 'partial' | 'failed';
  counts: Record<JobRunCounter, number>;
  errors: JobRunErrorDoc[];
}

const countsDefinition = Object.fromEntries(JOB_RUN_COUNTERS.map((c) => [c, { type: Number, default: 0 }]));

export const jobRunSchema = new Schema<JobRunDoc>(
  {
    runId: { type: String, required: true },
    mailbox: { type: String, required: true },
    instanceId: { type: String, required: true },
    trigger: { type: String, enum: ['schedule', 'manual', 'cli'], required: true },
    startedAt: { type: Date, required: true },
    finishedAt: { type: Date, default: null },
    outcome: { type: String, enum: ['running', 'succeeded', 'partial', 'failed'], required: true },
    counts: { type: new Schema(countsDefinition, { _id: false }), default: () => ({}) },
    errors: {
      type: [
        new Schema<JobRunErrorDoc>(
          {
            context: { type: String, enum: ERROR_CONTEXTS, required: true },
            code: { type: String, required: true },
            message: { type: String, required: true, maxlength: 2000 },
            messageId: { type: String, default: null },
            at: { type: Date, required: true },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
  },
  // `errors` is what Business Central and admins call them; mongoose only warns because documents have .errors.
  { strict: 'throw', suppressReservedKeysWarning: true },
);
jobRunSchema.index({ runId: 1 }, { unique: true });
jobRunSchema.index({ mailbox: 1, startedAt: -1 });
jobRunSchema.index({ mailbox: 1, outcome: 1 });

/** One lease generation per document: taking over = inserting generation N+1, which the unique _id arbitrates. */
export interface LeaseDoc {
  _id: string; // `${name}#${generation}`
  name: string;
  generation: number;
  owner: string;
  expiresAt: Date;
}

export const leaseSchema = new Schema<LeaseDoc>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    generation: { type: Number, required: true },
    owner: { type: String, required: true },
    expiresAt: { type: Date, required: true },
  },
  { strict: 'throw', versionKey: false },
);
leaseSchema.index({ name: 1, generation: -1 });

/** Messages the loop could not finish (quarantined or failing), with why: shown to admins, retried by id. */
export interface MessageStateDoc {
  _id: string; // `${mailbox}#${messageId}`
  mailbox: string;
  messageId: string;
  internetMessageId: string | null;
  subject: string;
  state: 'failing' | 'quarantined' | 'kept';
  reason: string;
  code: string;
  attempts: number;
  /** Quarantined where it is: the move to the quarantine folder failed too, so it waits in the Inbox. */
  inInbox: boolean;
  /** Who last released it from quarantine, and when (null: never released). */
  releasedBy: string | null;
  releasedAt: Date | null;
  updatedAt: Date;
}

export const messageStateSchema = new Schema<MessageStateDoc>(
  {
    _id: { type: String, required: true },
    mailbox: { type: String, required: true },
    messageId: { type: String, required: true },
    internetMessageId: { type: String, default: null },
    subject: { type: String, default: '' },
    state: { type: String, enum: ['failing', 'quarantined', 'kept'], required: true },
    reason: { type: String, required: true },
    code: { type: String, required: true },
    attempts: { type: Number, default: 0 },
    inInbox: { type: Boolean, default: false },
    releasedBy: { type: String, default: null },
    releasedAt: { type: Date, default: null },
    updatedAt: { type: Date, required: true },
  },
  { strict: 'throw', versionKey: false },
);
messageStateSchema.index({ mailbox: 1, state: 1, updatedAt: -1 });
// The run's list of messages quarantined in the Inbox (skipped when the Inbox is read again).
messageStateSchema.index({ mailbox: 1, state: 1, inInbox: 1 });

/** Number series blocks: a number belongs to whoever inserted its block first (unique _id). */
export interface NumberBlockDoc {
  _id: string; // `${series}#${block}`
  series: string;
  block: number;
  owner: string;
  at: Date;
}

export const numberBlockSchema = new Schema<NumberBlockDoc>(
  {
    _id: { type: String, required: true },
    series: { type: String, required: true },
    block: { type: Number, required: true },
    owner: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { strict: 'throw', versionKey: false },
);
numberBlockSchema.index({ series: 1, block: -1 });

/**
 * The loop's intent to log the messages of one page, written before they are moved and removed once their
 * entries are written with their final archive link (messages left unfinished stay in it). A crash in between
 * leaves the intent, which the next run completes (see server/jobs/recovery.ts). Entries are thus written once,
 * already linked, and never updated by the loop. One document per page, not per message: two writes per page
 * instead of two per message (FerretDB's cost is per document).
 */
export interface PendingArchiveDoc {
  _id: string; // `${mailbox}#${random page id}`
  mailbox: string;
  /**
   * The page's loggable messages not finished yet, each with the entries to write (without their link), as one
   * JSON string (PendingArchiveRepository's codec). The database never looks inside: as a string, FerretDB
   * stores and deletes a 500-message page in ~25 ms instead of ~200 ms for the same data as nested documents
   * (measured on PostgreSQL), and pages are written and removed on the loop's hot path.
   */
  payload?: string;
  /** Written before the payload existed (read, never written): the same messages as documents. */
  messages?: unknown[];
  createdAt: Date;
}

export const pendingArchiveSchema = new Schema<PendingArchiveDoc>(
  {
    _id: { type: String, required: true },
    mailbox: { type: String, required: true },
    payload: { type: String },
    messages: { type: [Schema.Types.Mixed], default: undefined },
    createdAt: { type: Date, required: true },
  },
  { strict: 'throw', versionKey: false },
);
pendingArchiveSchema.index({ mailbox: 1, createdAt: 1 });

/**
 * A delegated sign-in under way (POST .../consent until Entra ID sends the browser back to the callback). The
 * state is a bearer secret, so only its SHA-256 is stored, as the _id: the callback's deleteOne on it is what
 * makes it single-use. Expiry is checked in code and abandoned requests are removed when the next one starts:
 * FerretDB 1.24 refuses TTL indexes ("expireAfterSeconds is not implemented yet"), so there is none.
 */
export interface ConsentRequestDoc {
  _id: string; // sha256(state), base64url
  mailbox: string;
  /** PKCE code verifier, sealed (server/security/secretBox) until the code is redeemed. */
  codeVerifierSealed: string;
  /** The app registration the sign-in was started for: a setup changed since then is refused. */
  tenantId: string;
  clientId: string;
  /** `${tid}:${oid}` and address of the admin who started it. */
  requestedBy: string;
  requestedByEmail: string | null;
  /** sha256 of the nonce in the starting browser's HttpOnly cookie: the callback must come from that browser. */
  browserNonceHash: string;
  /** The job account the admin named (lower case): whoever else signs in is refused. */
  expectedAccount: string;
  /** Where the console goes back to, and the query parameters of its page to keep (language, dev user). */
  returnTo: 'wizard' | 'logging';
  keep: { lang: string | null; devUser: string | null };
  createdAt: Date;
  expiresAt: Date;
}

export const consentRequestSchema = new Schema<ConsentRequestDoc>(
  {
    _id: { type: String, required: true },
    mailbox: { type: String, required: true },
    codeVerifierSealed: { type: String, required: true },
    tenantId: { type: String, required: true },
    clientId: { type: String, required: true },
    requestedBy: { type: String, required: true },
    requestedByEmail: { type: String, default: null },
    browserNonceHash: { type: String, required: true },
    expectedAccount: { type: String, required: true },
    returnTo: { type: String, enum: ['wizard', 'logging'], required: true },
    keep: {
      type: new Schema(
        { lang: { type: String, default: null }, devUser: { type: String, default: null } },
        { _id: false },
      ),
      default: () => ({}),
    },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { strict: 'throw', versionKey: false },
);
consentRequestSchema.index({ expiresAt: 1 });

/** Exchange X.500 addresses resolved through the directory (or found unknown), kept until `expiresAt`. */
export interface LegacyDnDoc {
  _id: string; // the DN, lower case
  address: string | null;
  resolvedAt: Date;
  expiresAt: Date;
}

export const legacyDnSchema = new Schema<LegacyDnDoc>(
  {
    _id: { type: String, required: true },
    address: { type: String, default: null },
    resolvedAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { strict: 'throw', versionKey: false },
);
