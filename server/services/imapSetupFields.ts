// An IMAP logging mailbox's server and sign-in as a PUT stores them: secrets (the password, the OAuth client's
// secret) sealed on the way in; an absent field keeps the stored value, null clears it.
import type { LoggingSetup } from '../repositories/loggingSetups.js';
import type { SecretBox } from '../security/secretBox.js';
import type { ImapSetupUpdate } from '../../shared/api/loggingSetup.js';
import { AppError } from '../http/problem.js';

/** The IMAP server as stored: the password sealed; an absent password, CA or folder name keeps the stored one. */
export function imapFieldsOf(
  existing: LoggingSetup | null,
  req: ImapSetupUpdate,
  secrets: SecretBox,
): NonNullable<LoggingSetup['imap']> {
  const stored = existing?.imap ?? null;
  const keep = <T>(sent: T | null | undefined, current: T | null | undefined): T | null =>
    sent === undefined ? (current ?? null) : sent;
  return {
    host: req.host,
    port: req.port,
    security: req.security,
    user: req.user,
    passwordSealed:
      req.password === undefined
        ? (stored?.passwordSealed ?? null)
        : req.password === null
          ? null
          : secrets.seal(req.password),
    caPem: keep(req.caCertificate, stored?.caPem),
    archiveFolderName: keep(req.archiveFolderName, stored?.archiveFolderName),
    junkFolderName: keep(req.junkFolderName, stored?.junkFolderName),
    trashFolderName: keep(req.trashFolderName, stored?.trashFolderName),
    ...imapSignInOf(stored, req, secrets),
  };
}

/** How the IMAP mailbox signs in: the OAuth client's secret sealed; 'oauth2' without a client is refused. */
function imapSignInOf(
  stored: LoggingSetup['imap'],
  req: ImapSetupUpdate,
  secrets: SecretBox,
): Pick<NonNullable<LoggingSetup['imap']>, 'auth' | 'oauth'> {
  const auth = req.auth ?? stored?.auth ?? 'password';
  let oauth = stored?.oauth ?? null;
  if (req.oauth === null) oauth = null;
  else if (req.oauth !== undefined) {
    const { clientSecret, grant = 'client_credentials', ...rest } = req.oauth;
    // A stored secret is kept only for the same grant: a client secret is no service account key, nor the reverse.
    const kept =
      (oauth?.grant ?? 'client_credentials') === grant ? (oauth?.clientSecretSealed ?? null) : null;
    const clientSecretSealed =
      clientSecret === undefined ? kept : clientSecret === null ? null : secrets.seal(clientSecret);
    oauth = { ...rest, grant, clientSecretSealed };
  }
  if (auth === 'oauth2' && !oauth) {
    throw new AppError(400, 'validation_failed', 'The request is not valid', [
      { path: 'body.imap.oauth', message: 'OAuth sign-in needs the token endpoint, client id and scope' },
    ]);
  }
  return { auth, oauth };
}
