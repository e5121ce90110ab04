// The text fields of a logging setup as forms hold them, and the PUT and check bodies built from them (pure).
// Checked with the contract's own schema, so the console refuses exactly what the server would.
import {
  LoggingSetupUpdate,
  type LoggingSetupView,
  type GraphSetupCheckRequest,
} from '../../../../shared/api/loggingSetup.js';
import type { ArchiveRollover, UnmatchedAction } from '../../../../shared/loggingVocabulary.js';
import type { AdminMessages } from '../../i18n/en.js';
import { imapComplete, imapFormOf, type ImapForm } from './imapForm.js';

export interface SettingsForm {
  intervalSeconds: string;
  batchSize: string;
  archiveFolder: string;
  unmatched: UnmatchedAction;
  unmatchedFolder: string;
  quarantineFolder: string;
  /** Failed attempts on one message before it is quarantined. */
  maxAttempts: string;
  /** One entry per line. */
  blocklist: string;
  /** Archive into a subfolder per year or month. */
  archiveRollover: ArchiveRollover;
  /** Items after which the archive folder of the series is full; empty = no threshold. */
  archiveRolloverAtItems: string;
}

export interface ConnectionForm {
  mailbox: string;
  /** Microsoft 365 through Graph (the fields below), or an IMAP server (`imap`). */
  provider: 'graph' | 'imap';
  imap: ImapForm;
  authMode: 'app' | 'delegated';
  tenantId: string;
  clientId: string;
  credential: 'secret' | 'certificate';
  /** Empty = keep the stored one. */
  clientSecret: string;
  certificateThumbprint: string;
  certificateKey: string;
  jobAccount: string;
}

export type FieldErrors = Partial<Record<string, string>>;

export function settingsFormOf(v?: LoggingSetupView | null): SettingsForm {
  return {
    intervalSeconds: String(v?.intervalSeconds ?? 60),
    batchSize: String(v?.batchSize ?? 50),
    archiveFolder: v?.policy.archiveFolder ?? 'archive',
    unmatched: v?.policy.unmatched ?? 'delete',
    unmatchedFolder: v?.policy.unmatchedFolder ?? '',
    quarantineFolder: v?.policy.quarantineFolder ?? 'Interlog quarantine',
    maxAttempts: String(v?.policy.maxAttempts ?? 5),
    blocklist: (v?.policy.blocklist ?? []).join('\n'),
    archiveRollover: v?.policy.archiveRollover ?? 'off',
    archiveRolloverAtItems:
      v?.policy.archiveRolloverAtItems == null ? '' : String(v.policy.archiveRolloverAtItems),
  };
}

export function connectionFormOf(mailbox: string, v?: LoggingSetupView | null): ConnectionForm {
  return {
    mailbox,
    provider: v?.provider ?? 'graph',
    imap: imapFormOf(v),
    authMode: v?.authMode ?? 'app',
    tenantId: v?.tenantId ?? '',
    clientId: v?.clientId ?? '',
    credential: v?.certificateThumbprint ? 'certificate' : 'secret',
    clientSecret: '',
    certificateThumbprint: v?.certificateThumbprint ?? '',
    certificateKey: '',
    jobAccount: v?.jobAccount ?? '',
  };
}

/** The blocklist's entries as saved: one a line, trimmed, blank lines (and Windows line ends) dropped. */
export const blocklistEntries = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** Whole numbers only: "1e3" or "12.5" would pass Number() but are not what an admin means. */
const whole = (s: string) => (/^\d{1,6}$/.test(s.trim()) ? Number(s.trim()) : NaN);

export function settingsUpdate(f: SettingsForm): LoggingSetupUpdate {
  return {
    intervalSeconds: whole(f.intervalSeconds),
    batchSize: whole(f.batchSize),
    policy: {
      archiveFolder: f.archiveFolder,
      unmatched: f.unmatched,
      unmatchedFolder: f.unmatched === 'move' ? f.unmatchedFolder : null,
      quarantineFolder: f.quarantineFolder,
      maxAttempts: whole(f.maxAttempts),
      blocklist: blocklistEntries(f.blocklist),
      archiveRollover: f.archiveRollover,
      archiveRolloverAtItems: f.archiveRolloverAtItems.trim() === '' ? null : whole(f.archiveRolloverAtItems),
    },
  };
}

