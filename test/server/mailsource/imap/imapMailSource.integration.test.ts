// The IMAP adapter against a real Dovecot (STARTTLS and implicit TLS with the development CA): paging by UID,
// UIDVALIDITY changes, MOVE with COPYUID, ids that survive moves, Message-ID search, error codes.
import assert from 'node:assert/strict';
import { ImapFlow } from 'imapflow';
import type { MailSourceError } from '../../../../server/mailsource/MailSource.js';
import type { ImapMailSourceConfig } from '../../../../server/mailsource/imap/config.js';
import {
  createImapMailSource,
  type ImapMailSource,
} from '../../../../server/mailsource/imap/imapMailSource.js';
import { decodeCursor } from '../../../../server/mailsource/imap/ids.js';
import { startMailServers, type MailServers } from '../../../support/mailServers.js';

function rawMail(n: number, extra = ''): string {
  return [
    'From: Anna Jensen <anna.jensen@fabrikam.example>',
    'To: Peter Hansen <peter.hansen@contoso.example>',
    `Subject: Message ${n}`,
    `Message-ID: <m${n}@fabrikam.example>`,
    'Date: Mon, 3 Mar 2025 08:15:00 +0000',
    extra,
    '',
    `Body ${n}`,
    '',
  ]
    .filter((l, i) => l !== '' || i > 4)
    .join('\r\n');
}

