// Viewing a logged mail through the API when the logging mailbox is IMAP (issue 14, point 3): the server fetches
// the source from a real Dovecot by the entry's link (folder, UIDVALIDITY, UID), parses and sanitizes it, lists the
// attached file (not the embedded logo, which stays in the HTML), serves the file, and says 404 once it is gone.
import assert from 'node:assert/strict';
import { ImapFlow } from 'imapflow';
import { MAX_VIEWED_SOURCE_BYTES } from '../../../server/mailsource/imap/content.js';
import { encodeMessageId } from '../../../server/mailsource/imap/ids.js';
import { useTestDatabase } from '../../support/db.js';
import { startMailServers, type MailServers } from '../../support/mailServers.js';
import { startApiHarness, type ApiHarness } from './apiHarness.js';
import { freshEntry } from './samples.js';

const MAILBOX = 'logging@contoso.example';
const PASSWORD = 'imap-viewer-7';
const MESSAGE_ID = '<imap-viewer@contoso.example>';
const PDF = Buffer.from('%PDF-1.4\n% imap offer\n');
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

const MAIL = [
  'From: Peter Hansen <peter.hansen@contoso.example>',
  'To: Anna Jensen <anna.jensen@fabrikam.example>',
  'Subject: Offer',
  `Message-ID: ${MESSAGE_ID}`,
  'Date: Tue, 3 Nov 2026 10:15:00 +0100',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="m"',
  '',
  '--m',
  'Content-Type: multipart/related; boundary="r"',
  '',
  '--r',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<p>Dear Anna, the <i>offer</i>.</p><script>alert(1)</script><img src="http://tracker.example/p.gif">' +
    '<img src="cid:logo@contoso" alt="Contoso">',
  '--r',
  'Content-Type: image/png',
  'Content-ID: <logo@contoso>',
  'Content-Disposition: inline; filename="logo.png"',
  'Content-Transfer-Encoding: base64',
  '',
  PNG.toString('base64'),
  '--r--',
  '--m',
  'Content-Type: application/pdf',
  'Content-Disposition: attachment; filename="Offer.pdf"',
  'Content-Transfer-Encoding: base64',
  '',
  PDF.toString('base64'),
  '--m--',
  '',
].join('\r\n');

describe('logged mail viewer API (IMAP, Dovecot)', function () {
  this.timeout(60_000);
  const tdb = useTestDatabase('mailviewimap');
  let h: ApiHarness;
  let servers: MailServers;
  let admin: ImapFlow;
  let entryNumber: number;
  let uid: number;

  before(async () => {
    servers = await startMailServers({ logging: { user: MAILBOX, password: PASSWORD } });
    h = await startApiHarness(tdb().conn);
    const setup = await h.request('PUT', `/api/v1/logging/setups/${MAILBOX}`, {
      token: 'admin',
      body: {
        provider: 'imap',
        imap: {
          host: servers.host,
          port: servers.imapPort,
          security: 'starttls',
          user: MAILBOX,
          password: PASSWORD,
          caCertificate: servers.ca,
        },
      },
    });
    assert.equal(setup.status, 201, setup.text);
    admin = new ImapFlow({
      host: servers.host,
      port: servers.imapsPort,
      secure: true,
      tls: { ca: servers.ca },
      auth: { user: MAILBOX, pass: PASSWORD },
      logger: false,
    });
    await admin.connect();
    // Archived by the loop: the entry links to where the message is (UIDPLUS tells the new UID).
    const appended = await admin.append('Archive', MAIL);
    assert.ok(appended && appended.uid && appended.uidValidity, 'APPENDUID');
    uid = appended.uid;
    entryNumber = await freshEntry(h);
    const link = encodeMessageId({
      folder: 'Archive',
      uidValidity: String(appended.uidValidity),
      uid,
      messageId: MESSAGE_ID,
    });
    const r = await h.raw('interactions').updateOne(
      { entryNumber },
      {
        $set: {
          'message.mailbox': MAILBOX,
          'message.immutableId': link,
          'message.internetMessageId': MESSAGE_ID,
        },
      },
    );
    assert.equal(r.modifiedCount, 1);
  });
  after(async () => {
    await admin?.logout().catch(() => {});
    await h?.close();
    await servers?.stop();
  });

  it('reads, parses and sanitizes the mail from Dovecot, and serves its attachment', async () => {
    const r = await h.request('GET', `/api/v1/interactions/${entryNumber}/mail`, { token: 'salesperson' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.subject, 'Offer');
    assert.equal(r.json.sentAt, '2026-11-03T09:15:00.000Z');
    assert.match(r.json.html, /<p>Dear Anna, the <i>offer<\/i>\.<\/p>/);
    assert.match(r.json.html, /<img src="data:image\/png;base64,[^"]+" alt="Contoso" \/>/, 'the logo stays');
    for (const banned of ['<script', 'alert', 'tracker.example'])
      assert.ok(!r.json.html.includes(banned), `${banned} in ${r.json.html}`);
    assert.equal(r.json.remoteContentBlocked, true);
    assert.deepEqual(r.json.attachments, [
      { id: '1', name: 'Offer.pdf', contentType: 'application/pdf', size: PDF.length, kind: 'file' },
    ]);
    const file = await h.request('GET', `/api/v1/interactions/${entryNumber}/mail/attachments/1`, {
      token: 'salesperson',
    });
    assert.equal(file.status, 200, file.text);
    assert.equal(file.text, PDF.toString());
    assert.match(file.headers.get('content-disposition') ?? '', /^attachment; filename="Offer\.pdf"$/);
  });

  it('a mail over 25 MB is refused by its size (422 mail_too_large), the others still shown', async () => {
    const big = MAIL.replace('Subject: Offer', 'Subject: Drawings').replace(
      MESSAGE_ID,
      '<imap-viewer-big@contoso.example>',
    );
    const filler = `${'A'.repeat(76)}\r\n`.repeat(Math.ceil((MAX_VIEWED_SOURCE_BYTES + 1024) / 78));
    const at = await admin.append(
      'Archive',
      big.replace('--m--', `--m\r\nContent-Type: text/plain\r\n\r\n${filler}--m--`),
    );
    assert.ok(at && at.uid);
    const n = await freshEntry(h);
    await h.raw('interactions').updateOne(
      { entryNumber: n },
      {
        $set: {
          'message.mailbox': MAILBOX,
          'message.immutableId': encodeMessageId({
            folder: 'Archive',
            uidValidity: String(at.uidValidity),
            uid: at.uid,
            messageId: '<imap-viewer-big@contoso.example>',
          }),
        },
      },
    );
    const r = await h.request('GET', `/api/v1/interactions/${n}/mail`, { token: 'salesperson' });
    assert.deepEqual([r.status, r.json.code], [422, 'mail_too_large'], r.text);
  });

  it('answers 404 mail_gone once the message is deleted from the mailbox', async () => {
    const lock = await admin.getMailboxLock('Archive');
    try {
      await admin.messageDelete(String(uid), { uid: true });
    } finally {
      lock.release();
    }
    const r = await h.request('GET', `/api/v1/interactions/${entryNumber}/mail`, { token: 'salesperson' });
    assert.deepEqual([r.status, r.json.code], [404, 'mail_gone'], r.text);
  });
});
