// An IMAP logging setup that signs in with OAuth (SASL XOAUTH2) through the API (issue 14): the token endpoint,
// client id and scope are shown, the client secret goes in sealed and never comes out, an absent secret keeps
// the stored one, and OAuth sign-in without a client is refused with a stable code.
import assert from 'node:assert/strict';
import { exportPKCS8, generateKeyPair } from 'jose';
import { useTestDatabase } from '../../support/db.js';
import { startApiHarness, type ApiHarness } from './apiHarness.js';

const MAILBOX = 'logging@contoso.example';
const TOKEN_URL = 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token';
const SERVER = { host: 'outlook.office365.com', port: 993, security: 'tls', user: MAILBOX };

describe('email-logging setup with an IMAP mailbox signing in with OAuth (admin)', function () {
  this.timeout(60_000);
  const tdb = useTestDatabase('setupimapoauth');
  let h: ApiHarness;
  before(async () => {
    h = await startApiHarness(tdb().conn);
  });
  after(() => h?.close());

  const put = (imap: object) =>
    h.request('PUT', `/api/v1/logging/setups/${MAILBOX}`, {
      token: 'admin',
      body: { provider: 'imap', imap },
    });

  it('stores the OAuth client with its secret sealed and shows only "set"', async () => {
    const oauth = {
      tokenUrl: TOKEN_URL,
      clientId: '3c9e1f0a-7b5d-4c2e-8f6a-0d1b2c3e4f5a',
      clientSecret: 'app~secret~7',
      scope: 'https://outlook.office365.com/.default',
    };
    const r = await put({ ...SERVER, auth: 'oauth2', oauth });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.imap.auth, 'oauth2');
    assert.deepEqual(r.json.imap.oauth, { grant: 'client_credentials', ...oauth, clientSecret: 'set' });
    assert.equal(r.json.imap.password, 'not set');
    assert.ok(!r.text.includes('app~secret~7'));
    const stored = await h.raw('loggingSetups').findOne({ mailbox: MAILBOX });
    assert.equal(h.secrets.open(stored!.imap.oauth.clientSecretSealed), 'app~secret~7');

    // Another scope without the secret keeps the stored secret; the sign-in choice stays when not sent.
    const { clientSecret: _omitted, ...withoutSecret } = oauth;
    const again = await put({ ...SERVER, oauth: { ...withoutSecret, scope: 'https://mail.google.com/' } });
    assert.equal(again.status, 200, again.text);
    assert.equal(again.json.imap.auth, 'oauth2');
    assert.deepEqual(again.json.imap.oauth, {
      grant: 'client_credentials',
      ...withoutSecret,
      scope: 'https://mail.google.com/',
      clientSecret: 'set',
    });
  });

  it("stores a Google service account's key sealed; a change of grant never keeps the other grant's secret", async () => {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const pem = await exportPKCS8(privateKey);
    const google = {
      grant: 'jwt_bearer',
      tokenUrl: 'https://oauth2.googleapis.com/token',
      clientId: 'interlog-imap@contoso-crm.iam.gserviceaccount.com',
      scope: 'https://mail.google.com/',
    };
    const server = { ...SERVER, host: 'imap.gmail.com' };
    // A client secret where a key belongs (and a key where a secret belongs) is refused, naming the field.
    for (const [grant, secret] of [
      ['jwt_bearer', 'app~secret~7'],
      ['client_credentials', pem],
    ] as const) {
      const wrong = await put({
        ...server,
        auth: 'oauth2',
        oauth: { ...google, grant, clientSecret: secret },
      });
      assert.equal(wrong.status, 400, wrong.text);
      assert.ok(wrong.json.errors.some((e: { path: string }) => e.path === 'body.imap.oauth.clientSecret'));
    }
    const r = await put({ ...server, auth: 'oauth2', oauth: { ...google, clientSecret: pem } });
    assert.ok(r.status === 200 || r.status === 201, r.text);
    assert.deepEqual(r.json.imap.oauth, { ...google, clientSecret: 'set' });
    assert.ok(!r.text.includes('PRIVATE KEY'));
    const stored = await h.raw('loggingSetups').findOne({ mailbox: MAILBOX });
    assert.equal(h.secrets.open(stored!.imap.oauth.clientSecretSealed), pem);
    assert.equal(stored!.imap.oauth.grant, 'jwt_bearer');

    // Back to client credentials without a secret: the key is not kept as the client secret.
    const back = await put({ ...server, oauth: { ...google, grant: 'client_credentials' } });
    assert.equal(back.status, 200, back.text);
    assert.equal(back.json.imap.oauth.clientSecret, 'not set');
  });

  it('refuses OAuth sign-in without a client, and a token endpoint that is not https', async () => {
    const cleared = await put({ ...SERVER, auth: 'oauth2', oauth: null });
    assert.equal(cleared.status, 400, cleared.text);
    assert.equal(cleared.json.code, 'validation_failed');
    assert.ok(
      cleared.json.errors.some((e: { path: string }) => e.path === 'body.imap.oauth'),
      cleared.text,
    );
    const plain = await put({
      ...SERVER,
      auth: 'oauth2',
      oauth: { tokenUrl: 'http://login.example/token', clientId: 'x', scope: 's' },
    });
    assert.equal(plain.status, 400, plain.text);
    assert.equal(plain.json.code, 'validation_failed');
    // Back to the password: the OAuth client may stay stored, unused.
    const back = await put({ ...SERVER, auth: 'password', password: 'pw-1' });
    assert.equal(back.status, 200, back.text);
    assert.deepEqual([back.json.imap.auth, back.json.imap.password], ['password', 'set']);
  });
});