/**
 * The connection part of a PUT: what changes the app registration. A secret or key is sent only when typed (an
 * empty field keeps the stored one); switching credential kind clears the other kind.
 */
export function connectionUpdate(f: ConnectionForm, redirectUrl: string): LoggingSetupUpdate {
  const u: LoggingSetupUpdate = {
    authMode: f.authMode,
    tenantId: f.tenantId.trim(),
    clientId: f.clientId.trim(),
    redirectUrl,
    jobAccount: f.authMode === 'delegated' && f.jobAccount.trim() ? f.jobAccount.trim() : null,
  };
  if (f.credential === 'secret') {
    if (f.clientSecret) u.clientSecret = f.clientSecret;
    u.certificateThumbprint = null;
    u.certificateKey = null;
  } else {
    u.certificateThumbprint = f.certificateThumbprint.trim();
    if (f.certificateKey.trim()) u.certificateKey = f.certificateKey.trim();
    u.clientSecret = null;
  }
  return u;
}

/**
 * "Check connection"'s body: the inputs as connectionUpdate would save them. A secret or key only when typed (the
 * server then uses the one stored for this mailbox); a thumbprint means the certificate credential.
 */
export function connectionCheck(f: ConnectionForm): GraphSetupCheckRequest {
  const r: GraphSetupCheckRequest = {
    mailbox: f.mailbox.trim().toLowerCase(),
    authMode: f.authMode,
    tenantId: f.tenantId.trim(),
    clientId: f.clientId.trim(),
  };
  if (f.authMode === 'delegated' && f.jobAccount.trim()) r.jobAccount = f.jobAccount.trim();
  if (f.credential === 'secret') {
    if (f.clientSecret) r.clientSecret = f.clientSecret;
  } else {
    r.certificateThumbprint = f.certificateThumbprint.trim();
    if (f.certificateKey.trim()) r.certificateKey = f.certificateKey.trim();
  }
  return r;
}

/** Field errors of a PUT body by the contract, keyed by the form field they belong to. */
export function checkUpdate(update: LoggingSetupUpdate, t: AdminMessages): FieldErrors {
  const r = LoggingSetupUpdate.safeParse(update);
  const errors: FieldErrors = {};
  if (r.success) return errors;
  for (const issue of r.error.issues) {
    const key = String(issue.path[issue.path.length - 1] ?? '');
    const field = issue.path[0] === 'policy' && typeof issue.path[2] === 'number' ? 'blocklist' : key;
    errors[field] ??= field === 'intervalSeconds' || field === 'batchSize' ? t.errors.number : issue.message;
  }
  return errors;
}

/**
 * Whether the app registration has what signing in needs: tenant, client id and a credential (a typed secret, or
 * a thumbprint with a key), a stored secret or key counting. Both access modes need it: delegated access signs the
 * job account in as a confidential client too.
 */
export function appRegistrationComplete(f: ConnectionForm, stored: LoggingSetupView | null): boolean {
  const filled = (s: string) => s.trim().length > 0;
  if (!filled(f.tenantId) || !filled(f.clientId)) return false;
  if (f.credential === 'secret') return filled(f.clientSecret) || stored?.clientSecret === 'set';
  return filled(f.certificateThumbprint) && (filled(f.certificateKey) || stored?.certificateKey === 'set');
}

/**
 * Whether the connection step has what a check needs: a mailbox address with a domain and a complete app
 * registration (or IMAP server). `stored` must be the stored setup of this very mailbox (only its secret, key or
 * password is kept on save).
 */
export function connectionComplete(f: ConnectionForm, stored: LoggingSetupView | null): boolean {
  const signIn = f.provider === 'imap' ? imapComplete(f.imap, stored) : appRegistrationComplete(f, stored);
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(f.mailbox.trim()) && signIn;
}
