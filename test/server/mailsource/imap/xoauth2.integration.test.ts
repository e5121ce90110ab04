// SASL XOAUTH2 end to end, nothing stubbed: an IMAP logging setup with an OAuth client gets a client-credentials
// token from the Entra ID emulator's token endpoint (scope https://outlook.office365.com/.default, as Microsoft
// 365's app-only IMAP access asks), signs in to a real Dovecot with it, and Dovecot's oauth2 passdb checks the
// token over HTTP introspection (test/support/imapOAuth.ts). Tokens are cached; a refused client is auth_failed
// without reaching the mail server; a token the server refuses is asked for once more, then auth_failed. And
// Google Workspace's way: a service account's RS256 JWT for the IMAP user (domain-wide delegation) exchanged at
// a token endpoint that checks it as Google documents.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { exportPKCS8, generateKeyPair } from 'jose';
import { MailSourceError } from '../../../../server/mailsource/MailSource.js';
import { mailSourceForSetup, type SourceEnvironment } from '../../../../server/mailsource/sourceForSetup.js';
import type { LoggingSetup } from '../../../../server/repositories/loggingSetups.js';
import { createSecretBox } from '../../../../server/security/secretBox.js';
import { newSetupDefaults } from '../../../../server/services/loggingSetup.js';
import { startImapOAuthProvider, type ImapOAuthProvider } from '../../../support/imapOAuth.js';
import { startMailServers, type MailServers } from '../../../support/mailServers.js';

const MAILBOX = 'logging@contoso.example';

