// Validate and "Check connection" for IMAP logging mailboxes (issue 14, point 2) against a real Dovecot: each
// failure an admin can cause (a wrong port, the wrong security for a port, a wrong password, a folder name the
// server does not have, an archive the account may not move mail into) has its own stable code and advice about the mail server,
// never about Graph or Exchange Online; a passing check proves MOVE with a probe message and leaves nothing.
import assert from 'node:assert/strict';
import { freePort } from '../../../scripts/lib/mongo.js';
import { useTestDatabase } from '../../support/db.js';
import { startMailServers, type MailServers } from '../../support/mailServers.js';
import { startApiHarness, type ApiHarness } from './apiHarness.js';

const MAILBOX = 'logging@contoso.example';
const PASSWORD = 'imap-validate-17';
const GRAPH_WORDS = /Graph|Entra|Exchange Online|tenant|client secret|admin consent/i;

describe('validate an IMAP logging mailbox (admin): each failure with its code and advice, against Dovecot', function () {
  this.timeout(90_000);
  const tdb = useTestDatabase('setupimapvalidate');
  let h: ApiHarness;
  let servers: MailServers;
  before(async () => {
    servers = await startMailServers({ logging: { user: MAILBOX, password: PASSWORD } });
    h = await startApiHarness(tdb().conn);
  });
  after(async () => {
    await h?.close();
    await servers?.stop();
  });

  const imap = (over: Record<string, unknown> = {}) => ({
    host: servers.host,
    port: servers.imapPort,
    security: 'starttls',
    user: MAILBOX,
    password: PASSWORD,
    caCertificate: servers.ca,
    ...over,
  });
  const check = async (over: Record<string, unknown> = {}) => {
    const r = await h.request('POST', '/api/v1/logging/setup-checks', {
      token: 'admin',
      body: { mailbox: MAILBOX, provider: 'imap', imap: imap(over) },
    });
    assert.equal(r.status, 200, r.text);
    return r.json as {
      ok: boolean;
      code: string | null;
      message: string;
      steps: { name: string; ok: boolean; message: string }[];
    };
  };
  /** Messages per folder, as Dovecot counts them. */
  const counts = () =>
    servers
      .doveadm(['mailbox', 'status', '-u', MAILBOX, 'messages', '*'])
      .trim()
      .split('\n')
      .sort()
      .join('\n');

  it('a passing check signs in, finds the folders, moves a probe message and leaves nothing behind', async () => {
    const r = await check();
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.deepEqual(
      r.steps.map((s) => [s.name, s.ok]),
      [
        ['connection', true],
        ['inbox', true],
        ['archive_folder', true],
        ['quarantine_folder', true],
        ['unmatched_folder', true],
        ['move_permission', true],
      ],
    );
    assert.match(
      r.steps[4]!.message,
      /^Unmatched mail is deleted to "Trash"\.$/,
      'the SPECIAL-USE \\Trash folder',
    );
    assert.match(r.steps[2]!.message, /"Archive"/, 'the SPECIAL-USE \\Archive folder');
    const before = counts();
    assert.match(before, /Interlog quarantine messages=0/, before);
    assert.match(before, /Archive messages=0/, before);
    // A second check finds the quarantine folder the first one created, and still leaves every folder as it was.
    const again = await check();
    assert.equal(again.ok, true, JSON.stringify(again));
    assert.doesNotMatch(again.steps[3]!.message, /created now/);
    assert.equal(counts(), before);
    assert.deepEqual(await h.raw('loggingSetups').find({}).toArray(), [], 'a check stores nothing');
  });

  it('a wrong password fails the sign-in with advice about the IMAP account', async () => {
    const r = await check({ password: 'not-the-password' });
    assert.deepEqual([r.ok, r.code], [false, 'auth_failed'], JSON.stringify(r));
    assert.match(r.message, new RegExp(`refused the sign-in of ${MAILBOX}`));
    assert.doesNotMatch(r.message, GRAPH_WORDS);
  });

  it('a port nobody listens on is unreachable; implicit TLS on the STARTTLS port is a TLS failure', async () => {
    const closed = await check({ port: await freePort() });
    assert.deepEqual([closed.ok, closed.code], [false, 'unreachable'], JSON.stringify(closed));
    assert.match(closed.message, /Check the host name and the port/);
    assert.doesNotMatch(closed.message, GRAPH_WORDS);
    const mismatch = await check({ security: 'tls' });
    assert.deepEqual([mismatch.ok, mismatch.code], [false, 'tls_failed'], JSON.stringify(mismatch));
    assert.match(mismatch.message, /security matches the port/);
  });

  it('implicit TLS on the IMAPS port passes with the company CA given', async () => {
    // (An untrusted certificate cannot be provoked here: the test processes trust the development CA.)
    const r = await check({ port: servers.imapsPort, security: 'tls' });
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.match(r.steps[0]!.message, new RegExp(`Signed in to 127.0.0.1:${servers.imapsPort}`));
  });

  it('an archive folder name the server does not have is folder_missing, naming the folders it has', async () => {
    const r = await check({ archiveFolderName: 'Archiv' });
    assert.deepEqual([r.ok, r.code], [false, 'folder_missing'], JSON.stringify(r));
    const failed = r.steps.find((s) => !s.ok)!;
    assert.equal(failed.name, 'archive_folder');
    assert.match(failed.message, /no folder "Archiv".*Archive/);
    assert.doesNotMatch(r.message, GRAPH_WORDS);
  });

  it('a trash folder name the server does not have is folder_missing (every delete would be an expunge)', async () => {
    const r = await check({ trashFolderName: 'Papirkurv' });
    assert.deepEqual([r.ok, r.code], [false, 'folder_missing'], JSON.stringify(r));
    const failed = r.steps.find((s) => !s.ok)!;
    assert.equal(failed.name, 'unmatched_folder');
    assert.match(failed.message, /no folder "Papirkurv".*Trash/);
    assert.equal(r.steps.at(-1)!.name, 'unmatched_folder', 'the move probe is not tried after it');
    const named = await check({ trashFolderName: 'Trash' });
    assert.equal(named.ok, true, JSON.stringify(named));
  });

  it('a server that refuses to move mail into the archive is move_denied, and the probe leaves nothing', async () => {
    const strict = await startMailServers({
      logging: { user: MAILBOX, password: PASSWORD },
      readOnlyFolders: ['Archive'],
    });
    try {
      const r = await check({ port: strict.imapPort, caCertificate: strict.ca });
      assert.deepEqual([r.ok, r.code], [false, 'move_denied'], JSON.stringify(r));
      const failed = r.steps.find((s) => !s.ok)!;
      assert.equal(failed.name, 'move_permission');
      assert.match(failed.message, new RegExp(`${MAILBOX} may not move mail`));
      assert.match(failed.message, /full rights on the mailbox/);
      assert.doesNotMatch(r.message, GRAPH_WORDS);
      const left = strict.doveadm(['mailbox', 'status', '-u', MAILBOX, 'messages', '*']);
      assert.doesNotMatch(left, /messages=[1-9]/, left);
    } finally {
      await strict.stop();
    }
  });

  it('the validate route of a saved IMAP setup runs the same steps; no stored password is a 400 for a check', async () => {
    const missing = await h.request('POST', '/api/v1/logging/setup-checks', {
      token: 'admin',
      body: { mailbox: MAILBOX, provider: 'imap', imap: imap({ password: undefined }) },
    });
    assert.equal(missing.status, 400, missing.text);
    assert.deepEqual(
      [missing.json.code, missing.json.errors[0].path],
      ['validation_failed', 'body.imap.password'],
    );
    const put = await h.request('PUT', `/api/v1/logging/setups/${MAILBOX}`, {
      token: 'admin',
      body: { provider: 'imap', imap: imap() },
    });
    assert.equal(put.status, 201, put.text);
    const ok = await h.request('POST', `/api/v1/logging/setups/${MAILBOX}/validate`, { token: 'admin' });
    assert.equal(ok.json.ok, true, ok.text);
    assert.equal(ok.json.steps.length, 6);
    // Unmatched mail kept in the Inbox needs no folder: not asked.
    const keep = await h.request('PUT', `/api/v1/logging/setups/${MAILBOX}`, {
      token: 'admin',
      body: { policy: { unmatched: 'keep' } },
    });
    assert.equal(keep.status, 200, keep.text);
    const kept = await h.request('POST', `/api/v1/logging/setups/${MAILBOX}/validate`, { token: 'admin' });
    assert.equal(kept.json.ok, true, kept.text);
    assert.deepEqual(
      kept.json.steps.map((s: { name: string }) => s.name),
      ['connection', 'inbox', 'archive_folder', 'quarantine_folder', 'move_permission'],
    );
    // A check with the password left out uses the stored one.
    const stored = await check({ password: undefined });
    assert.equal(stored.ok, true, JSON.stringify(stored));
  });
});
