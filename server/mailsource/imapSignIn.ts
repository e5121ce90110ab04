// How an IMAP logging setup signs in, its secrets unsealed here: the password, or SASL XOAUTH2 with an access
// token from the setup's OAuth client (client credentials, or a service account's JWT for the IMAP user as
// Google Workspace's domain-wide delegation does: imap/oauth.ts). A setup without the secret its
// choice needs fails as a Graph setup without its client secret does (auth_failed).
import type { ImapAuth } from './imap/config.js';
import { oauthTokenSource } from './imap/oauth.js';
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
  const serviceAccount = oauth.grant === 'jwt_bearer';
  if (!oauth.clientSecretSealed)
    throw new MailSourceError(
      'auth_failed',
      serviceAccount
        ? 'No private key is set up for the IMAP OAuth service account.'
        : 'No client secret is set up for the IMAP OAuth client.',
    );
  const secret = secrets.open(oauth.clientSecretSealed);
  const { tokenUrl, scope } = oauth;
  const tokens = oauthTokenSource(
    serviceAccount
      ? {
          grant: 'jwt_bearer',
          tokenUrl,
          scope,
          issuer: oauth.clientId,
          privateKey: secret,
          subject: imap.user,
        }
      : { grant: 'client_credentials', tokenUrl, scope, clientId: oauth.clientId, clientSecret: secret },
  );
  return {
    kind: 'oauth2',
    user: imap.user,
    accessToken: () => tokens.accessToken(),
    invalidate: () => tokens.invalidate(),
  };
}
