// The emulated Entra ID against real @azure/msal-node: client credentials, the auth-code flow with a cached
// account and silent refresh, and the AADSTS errors MSAL surfaces.
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { ConfidentialClientApplication as Cca } from '@azure/msal-node';
import forge from 'node-forge';
import { startGraphEmulator, type GraphEmulator } from '../../../scripts/graph-emulator/index.js';
import {
  appToken,
  authCodeFlow,
  CLIENT,
  DELEGATED_SCOPES,
  graphClient,
  graphError,
  MAILBOX,
  msalApp,
  startTestEmulator,
  USER,
} from './test-helpers.js';

/** A self-signed certificate for MSAL's certificate credential (client_assertion). */
function selfSignedCertificate(): { certPem: string; keyPem: string; thumbprintSha256: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(Date.now() - 3600_000);
  cert.validity.notAfter = new Date(Date.now() + 24 * 3600_000);
  cert.setSubject([{ name: 'commonName', value: 'interlog-test' }]);
  cert.setIssuer([{ name: 'commonName', value: 'interlog-test' }]);
  cert.sign(
    forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()),
    forge.md.sha256.create(),
  );
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
  return {
    certPem: forge.pki.certificateToPem(cert),
    keyPem,
    thumbprintSha256: createHash('sha256').update(der).digest('hex'),
  };
}

