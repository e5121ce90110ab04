// "Validate setup" (Valider opsætning): a token, an Inbox probe and the archive folder, each failure turned into
// a message an admin can act on. Business Central checks only the first two. IMAP setups have their own steps
// and advice (validateImapSetup.ts).
import type { MailSource } from '../mailsource/MailSource.js';
import { MailSourceError } from '../mailsource/MailSource.js';
import type { LoggingSetup } from '../repositories/loggingSetups.js';
import { SecretUnreadableError } from '../security/secretBox.js';
import { policyOfStored } from '../domain/policy.js';
import { archiveTarget } from './archiveTarget.js';
import type { ImapSetupProbe } from '../mailsource/imap/setupProbe.js';
import { imapSetupUnusable, validateImapSetup } from './validateImapSetup.js';

export interface ValidationStep {
  name:
    'connection' | 'inbox' | 'archive_folder' | 'quarantine_folder' | 'unmatched_folder' | 'move_permission';
  ok: boolean;
  code?: string;
  message: string;
}

export interface ValidationResult {
  ok: boolean;
  message: string;
  steps: ValidationStep[];
}

export const READY_MESSAGE = 'The setup for email logging is ready to use.';

/** What an admin should do about each error code. */
export function adviceFor(
  code: string,
  setup: Pick<LoggingSetup, 'mailbox' | 'authMode'>,
  detail: string,
): string {
  switch (code) {
    case 'auth_failed':
      return `Could not sign in to Microsoft Entra ID: ${detail} Check the tenant id, client id and client secret (it may have expired), and that admin consent was granted.`;
    case 'access_denied':
      return setup.authMode === 'delegated'
        ? `The job account may not open ${setup.mailbox}: make it a member of the shared mailbox (Full Access) and grant Mail.ReadWrite.Shared.`
        : `The app may not open ${setup.mailbox}: an application access policy or RBAC for Applications scope blocks it, or Mail.ReadWrite was not consented.`;
    case 'mailbox_not_found':
      return `There is no mailbox ${setup.mailbox} in this tenant: check the address of the shared mailbox.`;
    case 'not_licensed':
      return `${setup.mailbox} cannot be used through Microsoft Graph: it must be an Exchange Online mailbox (not on-premises, not inactive).`;
    case 'secrets_key_mismatch':
      return `The setup of ${setup.mailbox} was sealed with another SECRETS_KEY than the one this server runs with, so its client secret, certificate or sign-in cannot be opened. Start the server with the key the setup was saved with, or enter the client secret (or certificate) again${setup.authMode === 'delegated' ? ' and sign in with the job account again' : ''}.`;
    case 'throttled':
    case 'transient':
      return `Microsoft Graph did not answer in time (${detail}). Try again in a few minutes.`;
    default:
      return detail;
  }
}

/** The stable code of a failure (mail-source codes, secrets_key_mismatch, ...), internal_error otherwise. */
function codeOf(err: unknown): string {
  if (err instanceof MailSourceError) return err.code;
  if (err instanceof SecretUnreadableError) return err.code;
  return 'internal_error';
}

/** How a setup is reached for validation, by provider. */
export interface SetupChecks {
  /** Graph setups: the mail source the loop uses. */
  sourceFor: (setup: LoggingSetup) => MailSource;
  /** IMAP setups: a probe that connects as the loop would (mailsource/imap/setupProbe.ts). */
  imapProbeFor: (setup: LoggingSetup) => ImapSetupProbe;
}

/**
 * Validates a setup whose mail source is built here: a setup whose source cannot even be built (no credential,
 * secrets sealed with another key) fails the connection step with advice instead of an unexpected error.
 */
export async function validateSetupOf(
  setup: LoggingSetup,
  checks: SetupChecks,
  onUnexpected: (err: unknown) => void = () => {},
): Promise<ValidationResult> {
  const unusable = (err: unknown) => {
    const code = codeOf(err);
    if (code === 'internal_error') onUnexpected(err);
    return { code, detail: code === 'internal_error' ? 'Unexpected error.' : (err as Error).message };
  };
  if (setup.provider === 'imap') {
    let probe: ImapSetupProbe;
    try {
      probe = checks.imapProbeFor(setup);
    } catch (err) {
      const { code, detail } = unusable(err);
      return imapSetupUnusable(setup, code, detail);
    }
    return validateImapSetup(setup, probe, onUnexpected);
  }
  let source: MailSource;
  try {
    source = checks.sourceFor(setup);
  } catch (err) {
    const { code, detail } = unusable(err);
    const message = adviceFor(code, setup, detail);
    return {
      ok: false,
      message: `Could not access the shared mailbox. ${message}`,
      steps: [{ name: 'connection', ok: false, code, message }],
    };
  }
  return validateSetup(setup, source);
}

export async function validateSetup(setup: LoggingSetup, source: MailSource): Promise<ValidationResult> {
  const steps: ValidationStep[] = [];
  let archiveNote = '';
  const attempt = async (
    name: ValidationStep['name'],
    ok: string,
    fn: () => Promise<unknown>,
  ): Promise<boolean> => {
    try {
      await fn();
      steps.push({ name, ok: true, message: ok });
      return true;
    } catch (err) {
      const code = codeOf(err);
      const detail = err instanceof Error ? err.message : String(err);
      steps.push({ name, ok: false, code, message: adviceFor(code, setup, detail) });
      return false;
    }
  };
  const passed =
    (await attempt('connection', 'Signed in and reached the shared mailbox.', () =>
      source.resolveFolder('inbox'),
    )) &&
    (await attempt('inbox', 'The Inbox can be read.', () =>
      source.listInbox({ receivedFrom: null, pageSize: 1 }),
    )) &&
    (await attempt(
      'archive_folder',
      `Archive folder "${setup.policy.archiveFolder}" is available.`,
      async () => {
        // Where the next run archives (with rollover, this period's subfolder) and how full it is.
        const base = await source.resolveFolder(setup.policy.archiveFolder, { create: true });
        const target = await archiveTarget(source, base, policyOfStored(setup.policy), new Date());
        if (target.capacity.level !== 'ok')
          archiveNote = ` ${target.path}: ${target.capacity.level === 'critical' ? 'near the limit' : 'filling up'} (${target.capacity.reasons.join('; ')}).`;
      },
    )) &&
    (await attempt(
      'quarantine_folder',
      `Quarantine folder "${setup.policy.quarantineFolder}" is available.`,
      () => source.resolveFolder(setup.policy.quarantineFolder, { create: true }),
    ));
  const archiveStep = steps.find((s) => s.name === 'archive_folder' && s.ok);
  if (archiveStep) archiveStep.message += archiveNote;
  const failed = steps.find((s) => !s.ok);
  return {
    ok: passed,
    message: passed ? READY_MESSAGE : `Could not access the shared mailbox. ${failed?.message ?? ''}`.trim(),
    steps,
  };
}
