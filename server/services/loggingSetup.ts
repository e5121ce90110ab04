// The email-logging setup of each shared mailbox, for admins: secrets are sealed on the way in and never read
// back out (the view says "set"/"not set"); "Validate" signs in and reads the Inbox as the loop would; "Run now"
// asks the scheduler for a run; runs and quarantined messages show what the loop did.
import { loggingPolicySchema } from '../domain/policy.js';
import { validateSetupOf } from '../jobs/validateSetup.js';
import { MailSourceError, type MailSource } from '../mailsource/MailSource.js';
import { imapProbeForSetup } from '../mailsource/sourceForSetup.js';
import type { JobRun, JobRunRepository } from '../repositories/jobRuns.js';
import type { LoggingSetup, LoggingSetupRepository } from '../repositories/loggingSetups.js';
import type { MessageState, MessageStateRepository } from '../repositories/messageStates.js';
import type { SecretBox } from '../security/secretBox.js';
import type { Logger } from '../logging/logger.js';
import type {
  GraphSetupCheckRequest,
  LoggingSetupUpdate,
  SetupCheckRequest,
  SetupValidation,
} from '../../shared/api/loggingSetup.js';
import { normalizeAddress } from '../../shared/email.js';
import { AppError } from '../http/problem.js';
import { refuse } from './errors.js';
import { imapFieldsOf } from './imapSetupFields.js';

export interface LoggingSetupDeps {
  setups: LoggingSetupRepository;
  jobRuns: JobRunRepository;
  states: MessageStateRepository;
  secrets: SecretBox;
  /** Builds the mail source a setup describes (server/mailsource/sourceForSetup.ts in production). */
  sourceFor: (setup: LoggingSetup) => MailSource;
  now: () => Date;
}

export function newSetupDefaults(): Omit<LoggingSetup, 'mailbox'> {
  const policy = loggingPolicySchema.parse({});
  return {
    enabled: false,
    provider: 'graph',
    imap: null,
    authMode: 'app',
    tenantId: null,
    clientId: null,
    clientSecretSealed: null,
    certificateThumbprint: null,
    certificateKeySealed: null,
    redirectUrl: null,
    consentGiven: false,
    jobAccount: null,
    tokenCacheSealed: null,
    tokenCacheVersion: 0,
    directoryFingerprint: null,
    delegatedAccount: null,
    batchSize: 50,
    intervalSeconds: 60,
    policy: { ...policy, unmatchedFolder: policy.unmatchedFolder ?? null },
    receivedFrom: null,
    inboxCursor: null,
    archiveStatus: null,
    runRequestedAt: null,
    lastValidatedAt: null,
    lastValidationOk: null,
  };
}

/** Fields whose change means the app registration or its credential changed: consent must be given again. */
const CREDENTIAL_FIELDS = [
  'authMode',
  'tenantId',
  'clientId',
  'clientSecret',
  'certificateThumbprint',
  'certificateKey',
] as const;

/** The Graph adapter's words for a delegated setup nobody signed in to (graph/auth.ts findAccount). */
const NOT_SIGNED_IN =
  'Could not get a Graph token for the job account: no job account is signed in; sign in with the job account again (Forny token).';

/** A check's inputs as the PUT the wizard sends when it saves them (setupForm.ts connectionUpdate). */
function connectionOf(req: GraphSetupCheckRequest): LoggingSetupUpdate {
  const certificate = req.certificateThumbprint !== undefined;
  return {
    authMode: req.authMode,
    tenantId: req.tenantId,
    clientId: req.clientId,
    jobAccount: req.authMode === 'delegated' ? (req.jobAccount ?? null) : null,
    clientSecret: certificate ? null : req.clientSecret,
    certificateThumbprint: certificate ? req.certificateThumbprint : null,
    certificateKey: certificate ? req.certificateKey : null,
  };
}

export class LoggingSetupService {
  constructor(private readonly d: LoggingSetupDeps) {}

  list(): Promise<LoggingSetup[]> {
    return this.d.setups.list();
  }

