// An IMAP logging setup through the API (issue 14): the server and its password go in, the password never comes
// out, and Validate checks the real server (Dovecot) with the same steps as for Graph.
import assert from 'node:assert/strict';
import { useTestDatabase } from '../../support/db.js';
import { startMailServers, type MailServers } from '../../support/mailServers.js';
import { startApiHarness, type ApiHarness } from './apiHarness.js';

const MAILBOX = 'logging@contoso.example';

describe('email-logging setup with an IMAP mailbox (admin): password in, never out; validate against Dovecot', function () {
  this.timeout(60_000);
  const tdb = useTestDatabase('setupimap');
  let h: ApiHarness;
  let servers: MailServers;
  before(async () => {
    servers = await startMailServers({ logging: { user: MAILBOX, password: 'imap-secret-42' } });
    h = await startApiHarness(tdb().conn);
  });
  after(async () => {
    await h?.close();
    await servers?.stop();
  });

  const call = async (method: string, path: string, body?: object) =>
    h.request(method, `/api/v1/logging/setups${path}`, { token: 'admin', body });

  it('stores the server with the password sealed and shows only "set"/"not set"', async () => {
    const r = await call('PUT', `/${MAILBOX}`, {
      enabled: true,
      provider: 'imap',
      imap: {
        host: servers.host,
        port: servers.imapPort,
        security: 'starttls',
        user: MAILBOX,
        password: 'imap-secret-42',
        caCertificate: servers.ca,
      },
    });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.provider, 'imap');
    assert.deepEqual(r.json.imap, {
      host: servers.host,
      port: servers.imapPort,
      security: 'starttls',
      user: MAILBOX,
      password: 'set',
      caCertificate: 'set',
      archiveFolderName: null,
      junkFolderName: null,
      trashFolderName: null,
      auth: 'password',
      oauth: null,
    });
    assert.ok(!r.text.includes('imap-secret-42'));
    const stored = await h.raw('loggingSetups').findOne({ mailbox: MAILBOX });
    assert.notEqual(stored?.imap.passwordSealed, 'imap-secret-42');
    assert.equal(h.secrets.open(stored!.imap.passwordSealed), 'imap-secret-42');

    // A later PUT without the password keeps it.
    const moved = await call('PUT', `/${MAILBOX}`, {
      imap: { host: servers.host, port: servers.imapsPort, security: 'tls', user: MAILBOX },
    });
    assert.equal(moved.status, 200, moved.text);
    assert.deepEqual([moved.json.imap.password, moved.json.imap.caCertificate], ['set', 'set']);
  });

  it('validates against the IMAP server: sign-in, Inbox, archive and quarantine folders', async () => {
    const ok = await call('POST', `/${MAILBOX}/validate`);
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.json.ok, true, ok.text);
    const wrong = await call('PUT', `/${MAILBOX}`, {
      imap: {
        host: servers.host,
        port: servers.imapsPort,
        security: 'tls',
        user: MAILBOX,
        password: 'wrong',
      },
    });
    assert.equal(wrong.status, 200, wrong.text);
    const bad = await call('POST', `/${MAILBOX}/validate`);
    assert.deepEqual([bad.json.ok, bad.json.code], [false, 'auth_failed'], bad.text);
  });

  it('refuses an IMAP server without TLS and a CA that is not a certificate', async () => {
    const plain = await call('PUT', `/${MAILBOX}`, {
      imap: { host: servers.host, port: 143, security: 'none', user: MAILBOX },
    });
    assert.equal(plain.status, 400, plain.text);
    const ca = await call('PUT', `/${MAILBOX}`, {
      imap: { host: servers.host, port: 993, security: 'tls', user: MAILBOX, caCertificate: 'hello' },
    });
    assert.equal(ca.status, 400, ca.text);
  });
});
