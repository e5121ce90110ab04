// How an IMAP logging setup signs in, its secrets unsealed here: the password, or SASL XOAUTH2 with an access
// token from the setup's OAuth client (client-credentials grant, imap/oauth.ts). A setup without the secret its
// choice needs fails as a Graph setup without its client secret does (auth_failed).
import type { ImapAuth } from './imap/config.js';
import { clientCredentialsTokenSource } from './imap/oauth.js';
import { MailSourceError } from './MailSource.js';
import type { LoggingSetup } from '../repositories/loggingSetups.js';
import type { SecretBox } from '../security/secretBox.js';

export function imapSignInOf(imap: NonNullable<LoggingSetup['imap']>, secrets: SecretBox): ImapAuth {
  if (imap.auth !== 'oauth2') {
    if (!imap.passwordSealed)
      throw new MailSourceError('auth_failed', 'No IMAP password is set up for this mailbox.');
    return { kind: 'password', user: imap.user, password: secrets.open(imap.passwordSealed) };
  }
  const oauth = imap.oauth;
  if (!oauth) throw new MailSourceError('auth_failed', 'No OAuth client is set up for this IMAP mailbox.');
  if (!oauth.clientSecretSealed)
    throw new MailSourceError('auth_failed', 'No client secret is set up for the IMAP OAuth client.');
  const tokens = clientCredentialsTokenSource({
    tokenUrl: oauth.tokenUrl,
    clientId: oauth.clientId,
    clientSecret: secrets.open(oauth.clientSecretSealed),
    scope: oauth.scope,
  });
  return {
    kind: 'oauth2',
    user: imap.user,
    accessToken: () => tokens.accessToken(),
    invalidate: () => tokens.invalidate(),
  };
}