describe('IMAP sign-in with SASL XOAUTH2 (Entra ID emulator token endpoint, real Dovecot oauth2 passdb)', function () {
  this.timeout(60_000);
  const secrets = createSecretBox(crypto.randomBytes(32));
  let oauth: ImapOAuthProvider;
  let servers: MailServers;
  before(async () => {
    oauth = await startImapOAuthProvider({ mailbox: MAILBOX });
    servers = await startMailServers({
      logging: { user: MAILBOX, password: 'unused-password-1' },
      oauth2IntrospectionUrl: oauth.introspectionUrl,
    });
  });
  after(async () => {
    await servers?.stop();
    await oauth?.close();
  });

  const setupWith = (over: {
    clientSecret?: string;
    scope?: string;
    serviceAccount?: { key?: string; user?: string };
  }): LoggingSetup => ({
    ...newSetupDefaults(),
    mailbox: MAILBOX,
    provider: 'imap',
    imap: {
      host: servers.host,
      port: servers.imapPort,
      security: 'starttls',
      user: over.serviceAccount?.user ?? MAILBOX,
      passwordSealed: null,
      caPem: servers.ca,
      archiveFolderName: null,
      junkFolderName: null,
      trashFolderName: null,
      auth: 'oauth2',
      oauth: over.serviceAccount
        ? {
            grant: 'jwt_bearer',
            tokenUrl: oauth.google.tokenUrl,
            clientId: oauth.google.serviceAccount,
            clientSecretSealed: secrets.seal(over.serviceAccount.key ?? oauth.google.privateKey),
            scope: over.scope ?? oauth.google.scope,
          }
        : {
            tokenUrl: oauth.tokenUrl,
            clientId: oauth.clientId,
            clientSecretSealed: secrets.seal(over.clientSecret ?? oauth.clientSecret),
            scope: over.scope ?? oauth.scope,
          },
    },
  });
  // The Graph endpoints are never used by an IMAP setup.
  const env = { graphBaseUrl: 'https://graph.invalid', authorityHost: 'https://login.invalid', secrets };
  const sourceOf = (setup: LoggingSetup) => mailSourceForSetup(setup, env as SourceEnvironment);
  const tokenRequests = () => oauth.emu.stats.tokenRequests.client_credentials ?? 0;

  it('signs in with a client-credentials token the server checks, and keeps the token for the next run', async () => {
    const before = { tokens: tokenRequests(), active: oauth.introspections.active };
    const first = sourceOf(setupWith({}));
    const inbox = await first.resolveFolder('inbox');
    assert.equal(inbox.id, 'INBOX');
    await first.close?.();
    assert.equal(tokenRequests() - before.tokens, 1);
    assert.equal(oauth.introspections.active - before.active, 1, 'Dovecot asked about the token once');
    // The next run builds a new source: it signs in again (Dovecot checks again) with the cached token.
    const second = sourceOf(setupWith({}));
    assert.equal((await second.resolveFolder('archive')).id, 'Archive');
    await second.close?.();
    assert.equal(tokenRequests() - before.tokens, 1, 'no second token request');
    assert.equal(oauth.introspections.active - before.active, 2);
    assert.match(servers.logs(), /Login: user=<logging@contoso\.example>, method=XOAUTH2/);
  });

  it('fails as auth_failed, naming the token endpoint, when the provider refuses the client', async () => {
    const before = oauth.introspections.total;
    const source = sourceOf(setupWith({ clientSecret: 'not-the-secret' }));
    await assert.rejects(
      () => source.resolveFolder('inbox'),
      (e: unknown) =>
        e instanceof MailSourceError &&
        e.code === 'auth_failed' &&
        e.providerCode === 'invalid_client' &&
        /token endpoint/.test(e.message),
    );
    assert.equal(oauth.introspections.total, before, 'the IMAP server was never asked');
  });

  it('asks once more for a token the IMAP server refuses, then fails as auth_failed', async () => {
    // A token for Graph, not for the mail server: the provider issues it, the mail server refuses it.
    const before = { tokens: tokenRequests(), total: oauth.introspections.total };
    const source = sourceOf(setupWith({ scope: 'https://graph.microsoft.com/.default' }));
    await assert.rejects(
      () => source.resolveFolder('inbox'),
      (e: unknown) =>
        e instanceof MailSourceError && e.code === 'auth_failed' && e.providerCode === 'AUTHENTICATIONFAILED',
    );
    assert.equal(tokenRequests() - before.tokens, 2, 'the refused token was forgotten and asked for again');
    assert.equal(oauth.introspections.total - before.total, 2);
    assert.match(servers.logs(), /auth failed.*method=XOAUTH2/);
  });

  it("signs in as Google Workspace does: a service account's signed JWT for the mailbox, exchanged for a token", async () => {
    const before = { ok: oauth.google.requests.ok ?? 0, active: oauth.introspections.active };
    const source = sourceOf(setupWith({ serviceAccount: {} }));
    assert.equal((await source.resolveFolder('inbox')).id, 'INBOX');
    await source.close?.();
    assert.equal((oauth.google.requests.ok ?? 0) - before.ok, 1);
    assert.equal(oauth.introspections.active - before.active, 1, "Dovecot checked the provider's token");
  });

  it('fails as auth_failed naming the delegation when the account may not read that mailbox, or the key is wrong', async () => {
    const before = oauth.introspections.total;
    const otherUser = sourceOf(setupWith({ serviceAccount: { user: 'someone@contoso.example' } }));
    await assert.rejects(
      () => otherUser.resolveFolder('inbox'),
      (e: unknown) =>
        e instanceof MailSourceError &&
        e.code === 'auth_failed' &&
        e.providerCode === 'unauthorized_client' &&
        /domain-wide delegation/.test(e.message),
    );
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const wrongKey = sourceOf(setupWith({ serviceAccount: { key: await exportPKCS8(privateKey) } }));
    await assert.rejects(
      () => wrongKey.resolveFolder('inbox'),
      (e: unknown) =>
        e instanceof MailSourceError && e.code === 'auth_failed' && e.providerCode === 'invalid_grant',
    );
    const notAKey = sourceOf(setupWith({ serviceAccount: { key: 'not a key' } }));
    await assert.rejects(
      () => notAKey.resolveFolder('inbox'),
      (e: unknown) =>
        e instanceof MailSourceError && e.code === 'auth_failed' && /PKCS#8 PEM/.test(e.message),
    );
    assert.equal(oauth.introspections.total, before, 'the IMAP server was never asked');
  });
});
