// Token acquisition and auth failures of the Graph MailSource against the emulator's Entra ID: real MSAL Node
// (client secret, certificate, delegated auth code + silent refresh from a persisted cache).
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';
import type { GraphEmulator } from '../../../../scripts/graph-emulator/index.js';
import { MailSourceError } from '../../../../server/mailsource/MailSource.js';
import { createGraphAuth } from '../../../../server/mailsource/graph/auth.js';
import type { GraphAuthConfig } from '../../../../server/mailsource/graph/config.js';
import { createMemoryCacheStore } from '../../../../server/mailsource/graph/tokenCachePlugin.js';
import { appAuthConfig, CLIENT, MAILBOX, mailSource, startEmulator, USER } from './emulatorHarness.js';

const query = { receivedFrom: null, pageSize: 2 };
const failsWith = (code: string, providerCode?: string, text?: RegExp) => (err: unknown) => {
  assert.ok(err instanceof MailSourceError, String(err));
  assert.equal(err.code, code);
  if (providerCode) assert.equal(err.providerCode, providerCode);
  if (text) assert.match(err.message, text);
  return true;
};

function selfSignedCertificate(): { certificatePem: string; privateKey: string; thumbprintSha256: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 24 * 3600_000);
  const subject = [{ name: 'commonName', value: 'interlog-test-app' }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.sign(forge.pki.privateKeyFromPem(keyPem), forge.md.sha256.create());
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
  return {
    certificatePem: forge.pki.certificateToPem(cert),
    privateKey: keyPem,
    thumbprintSha256: createHash('sha256').update(der).digest('hex').toUpperCase(),
  };
}

/** Walks the emulator's authorize endpoint as a browser would for a known user, returning the code. */
async function signInCode(url: string): Promise<string> {
  const res = await fetch(url, { redirect: 'manual' });
  const location = res.headers.get('location');
  assert.ok(res.status >= 300 && res.status < 400 && location, `expected a redirect, got ${res.status}`);
  const code = new URL(location).searchParams.get('code');
  assert.ok(code, 'authorization code in the redirect');
  return code;
}