describe('IMAP mail source against Dovecot', function () {
  this.timeout(60_000);
  let servers: MailServers;
  let admin: ImapFlow;
  const sources: ImapMailSource[] = [];
  const config = (over: Partial<ImapMailSourceConfig> = {}): ImapMailSourceConfig => ({
    host: servers.host,
    port: servers.imapPort,
    security: 'starttls',
    ca: servers.ca,
    auth: { kind: 'password', user: servers.logging.user, password: servers.logging.password },
    ...over,
  });
  const source = (over: Partial<ImapMailSourceConfig> = {}) => {
    const s = createImapMailSource(config(over));
    sources.push(s);
    return s;
  };
  const append = async (n: number, extra = '') => {
    await admin.append('INBOX', rawMail(n, extra));
  };

  before(async () => {
    servers = await startMailServers();
    admin = new ImapFlow({
      host: servers.host,
      port: servers.imapsPort,
      secure: true,
      tls: { ca: servers.ca },
      auth: { user: servers.logging.user, pass: servers.logging.password },
      logger: false,
    });
    await admin.connect();
  });
  after(async () => {
    for (const s of sources) await s.close();
    await admin?.logout().catch(() => {});
    await servers?.stop();
  });

  it('resolves INBOX, SPECIAL-USE folders and names, creating what is missing', async () => {
    const s = source();
    assert.equal((await s.resolveFolder('inbox')).id, 'INBOX');
    assert.equal((await s.resolveFolder('archive')).id, 'Archive');
    assert.equal((await s.resolveFolder('junkemail')).id, 'Junk');
    await assert.rejects(
      s.resolveFolder('Interlog quarantine'),
      (e: MailSourceError) => e.code === 'not_found',
    );
    const q = await s.resolveFolder('Interlog quarantine', { create: true });
    assert.deepEqual(
      { id: q.id, name: q.displayName, count: q.itemCount },
      {
        id: 'Interlog quarantine',
        name: 'Interlog quarantine',
        count: 0,
      },
    );
    assert.equal((await s.resolveFolder('Interlog quarantine', { create: true })).id, q.id);
    const sub = await s.resolveSubfolder('Archive', '2027', { create: true });
    assert.equal(sub.id, 'Archive/2027');
    assert.equal(sub.displayName, '2027');
  });

  it('pages the Inbox by UID with a cursor that only moves forward, over implicit TLS too', async () => {
    for (let n = 1; n <= 5; n++) await append(n);
    const s = source({ port: servers.imapsPort, security: 'tls' });
    const first = await s.readInbox(null, 2);
    assert.deepEqual(
      first.messages.map((m) => m.subject),
      ['Message 1', 'Message 2'],
    );
    assert.ok(first.next && !first.done);
    const second = await s.readInbox(first.next, 2);
    const third = await s.readInbox(second.next!, 2);
    assert.deepEqual(
      third.messages.map((m) => m.subject),
      ['Message 5'],
    );
    assert.ok(third.done && !third.next);
    assert.deepEqual((await s.readInbox(third.done, 2)).messages, [], 'nothing new');
    await append(6);
    const later = await s.readInbox(third.done, 2);
    assert.deepEqual(
      later.messages.map((m) => m.subject),
      ['Message 6'],
    );
    assert.ok(decodeCursor(later.done!).highestUid > decodeCursor(third.done).highestUid);

    const m = first.messages[0]!;
    assert.equal(m.internetMessageId, '<m1@fabrikam.example>');
    assert.deepEqual(m.from, { address: 'anna.jensen@fabrikam.example', name: 'Anna Jensen' });
    assert.deepEqual(m.sender, m.from, 'no Sender: header -> the From: address, as Graph');
    assert.deepEqual(m.toRecipients, [{ address: 'peter.hansen@contoso.example', name: 'Peter Hansen' }]);
    assert.equal(m.sentDateTime, '2025-03-03T08:15:00.000Z');
    assert.ok(m.receivedDateTime && Date.parse(m.receivedDateTime) > Date.parse('2026-01-01'));
    assert.equal(m.parentFolderId, 'INBOX');
    assert.equal(m.sensitivity, 'normal');
  });

  it('moves with MOVE and learns the new UID (COPYUID); the old id still finds the message', async () => {
    const s = source();
    const page = await s.readInbox(null, 100);
    const [a, b] = page.messages;
    const results = await s.applyMany([
      { kind: 'move', id: a!.id, destination: 'Archive' },
      { kind: 'move', id: b!.id, destination: 'archive' },
      { kind: 'move', id: 'imap1:1:999999:INBOX:', destination: 'Archive' },
    ]);
    assert.ok(results[0]!.ok && results[1]!.ok, JSON.stringify(results));
    const moved = results[0]!.ok ? results[0]!.message! : null;
    assert.equal(moved!.parentFolderId, 'Archive');
    assert.equal(moved!.internetMessageId, a!.internetMessageId);
    assert.notEqual(moved!.id, a!.id);
    assert.ok(!results[2]!.ok && results[2]!.error.code === 'not_found');

    const again = await s.getMessage(a!.id); // the Inbox id: healed by Message-ID
    assert.equal(again!.id, moved!.id);
    assert.equal((await s.getMessage(moved!.id))!.parentFolderId, 'Archive');
    // Moving by a stale id is a move already done.
    assert.equal((await s.move(a!.id, 'Archive')).id, moved!.id);
    assert.equal((await s.findByInternetMessageId('<m2@fabrikam.example>'))!.parentFolderId, 'Archive');
    assert.equal(await s.findByInternetMessageId('<nobody@example>'), null);

    // Deleting goes to Trash; deleting what is gone is not an error.
    const c = page.messages[2]!;
    await s.delete(c.id);
    assert.equal((await s.getMessage(c.id))!.parentFolderId, 'Trash');
    await s.delete('imap1:1:999999:INBOX:');
  });

  it('a UIDVALIDITY change asks for a full round (sync_reset)', async () => {
    const s = source();
    const done = (await s.readInbox(null, 100)).done!;
    servers.doveadm(['mailbox', 'update', '-u', servers.logging.user, '--uid-validity', '12345', 'INBOX']);
    await s.close(); // a new session sees the new UIDVALIDITY
    await assert.rejects(s.readInbox(done, 100), (e: MailSourceError) => e.code === 'sync_reset');
    const full = await s.readInbox(null, 100);
    assert.equal(decodeCursor(full.done!).uidValidity, '12345');
    assert.ok(full.messages.length > 0);
  });

  it('reads the Sensitivity: header as Graph names it', async () => {
    await append(7, 'Sensitivity: Company-Confidential');
    const s = source();
    const m = await s.findByInternetMessageId('<m7@fabrikam.example>');
    assert.equal(m!.sensitivity, 'confidential');
  });

  // Last: Dovecot slows down logins from an address after refused ones.
  it('translates a refused login to auth_failed and an unreachable server to transient', async () => {
    const wrong = source({ auth: { kind: 'password', user: servers.logging.user, password: 'wrong' } });
    await assert.rejects(wrong.resolveFolder('inbox'), (e: MailSourceError) => e.code === 'auth_failed');
    // (The test process trusts the development CA already: a name the certificate lacks is refused instead.)
    const untrusted = source({ servername: 'imap.elsewhere.example' });
    await assert.rejects(
      untrusted.resolveFolder('inbox'),
      (e: MailSourceError) => e.code === 'invalid_request',
    );
    const closed = source({ port: 1, timeoutMs: 2_000 });
    await assert.rejects(closed.resolveFolder('inbox'), (e: MailSourceError) => e.code === 'transient');
  });
});
