// A MIME source -> the viewer's content (imap/content.ts), without a server: an attached mail (message/rfc822)
// has no file name of its own and is offered as one a mail program opens.
import assert from 'node:assert/strict';
import { attachmentOf, contentOf, parseSource } from '../../../../server/mailsource/imap/content.js';

const SOURCE = [
  'From: Anna Jensen <anna.jensen@fabrikam.example>',
  'To: peter.hansen@contoso.example',
  'Subject: FW: Order 1001',
  'Message-ID: <fw-1@fabrikam.example>',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="b1"',
  '',
  '--b1',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'See the order below.',
  '--b1',
  'Content-Type: message/rfc822',
  'Content-Disposition: attachment',
  '',
  'From: buyer@fabrikam.example',
  'Subject: Order 1001',
  '',
  'Please confirm.',
  '--b1',
  'Content-Type: application/pdf; name="order.pdf"',
  'Content-Disposition: attachment; filename="order.pdf"',
  'Content-Transfer-Encoding: base64',
  '',
  Buffer.from('%PDF-1.4').toString('base64'),
  '--b1--',
  '',
].join('\r\n');

describe('mailsource/imap/content', () => {
  it('names an attached mail without a file name message-N.eml, and a named file by its name', async () => {
    const mail = await parseSource(Buffer.from(SOURCE));
    const content = contentOf('uid:1', mail);
    assert.deepEqual(
      content.attachments.map((a) => [a.id, a.name, a.contentType, a.kind]),
      [
        ['0', 'message-1.eml', 'message/rfc822', 'file'],
        ['1', 'order.pdf', 'application/pdf', 'file'],
      ],
    );
    const eml = attachmentOf(mail, '0');
    assert.equal(eml?.name, 'message-1.eml');
    assert.match(eml!.content.toString(), /Subject: Order 1001/);
    assert.equal(attachmentOf(mail, '7'), null);
  });
});
