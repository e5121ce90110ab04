// "Validate setup" for an IMAP logging mailbox: connect and sign in, select the Inbox read-write, find (or
// create, as the loop would) the archive and quarantine folders, and move a probe message between them, which is
// deleted again. Each failure says what an admin of that mail server can do about it: no Graph or Exchange
// Online advice for an IMAP mailbox.
import type { LoggingSetup } from '../repositories/loggingSetups.js';
import { ImapCheckError, type ImapSetupProbe } from '../mailsource/imap/setupProbe.js';
import { READY_MESSAGE, type ValidationResult, type ValidationStep } from './validateSetup.js';

type ImapSetupOf = Pick<LoggingSetup, 'mailbox' | 'imap'>;

function serverOf(setup: ImapSetupOf): string {
  return setup.imap ? `${setup.imap.host}:${setup.imap.port}` : 'the IMAP server';
}

/** What an admin should do about an IMAP validation failure (`detail`: what the server or network said). */
export function imapAdviceFor(code: string, setup: ImapSetupOf, detail: string): string {
  const server = serverOf(setup);
  const security = setup.imap?.security === 'starttls' ? 'STARTTLS' : 'implicit TLS';
  switch (code) {
    case 'unreachable':
      return `Could not reach an IMAP server at ${server} (${detail}). Check the host name and the port (usually 993 for implicit TLS, 143 for STARTTLS), and that a firewall lets this server connect.`;
    case 'tls_failed':
      return `The secure connection to ${server} failed (${detail}). Check that the security matches the port (${security} was used: 993 is usually implicit TLS, 143 STARTTLS), and if the server's certificate is issued by a company CA, add that CA certificate.`;
    case 'auth_failed':
      return `${server} refused the sign-in of ${setup.imap?.user ?? 'the user'} (${detail}). Check the user name and password; some hosts need an app password or IMAP enabled for the account.`;
    case 'folder_missing':
      return `A folder the logging needs is missing and could not be created (${detail}). Create it in the mailbox, or correct the folder name in the setup (leave it empty to use the server's SPECIAL-USE folder).`;
    case 'move_denied':
      return `${setup.imap?.user ?? 'The user'} may not move mail in ${setup.mailbox} (${detail}). Give the account full rights on the mailbox (read, write, insert, delete and expunge on the Inbox, archive and quarantine folders).`;
    case 'throttled':
      return `${server} is limiting this account (${detail}). Try again in a few minutes.`;
    case 'secrets_key_mismatch':
      return `The setup of ${setup.mailbox} was sealed with another SECRETS_KEY than the one this server runs with, so its IMAP password cannot be opened. Start the server with the key the setup was saved with, or enter the password again.`;
    case 'invalid_request':
    case 'server_error':
      return `${server} did not accept the request (${detail}).`;
    default:
      return detail;
  }
}

/** The outcome of a setup whose probe could not even be built (no server or password, sealed with another key). */
export function imapSetupUnusable(setup: ImapSetupOf, code: string, detail: string): ValidationResult {
  const message = imapAdviceFor(code, setup, detail);
  return {
    ok: false,
    message: `Could not access the logging mailbox. ${message}`,
    steps: [{ name: 'connection', ok: false, code, message }],
  };
}

/** Where unmatched mail goes, as the loop would find it: Trash for 'delete' (without one, deletes are expunged:
 *  said, not refused), the policy's folder (created as the loop would) for 'move'. Folder names the setup sets
 *  must exist: a misspelt trash folder would otherwise turn every delete into an expunge. */
async function unmatchedFolder(
  setup: Pick<LoggingSetup, 'imap' | 'policy'>,
  probe: ImapSetupProbe,
): Promise<string> {
  const named = (wellKnown: string) =>
    wellKnown === 'deleteditems'
      ? (setup.imap?.trashFolderName ?? null)
      : wellKnown === 'junkemail'
        ? (setup.imap?.junkFolderName ?? null)
        : null;
  if (setup.policy.unmatched === 'delete') {
    const trash = await probe.existingFolder('deleteditems', named('deleteditems'));
    return trash
      ? `Unmatched mail is deleted to "${trash.path}".`
      : 'Unmatched mail is deleted for good: the mailbox has no Trash folder (name one to keep deleted mail).';
  }
  const target = setup.policy.unmatchedFolder ?? 'junkemail';
  const f = await probe.folder(target, named(target.toLowerCase()));
  return `Unmatched mail is moved to "${f.path}"${f.created ? ' (created now)' : ''}.`;
}

export async function validateImapSetup(
  setup: Pick<LoggingSetup, 'mailbox' | 'imap' | 'policy'>,
  probe: ImapSetupProbe,
  onUnexpected: (err: unknown) => void = () => {},
): Promise<ValidationResult> {
  const steps: ValidationStep[] = [];
  const attempt = async (name: ValidationStep['name'], fn: () => Promise<string>): Promise<boolean> => {
    try {
      steps.push({ name, ok: true, message: await fn() });
      return true;
    } catch (err) {
      if (!(err instanceof ImapCheckError)) onUnexpected(err);
      const code = err instanceof ImapCheckError ? err.code : 'internal_error';
      const detail = err instanceof ImapCheckError ? err.detail : 'Unexpected error.';
      steps.push({ name, ok: false, code, message: imapAdviceFor(code, setup, detail) });
      return false;
    }
  };
  const made = (f: { path: string; created: boolean }) => (f.created ? ' (created now)' : '');
  let archive = '';
  let quarantine = '';
  try {
    const passed =
      (await attempt('connection', async () => {
        await probe.connect();
        return `Signed in to ${serverOf(setup)} as ${setup.imap?.user ?? ''}.`;
      })) &&
      (await attempt('inbox', async () => {
        await probe.inbox();
        return 'The Inbox can be read and changed.';
      })) &&
      (await attempt('archive_folder', async () => {
        const f = await probe.folder(setup.policy.archiveFolder, setup.imap?.archiveFolderName ?? null);
        archive = f.path;
        return `Archive folder "${f.path}" is available${made(f)}.`;
      })) &&
      (await attempt('quarantine_folder', async () => {
        const f = await probe.folder(setup.policy.quarantineFolder, null);
        quarantine = f.path;
        return `Quarantine folder "${f.path}" is available${made(f)}.`;
      })) &&
      (setup.policy.unmatched === 'keep' ||
        (await attempt('unmatched_folder', () => unmatchedFolder(setup, probe)))) &&
      (await attempt('move_permission', async () => {
        // Between the loop's own folders, never through the Inbox: the running loop would pick the probe up.
        await probe.proveMove(quarantine, archive);
        return `A test message was moved from "${quarantine}" to "${archive}" and deleted again.`;
      }));
    const failed = steps.find((s) => !s.ok);
    return {
      ok: passed,
      message: passed
        ? READY_MESSAGE
        : `Could not access the logging mailbox. ${failed?.message ?? ''}`.trim(),
      steps,
    };
  } finally {
    await probe.close().catch(() => {});
  }
}