describe('graph MailSource auth against the emulated Entra ID', function () {
  this.timeout(30_000);
  let emu: GraphEmulator;
  const cert = selfSignedCertificate();
  const CERT_CLIENT = {
    clientId: '2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091',
    certificatePem: cert.certificatePem,
  };

  beforeEach(async () => {
    emu = await startEmulator({ clients: [CLIENT, CERT_CLIENT] });
  });
  afterEach(async () => {
    await emu.close();
  });

  it('gets a new token transparently when Graph starts rejecting the current one', async () => {
    const { source, events } = mailSource(emu);
    await source.listInbox(query);
    emu.expireAllTokens();
    const page = await source.listInbox(query);
    assert.equal(page.messages.length, 2);
    assert.deepEqual(
      events.map((e) => e.status),
      [200, 401, 200],
    );
    assert.equal(emu.stats.tokenRequests.client_credentials, 2);
  });

  it('refreshes once for many requests that meet the expiry together', async () => {
    const { source, events } = mailSource(emu);
    await source.listInbox(query);
    emu.expireAllTokens();
    const pages = await Promise.all(Array.from({ length: 4 }, () => source.listInbox(query)));
    assert.ok(pages.every((p) => p.messages.length === 2));
    assert.equal(emu.stats.tokenRequests.client_credentials, 2);
    assert.equal(events.filter((e) => e.status === 401).length, 4);
  });

  it('reports a revoked client secret as auth_failed with the AADSTS code, before any Graph call', async () => {
    emu.revokeClientSecret(CLIENT.clientId);
    const { source, events } = mailSource(emu);
    await assert.rejects(source.listInbox(query), failsWith('auth_failed', 'AADSTS7000215', /client secret/));
    assert.equal(events.length, 0);
  });

  it('reports auth_failed when the secret is revoked while tokens are in use', async () => {
    const { source } = mailSource(emu);
    await source.listInbox(query);
    emu.revokeClientSecret(CLIENT.clientId);
    emu.expireAllTokens();
    await assert.rejects(source.listInbox(query), failsWith('auth_failed', 'AADSTS7000215'));
  });

  it('explains an unknown client id', async () => {
    const { source } = mailSource(emu, {
      auth: appAuthConfig(emu, { clientId: '00000000-0000-4000-8000-000000000000' }),
    });
    await assert.rejects(
      source.listInbox(query),
      failsWith('auth_failed', 'AADSTS700016', /not found in this tenant/),
    );
  });

  it('authenticates with a certificate instead of a secret', async () => {
    const auth = appAuthConfig(emu, {
      clientId: CERT_CLIENT.clientId,
      credential: {
        kind: 'certificate',
        thumbprintSha256: cert.thumbprintSha256,
        privateKey: cert.privateKey,
      },
    });
    const page = await mailSource(emu, { auth }).source.listInbox(query);
    assert.equal(page.messages.length, 2);
  });

  it('maps mailbox refusals: access policy, no licence, unknown mailbox', async () => {
    const { source } = mailSource(emu);
    emu.setMailboxState(MAILBOX, 'accessDenied');
    await assert.rejects(source.listInbox(query), failsWith('access_denied', 'ErrorAccessDenied'));
    emu.setMailboxState(MAILBOX, 'notLicensed');
    await assert.rejects(source.listInbox(query), failsWith('not_licensed', 'MailboxNotEnabledForRESTAPI'));
    const other = mailSource(emu, { mailbox: 'nobody@contoso.example' });
    await assert.rejects(other.source.listInbox(query), failsWith('mailbox_not_found', 'ErrorInvalidUser'));
  });

  describe('delegated (job account)', () => {
    const redirectUri = 'https://interlog.example/setup/signed-in';
    const delegated = (
      store: ReturnType<typeof createMemoryCacheStore>,
      homeAccountId?: string,
    ): GraphAuthConfig =>
      appAuthConfig(emu, { mode: { kind: 'delegated', cacheStore: store, homeAccountId } });

    async function signIn(store: ReturnType<typeof createMemoryCacheStore>): Promise<string> {
      const auth = createGraphAuth(delegated(store));
      const { url, codeVerifier } = await auth.getAuthCodeUrl({
        redirectUri,
        state: 'st-1',
        loginHint: USER.username,
      });
      assert.equal(new URL(url).searchParams.get('code_challenge_method'), 'S256');
      const account = await auth.acquireTokenByCode({
        code: await signInCode(url),
        redirectUri,
        codeVerifier,
      });
      assert.equal(account.username, USER.username);
      return account.homeAccountId;
    }

    it('signs in once, then works from the persisted cache and refreshes silently', async () => {
      const store = createMemoryCacheStore();
      const homeAccountId = await signIn(store);
      assert.ok(store.value, 'MSAL cache saved through the store');
      assert.doesNotMatch(store.value!, /integration~secret/);

      // A new process: nothing in memory but the stored cache.
      const { source, events } = mailSource(emu, {
        auth: delegated(createMemoryCacheStore(store.value), homeAccountId),
      });
      assert.equal((await source.listInbox(query)).messages.length, 2);
      emu.expireAllTokens();
      assert.equal((await source.listInbox(query)).messages.length, 2);
      assert.deepEqual(
        events.map((e) => e.status),
        [200, 401, 200],
      );
      assert.equal(emu.stats.tokenRequests.refresh_token, 1);
    });

    it('asks for a new sign-in when no job account is in the cache', async () => {
      const { source, events } = mailSource(emu, { auth: delegated(createMemoryCacheStore()) });
      await assert.rejects(
        source.listInbox(query),
        failsWith('auth_failed', 'interaction_required', /sign in/),
      );
      assert.equal(events.length, 0);
    });

    it('reports withdrawn consent when the refresh is refused', async () => {
      const store = createMemoryCacheStore();
      const homeAccountId = await signIn(store);
      const { source } = mailSource(emu, { auth: delegated(store, homeAccountId) });
      await source.listInbox(query);
      emu.setConsent(CLIENT.clientId, false);
      emu.expireAllTokens();
      await assert.rejects(source.listInbox(query), failsWith('auth_failed', 'AADSTS65001', /consent/));
    });
  });
});