  async get(mailbox: string): Promise<LoggingSetup> {
    const s = await this.d.setups.get(mailbox);
    if (!s) throw refuse.notFound('The logging setup');
    return s;
  }

  async put(mailbox: string, req: LoggingSetupUpdate): Promise<{ setup: LoggingSetup; created: boolean }> {
    const existing = await this.d.setups.get(mailbox);
    const fields = this.fieldsOf(existing, req);
    // A new setup is stored complete (an upsert does not apply the schema's defaults everywhere).
    await this.d.setups.upsert(mailbox, existing ? fields : { ...newSetupDefaults(), ...fields });
    return { setup: (await this.d.setups.get(mailbox))!, created: existing === null };
  }

  /** What a PUT changes on the stored setup (secrets sealed), also what a draft check puts in its place. */
  private fieldsOf(existing: LoggingSetup | null, req: LoggingSetupUpdate): Partial<LoggingSetup> {
    const fields: Partial<LoggingSetup> = {};
    for (const key of [
      'enabled',
      'authMode',
      'tenantId',
      'clientId',
      'certificateThumbprint',
      'redirectUrl',
      'batchSize',
      'intervalSeconds',
    ] as const) {
      if (req[key] !== undefined) (fields as Record<string, unknown>)[key] = req[key];
    }
    if (req.provider !== undefined) fields.provider = req.provider;
    if (req.imap !== undefined)
      fields.imap = req.imap === null ? null : imapFieldsOf(existing, req.imap, this.d.secrets);
    if (req.jobAccount !== undefined) fields.jobAccount = req.jobAccount?.toLowerCase() ?? null;
    if (req.clientSecret !== undefined)
      fields.clientSecretSealed = req.clientSecret === null ? null : this.d.secrets.seal(req.clientSecret);
    if (req.certificateKey !== undefined) {
      fields.certificateKeySealed =
        req.certificateKey === null ? null : this.d.secrets.seal(req.certificateKey);
    }
    if (req.policy !== undefined) {
      const merged = { ...(existing?.policy ?? newSetupDefaults().policy), ...req.policy };
      const parsed = loggingPolicySchema.safeParse({
        ...merged,
        unmatchedFolder: merged.unmatchedFolder ?? undefined,
      });
      if (!parsed.success) {
        throw new AppError(
          400,
          'validation_failed',
          'The request is not valid',
          parsed.error.issues.map((i) => ({
            path: ['body', 'policy', ...i.path.map(String)].join('.'),
            message: i.message,
          })),
        );
      }
      fields.policy = { ...parsed.data, unmatchedFolder: parsed.data.unmatchedFolder ?? null };
    }
    if (existing && CREDENTIAL_FIELDS.some((k) => this.changes(existing, req, k))) {
      fields.consentGiven = false;
      fields.tokenCacheSealed = null;
      fields.tokenCacheVersion = (existing.tokenCacheVersion ?? 0) + 1; // a running job's save cannot revive it
      fields.delegatedAccount = null;
    }
    return fields;
  }

  /**
   * Whether the request really changes a credential field: the wizard sends its whole connection form again on
   * every check, which must not sign the job account out when nothing in it changed.
   */
  private changes(
    existing: LoggingSetup,
    req: LoggingSetupUpdate,
    key: (typeof CREDENTIAL_FIELDS)[number],
  ): boolean {
    const sent = req[key];
    if (sent === undefined) return false;
    if (key === 'clientSecret' || key === 'certificateKey') {
      const sealed = key === 'clientSecret' ? existing.clientSecretSealed : existing.certificateKeySealed;
      if (sent === null || sealed === null) return sent !== sealed;
      try {
        return this.d.secrets.open(sealed) !== sent;
      } catch {
        return true; // sealed under another key: it cannot be the same
      }
    }
    return sent !== existing[key];
  }

