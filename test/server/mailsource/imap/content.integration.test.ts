// Viewing logged mail over IMAP (issue 14, point 3) against a real Dovecot: the message's source fetched by the
// UID its id names and parsed (headers, text, HTML, attachments with inline parts told apart), an attachment's
// bytes, a link healed by Message-ID after the message moved, and null for a message that is gone.
import assert from 'node:assert/strict';
import { ImapFlow } from 'imapflow';
import {
  createImapMailSource,
  type ImapMailSource,
} from '../../../../server/mailsource/imap/imapMailSource.js';
import { decodeMessageId } from '../../../../server/mailsource/imap/ids.js';
import { startMailServers, type MailServers } from '../../../support/mailServers.js';

const PDF = Buffer.from('%PDF-1.4\n% quote for pumps\n');
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

/** A mail as Outlook sends one with a logo in the signature and a file attached. */
function quoteMail(messageId: string): string {
  const b64 = (b: Buffer) => b.toString('base64').replace(/.{1,76}/g, '$&\r\n');
  return [
    'From: Peter Hansen <peter.hansen@contoso.example>',
    'To: Anna Jensen <anna.jensen@fabrikam.example>',
    'Cc: =?utf-8?q?S=C3=B8ren_Holm?= <soren.holm@fabrikam.example>',
    'Subject: =?utf-8?q?Tilbud_p=C3=A5_pumper?=',
    `Message-ID: ${messageId}`,
    'Date: Tue, 3 Nov 2026 10:15:00 +0100',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="outer"',
    '',
    '--outer',
    'Content-Type: multipart/related; boundary="rel"',
    '',
    '--rel',
    'Content-Type: multipart/alternative; boundary="alt"',
    '',
    '--alt',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    'Kære Anna, tilbuddet er vedhæftet.',
    '--alt',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<p>Kære Anna, <b>tilbuddet</b> er vedhæftet.</p><script>alert(1)</script>' +
      '<img src="https://tracker.example/p.gif"><img src="cid:logo@contoso">',
    '--alt--',
    '--rel',
    'Content-Type: image/png',
    'Content-ID: <logo@contoso>',
    'Content-Disposition: inline; filename="logo.png"',
    'Content-Transfer-Encoding: base64',
    '',
    b64(PNG),
    '--rel--',
    '--outer',
    'Content-Type: application/pdf; name="Tilbud 2026.pdf"',
    'Content-Disposition: attachment; filename="Tilbud 2026.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    b64(PDF),
    '--outer--',
    '',
  ].join('\r\n');
}

describe('IMAP mail source: reading a logged mail for the viewer (Dovecot)', function () {
  this.timeout(60_000);
  let servers: MailServers;
  let admin: ImapFlow;
  let source: ImapMailSource;

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
    source = createImapMailSource({
      host: servers.host,
      port: servers.imapPort,
      security: 'starttls',
      ca: servers.ca,
      auth: { kind: 'password', user: servers.logging.user, password: servers.logging.password },
    });
  });
  after(async () => {
    await source?.close();
    await admin?.logout().catch(() => {});
    await servers?.stop();
  });

  /** Delivers the mail to INBOX and returns the id the adapter gives it. */
  async function deliver(messageId: string): Promise<string> {
    await admin.append('INBOX', quoteMail(messageId));
    // As the loop meets it: reading the Inbox (which asks the server for what arrived since).
    const page = await source.readInbox(null, 100);
    const found = page.messages.find((m) => m.internetMessageId === messageId);
    assert.ok(found, 'delivered');
    return found.id;
  }

  it('parses headers, text, HTML and attachments from the source fetched by UID', async () => {
    const id = await deliver('<view-1@contoso.example>');
    const mail = await source.getMessageContent(id);
    assert.ok(mail);
    assert.equal(mail.id, id);
    assert.equal(mail.subject, 'Tilbud på pumper');
    assert.deepEqual(mail.from, { address: 'peter.hansen@contoso.example', name: 'Peter Hansen' });
    assert.deepEqual(mail.ccRecipients, [{ address: 'soren.holm@fabrikam.example', name: 'Søren Holm' }]);
    assert.equal(mail.sentDateTime, '2026-11-03T09:15:00.000Z');
    assert.equal(mail.text?.trim(), 'Kære Anna, tilbuddet er vedhæftet.');
    // Unsanitized here (the route sanitizes); the embedded logo is already a data: URI.
    assert.match(mail.html ?? '', /<b>tilbuddet<\/b>/);
    assert.match(mail.html ?? '', /src="data:image\/png;base64,/);
    assert.deepEqual(
      mail.attachments.map((a) => [a.name, a.contentType, a.size, a.isInline]),
      [
        ['logo.png', 'image/png', PNG.length, true],
        ['Tilbud 2026.pdf', 'application/pdf', PDF.length, false],
      ],
    );
    const pdf = await source.getAttachment(id, mail.attachments[1]!.id);
    assert.ok(pdf !== 'link', 'IMAP has no links to cloud files');
    assert.deepEqual(pdf && [pdf.name, pdf.contentType, pdf.content.equals(PDF)], [
      'Tilbud 2026.pdf',
      'application/pdf',
      true,
    ]);
    assert.equal(await source.getAttachment(id, '7'), null);
  });

  it('follows a message moved to Archive by its Message-ID, and answers null once it is gone', async () => {
    const id = await deliver('<view-2@contoso.example>');
    const moved = await source.move(id, 'archive');
    assert.equal(decodeMessageId(moved.id).folder, 'Archive');
    // A person moves it again, by hand: the kept id (Archive, its UID) no longer answers there.
    const lock = await admin.getMailboxLock('Archive');
    try {
      await admin.messageMove(String(decodeMessageId(moved.id).uid), 'Junk', { uid: true });
    } finally {
      lock.release();
    }
    const healed = await source.getMessageContent(moved.id);
    assert.ok(healed);
    assert.equal(decodeMessageId(healed.id).folder, 'Junk');
    assert.equal(healed.internetMessageId, '<view-2@contoso.example>');
    assert.equal(healed.attachments.length, 2);

    const junk = await admin.getMailboxLock('Junk');
    try {
      await admin.messageDelete(String(decodeMessageId(healed.id).uid), { uid: true });
    } finally {
      junk.release();
    }
    assert.equal(await source.getMessageContent(healed.id), null);
    assert.equal(await source.getAttachment(healed.id, '1'), null);
  });
});
