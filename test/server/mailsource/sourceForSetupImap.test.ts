// The mail source an IMAP logging setup describes: its password unsealed with this server's SECRETS_KEY, its
// folder names handed on; a setup that cannot be opened fails as a Graph one does (secrets_key_mismatch).
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import type { MailSourceError } from '../../../server/mailsource/MailSource.js';
import { mailSourceForSetup, type SourceEnvironment } from '../../../server/mailsource/sourceForSetup.js';
import type { LoggingSetup } from '../../../server/repositories/loggingSetups.js';
import { createSecretBox, SecretUnreadableError } from '../../../server/security/secretBox.js';
import { newSetupDefaults } from '../../../server/services/loggingSetup.js';

describe('mailSourceForSetup: IMAP setups', () => {
  const secrets = createSecretBox(crypto.randomBytes(32));
  const env = {
    graphBaseUrl: 'https://graph.invalid',
    authorityHost: 'https://login.invalid',
    secrets,
  } as SourceEnvironment;
  const setup = (imap: Partial<NonNullable<LoggingSetup['imap']>> | null): LoggingSetup => ({
    ...newSetupDefaults(),
    mailbox: 'logging@contoso.example',
    provider: 'imap',
    imap:
      imap &&
      ({
        host: 'imap.contoso.example',
        port: 993,
        security: 'tls',
        user: 'logging@contoso.example',
        passwordSealed: secrets.seal('pw'),
        caPem: null,
        archiveFolderName: 'Arkiv',
        junkFolderName: null,
        trashFolderName: null,
        ...imap,
      } as NonNullable<LoggingSetup['imap']>),
  });

  it('builds an IMAP source (no change notifications, no X.500 directory)', async () => {
    const source = mailSourceForSetup(setup({}), env);
    assert.equal(source.subscriptions, undefined);
    assert.equal(await source.resolveLegacyDn('/o=ExchangeLabs/ou=x/cn=Recipients/cn=abc'), null);
  });

  it('refuses a setup without its server or password, and one sealed with another key', () => {
    assert.throws(
      () => mailSourceForSetup(setup(null), env),
      (e: MailSourceError) => e.code === 'invalid_request',
    );
    assert.throws(
      () => mailSourceForSetup(setup({ passwordSealed: null }), env),
      (e: MailSourceError) => e.code === 'auth_failed',
    );
    const other = createSecretBox(crypto.randomBytes(32));
    assert.throws(
      () => mailSourceForSetup(setup({ passwordSealed: other.seal('pw') }), env),
      (e: unknown) => e instanceof SecretUnreadableError,
    );
  });
});