  /** Business Central's "Validate" (see jobs/validateSetup.ts), with the outcome recorded on the setup. */
  async validate(mailbox: string, log: Logger): Promise<SetupValidation> {
    const setup = await this.get(mailbox);
    const at = this.d.now();
    const result = await this.validationOf(setup, this.d.sourceFor, at, log);
    await this.d.setups.upsert(mailbox, { lastValidatedAt: at, lastValidationOk: result.ok });
    return result;
  }

  /**
   * "Check connection" of inputs not saved yet: the stored setup of the mailbox (or a new one) with the inputs in
   * its place, validated in memory and never stored (a typed secret is sealed only for the check), so a mistyped
   * mailbox leaves nothing behind and a stored setup keeps its inputs until they are saved.
   */
  async check(req: SetupCheckRequest, log: Logger): Promise<SetupValidation> {
    const mailbox = normalizeAddress(req.mailbox);
    if (!mailbox) throw refuse.invalid('body.mailbox', 'not an email address');
    const existing = await this.d.setups.get(mailbox);
    if (req.provider === 'imap') {
      const imap = imapFieldsOf(existing, req.imap, this.d.secrets);
      // A password sign-in needs a password, typed or stored (OAuth's client is checked by the sign-in itself).
      if (imap.auth !== 'oauth2' && !imap.passwordSealed)
        throw refuse.invalid('body.imap.password', `required: ${mailbox} has none stored`);
      const draft: LoggingSetup = {
        ...(existing ?? { mailbox, ...newSetupDefaults() }),
        provider: 'imap',
        imap,
      };
      return this.validationOf(draft, this.d.sourceFor, this.d.now(), log);
    }
    const draft: LoggingSetup = {
      ...(existing ?? { mailbox, ...newSetupDefaults() }),
      ...this.fieldsOf(existing, connectionOf(req)),
    };
    if (req.certificateThumbprint ? !draft.certificateKeySealed : !draft.clientSecretSealed) {
      const field = req.certificateThumbprint ? 'certificateKey' : 'clientSecret';
      throw refuse.invalid(`body.${field}`, `required: ${mailbox} has none stored`);
    }
    // A job account's sign-in belongs to the stored app registration: changed inputs (fieldsOf cleared the token
    // cache) have none yet, and the stored cache, which the mail source would read by mailbox, must not count.
    const sourceFor =
      draft.authMode === 'delegated' && !draft.tokenCacheSealed
        ? () => {
            throw new MailSourceError('auth_failed', NOT_SIGNED_IN, 'interaction_required');
          }
        : this.d.sourceFor;
    return this.validationOf(draft, sourceFor, this.d.now(), log);
  }

  private async validationOf(
    setup: LoggingSetup,
    sourceFor: (setup: LoggingSetup) => MailSource,
    at: Date,
    log: Logger,
  ): Promise<SetupValidation> {
    const checks = { sourceFor, imapProbeFor: (s: LoggingSetup) => imapProbeForSetup(s, this.d.secrets) };
    const result = await validateSetupOf(setup, checks, (err) =>
      log.error({ err, mailbox: setup.mailbox }, 'setup validation failed unexpectedly'),
    );
    const steps = result.steps.map((st) => ({
      name: st.name,
      ok: st.ok,
      code: st.code ?? null,
      message: st.message,
    }));
    return {
      ok: result.ok,
      code: steps.find((st) => !st.ok)?.code ?? null,
      message: result.message,
      steps,
      validatedAt: at.toISOString(),
    };
  }

  async requestRun(mailbox: string): Promise<Date> {
    const at = this.d.now();
    if (!(await this.d.setups.requestRun(mailbox, at))) throw refuse.notFound('The logging setup');
    return at;
  }

  async runs(mailbox: string, limit: number): Promise<JobRun[]> {
    await this.get(mailbox);
    return this.d.jobRuns.recent(mailbox, limit);
  }

  async quarantine(
    mailbox: string,
    state: 'quarantined' | 'failing',
    limit: number,
  ): Promise<MessageState[]> {
    await this.get(mailbox);
    return this.d.states.list(mailbox, state, limit);
  }
}