describe('Graph emulator: Entra ID with real MSAL Node', () => {
  let emu: GraphEmulator;

  beforeEach(async () => {
    emu = await startTestEmulator();
  });

  afterEach(async () => {
    await emu.close();
  });

  it('issues a client-credentials token that lists the inbox through the Graph SDK', async () => {
    const token = await appToken(emu);
    const page = await graphClient(emu, token)
      .api(`/users/${MAILBOX}/mailFolders/inbox/messages`)
      .select('subject')
      .get();
    assert.equal(page.value.length, 6);
    assert.equal(emu.stats.tokenRequests.client_credentials, 1);
  });

  it('refuses a wrong secret with invalid_client / AADSTS7000215, and so a revoked one', async () => {
    const wrong = await msalApp(emu, 'not-the-secret')
      .acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] })
      .then(
        () => assert.fail('expected an error'),
        (e: { errorCode: string; errorMessage: string }) => e,
      );
    assert.equal(wrong.errorCode, 'invalid_client');
    assert.match(wrong.errorMessage, /AADSTS7000215/);

    emu.revokeClientSecret(CLIENT.clientId);
    const revoked = await msalApp(emu)
      .acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] })
      .then(
        () => assert.fail('expected an error'),
        (e: { errorCode: string; errorMessage: string }) => e,
      );
    assert.equal(revoked.errorCode, 'invalid_client');
    assert.match(revoked.errorMessage, /AADSTS7000215/);
  });

  it('answers the raw token endpoint like Entra: status, error, error_codes, AADSTS description', async () => {
    const res = await fetch(`${emu.authority}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: CLIENT.clientId,
        client_secret: 'x',
        scope: 'https://graph.microsoft.com/.default',
      }),
    });
    assert.equal(res.status, 401);
    const body = (await res.json()) as Record<string, unknown>;
    assert.equal(body.error, 'invalid_client');
    assert.deepEqual(body.error_codes, [7000215]);
    assert.match(String(body.error_description), /^AADSTS7000215: Invalid client secret provided/);
    assert.ok(body.trace_id && body.correlation_id && body.timestamp);

    const scope = await fetch(`${emu.authority}/oauth2/v2.0/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: CLIENT.clientId,
        client_secret: CLIENT.clientSecret,
        scope: 'Mail.Read',
      }),
    });
    assert.equal(scope.status, 400);
    assert.equal(((await scope.json()) as { error: string }).error, 'invalid_scope');
  });

  it('makes every issued token answer 401 InvalidAuthenticationToken after expireAllTokens()', async () => {
    const token = await appToken(emu);
    emu.expireAllTokens();
    const err = await graphError(graphClient(emu, token).api(`/users/${MAILBOX}/mailFolders`).get());
    assert.equal(err.statusCode, 401);
    assert.equal(err.code, 'InvalidAuthenticationToken');
    assert.equal(err.message, 'Lifetime validation failed, the token is expired.');

    const fresh = await msalApp(emu).acquireTokenByClientCredential({
      scopes: ['https://graph.microsoft.com/.default'],
      skipCache: true,
    });
    const ok = await graphClient(emu, fresh!.accessToken).api(`/users/${MAILBOX}/mailFolders`).get();
    assert.ok(ok.value.length > 0);
  });

  it('runs the auth-code flow: authorize redirect, code redemption, cached account, silent refresh', async () => {
    const app = msalApp(emu);
    const first = await authCodeFlow(emu, app);
    assert.equal(first.account?.username, USER.username);
    assert.equal(first.account?.localAccountId, USER.oid);
    assert.equal(first.account?.tenantId, emu.tenantId);
    assert.equal(first.idTokenClaims && (first.idTokenClaims as { name?: string }).name, USER.name);

    const delegated = graphClient(emu, first.accessToken);
    const page = await delegated.api(`/users/${MAILBOX}/mailFolders/inbox/messages`).top(1).get();
    assert.equal(page.value.length, 1);

    emu.expireAllTokens();
    assert.equal((await graphError(delegated.api(`/users/${MAILBOX}/mailFolders`).get())).statusCode, 401);

    const [account] = await app.getTokenCache().getAllAccounts();
    assert.ok(account);
    // MSAL cannot know the server expired the token, so a caller that got a 401 forces the refresh.
    const silent = await app.acquireTokenSilent({ account, scopes: DELEGATED_SCOPES, forceRefresh: true });
    assert.notEqual(silent.accessToken, first.accessToken);
    assert.equal(emu.stats.tokenRequests.refresh_token, 1);
    const again = await graphClient(emu, silent.accessToken)
      .api(`/users/${MAILBOX}/mailFolders/inbox/messages`)
      .top(1)
      .get();
    assert.equal(again.value.length, 1);
  });

  it('refuses the refresh with invalid_grant / AADSTS65001 once consent is withdrawn', async () => {
    const app = msalApp(emu);
    await authCodeFlow(emu, app);
    emu.setConsent(CLIENT.clientId, false);
    const [account] = await app.getTokenCache().getAllAccounts();
    const err = await app
      .acquireTokenSilent({ account: account!, scopes: DELEGATED_SCOPES, forceRefresh: true })
      .then(
        () => assert.fail('expected an error'),
        (e: { errorCode: string; errorMessage: string }) => e,
      );
    assert.equal(err.errorCode, 'invalid_grant');
    assert.match(err.errorMessage, /AADSTS65001/);
  });

  it('limits a delegated user to the shared mailboxes they were granted', async () => {
    await emu.close();
    emu = await startTestEmulator({ users: [{ ...USER, mailboxAccess: ['other@contoso.example'] }] });
    const result = await authCodeFlow(emu, msalApp(emu));
    const err = await graphError(
      graphClient(emu, result.accessToken).api(`/users/${MAILBOX}/mailFolders`).get(),
    );
    assert.equal(err.statusCode, 403);
    assert.equal(err.code, 'ErrorAccessDenied');
    const own = await graphClient(emu, result.accessToken).api('/me/mailFolders').get();
    assert.ok(own.value.some((f: { displayName: string }) => f.displayName === 'Inbox'));
  });

  it('accepts a certificate credential (client_assertion signed with the registered certificate)', async () => {
    const cert = selfSignedCertificate();
    const clientId = '9b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e';
    const certEmu = await startGraphEmulator({ clients: [{ clientId, certificatePem: cert.certPem }] });
    try {
      const app = new Cca({
        auth: {
          clientId,
          authority: certEmu.authority,
          knownAuthorities: [certEmu.knownAuthority],
          clientCertificate: { thumbprintSha256: cert.thumbprintSha256, privateKey: cert.keyPem },
        },
      });
      const result = await app.acquireTokenByClientCredential({
        scopes: ['https://graph.microsoft.com/.default'],
      });
      assert.ok(result?.accessToken);
      const other = selfSignedCertificate();
      const impostor = new Cca({
        auth: {
          clientId,
          authority: certEmu.authority,
          knownAuthorities: [certEmu.knownAuthority],
          clientCertificate: { thumbprintSha256: other.thumbprintSha256, privateKey: other.keyPem },
        },
      });
      const err = await impostor
        .acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] })
        .then(
          () => assert.fail('expected an error'),
          (e: { errorCode: string; errorMessage: string }) => e,
        );
      assert.equal(err.errorCode, 'invalid_client');
      assert.match(err.errorMessage, /AADSTS700027/);
    } finally {
      await certEmu.close();
    }
  });
});
