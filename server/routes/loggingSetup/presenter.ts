// Logging setups, runs and quarantined messages as the admin console sees them. Sealed secrets become
// "set"/"not set" here and nowhere else: a new field on the record cannot leak, because only what is named
// below is copied.
import { DEFAULT_MAX_ATTEMPTS } from '../../domain/policy.js';
import type { JobRun } from '../../repositories/jobRuns.js';
import type { LoggingSetup } from '../../repositories/loggingSetups.js';
import type { MessageState } from '../../repositories/messageStates.js';
import { newSetupDefaults } from '../../services/loggingSetup.js';
import type { JobRunView, LoggingSetupView, QuarantinedMessage } from '../../../shared/api/loggingSetup.js';

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const state = (sealed: string | null | undefined) => (sealed ? 'set' : 'not set') as 'set' | 'not set';
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** Stored setups may lack fields written before they existed: each gets the schema's default. */
export function presentSetup(stored: LoggingSetup): LoggingSetupView {
  const defaults = newSetupDefaults();
  const s = { ...defaults, ...stripUndefined(stored) };
  const policy = { ...defaults.policy, ...stripUndefined(s.policy ?? {}) };
  return {
    mailbox: stored.mailbox,
    enabled: s.enabled,
    provider: s.provider,
    imap: s.imap
      ? {
          host: s.imap.host,
          port: s.imap.port,
          security: s.imap.security,
          user: s.imap.user,
          password: state(s.imap.passwordSealed),
          caCertificate: state(s.imap.caPem),
          archiveFolderName: s.imap.archiveFolderName ?? null,
          junkFolderName: s.imap.junkFolderName ?? null,
          trashFolderName: s.imap.trashFolderName ?? null,
          auth: s.imap.auth ?? 'password',
          oauth: s.imap.oauth
            ? {
                grant: s.imap.oauth.grant ?? 'client_credentials',
                tokenUrl: s.imap.oauth.tokenUrl,
                clientId: s.imap.oauth.clientId,
                clientSecret: state(s.imap.oauth.clientSecretSealed),
                scope: s.imap.oauth.scope,
              }
            : null,
        }
      : null,
    authMode: s.authMode,
    tenantId: s.tenantId,
    clientId: s.clientId,
    clientSecret: state(s.clientSecretSealed),
    certificateThumbprint: s.certificateThumbprint,
    certificateKey: state(s.certificateKeySealed),
    redirectUrl: s.redirectUrl,
    consentGiven: s.consentGiven,
    jobAccount: s.jobAccount,
    tokenCache: state(s.tokenCacheSealed),
    // Who the job runs as, never its tokens or MSAL's account id.
    delegatedAccount: s.delegatedAccount
      ? {
          username: s.delegatedAccount.username,
          consentedAt: s.delegatedAccount.consentedAt.toISOString(),
          consentedBy: s.delegatedAccount.consentedBy,
        }
      : null,
    batchSize: s.batchSize,
    intervalSeconds: s.intervalSeconds,
    policy: {
      archiveFolder: policy.archiveFolder,
      unmatched: policy.unmatched,
      quarantineFolder: policy.quarantineFolder,
      unmatchedFolder: policy.unmatchedFolder ?? null,
      blocklist: [...policy.blocklist],
      maxAttempts: policy.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      archiveRollover: policy.archiveRollover ?? 'off',
      archiveRolloverAtItems: policy.archiveRolloverAtItems ?? null,
    },
    receivedFrom: iso(s.receivedFrom),
    runRequestedAt: iso(s.runRequestedAt),
    lastValidatedAt: iso(s.lastValidatedAt),
    lastValidationOk: s.lastValidationOk ?? null,
  };
}

export function presentRun(r: JobRun): JobRunView {
  return {
    runId: r.runId,
    trigger: r.trigger,
    instanceId: r.instanceId,
    startedAt: r.startedAt.toISOString(),
    finishedAt: iso(r.finishedAt),
    outcome: r.outcome,
    counts: { ...r.counts },
    errors: r.errors.map((e) => ({
      context: e.context,
      code: e.code,
      message: e.message,
      messageId: e.messageId ?? null,
      at: e.at.toISOString(),
    })),
  };
}

export function presentQuarantined(m: MessageState): QuarantinedMessage {
  return {
    messageId: m.messageId,
    internetMessageId: m.internetMessageId ?? null,
    subject: m.subject,
    state: m.state,
    reason: m.reason,
    code: m.code,
    attempts: m.attempts,
    inInbox: m.inInbox ?? false,
    updatedAt: m.updatedAt.toISOString(),
  };
}
