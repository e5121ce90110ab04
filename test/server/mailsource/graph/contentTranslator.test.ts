// Graph's JSON of a message with its body and of its attachments -> MailContent (graph/contentTranslator.ts).
import assert from 'node:assert/strict';
import {
  MAX_EMBEDDED_BYTES,
  cidPictures,
  embedPictures,
  itemAttachmentFile,
  translateAttachment,
  translateContent,
} from '../../../../server/mailsource/graph/contentTranslator.js';

const recipient = (address: string, name: string) => ({ emailAddress: { address, name } });

describe('mailsource/graph/contentTranslator', () => {
  it('reads an HTML message with its file, item and reference attachments (a type Graph adds later is left out)', () => {
    const content = translateContent(
      {
        id: 'AAMk1',
        internetMessageId: '<m@x>',
        subject: 'Quote',
        from: recipient('jane@fabrikam.example', 'Jane'),
        toRecipients: [recipient('a@contoso.example', 'A')],
        sentDateTime: '2026-11-02T09:30:00Z',
        body: { contentType: 'html', content: '<p>Hi</p>' },
      },
      {
        value: [
          {
            '@odata.type': '#microsoft.graph.fileAttachment',
            id: 'A1',
            name: 'q.pdf',
            contentType: 'application/pdf',
            size: 9,
            isInline: false,
          },
          // Graph's own examples: an item attachment's contentType is null; a reference may say isInline.
          {
            '@odata.type': '#microsoft.graph.itemAttachment',
            id: 'A2',
            name: 'Reminder - please bring laptop',
            contentType: null,
            size: 32005,
            isInline: false,
          },
          {
            '@odata.type': '#microsoft.graph.referenceAttachment',
            id: 'A3',
            name: 'Sales Invoice Template.docx',
            contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
            size: 1060,
            isInline: true,
          },
          { '@odata.type': '#microsoft.graph.somethingNewAttachment', id: 'A5', name: 'x' },
          {
            '@odata.type': '#microsoft.graph.fileAttachment',
            id: 'A4',
            name: 'logo.png',
            contentType: 'image/png',
            size: 3,
            isInline: true,
          },
        ],
      },
    );
    assert.deepEqual(content, {
      id: 'AAMk1',
      internetMessageId: '<m@x>',
      subject: 'Quote',
      from: { address: 'jane@fabrikam.example', name: 'Jane' },
      toRecipients: [{ address: 'a@contoso.example', name: 'A' }],
      ccRecipients: [],
      sentDateTime: '2026-11-02T09:30:00Z',
      text: null,
      html: '<p>Hi</p>',
      attachments: [
        { id: 'A1', name: 'q.pdf', contentType: 'application/pdf', size: 9, isInline: false, kind: 'file' },
        {
          id: 'A2',
          name: 'Reminder - please bring laptop',
          contentType: 'message/rfc822',
          size: 32005,
          isInline: false,
          kind: 'item',
        },
        {
          id: 'A3',
          name: 'Sales Invoice Template.docx',
          contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          size: 1060,
          isInline: false,
          kind: 'link',
        },
        { id: 'A4', name: 'logo.png', contentType: 'image/png', size: 3, isInline: true, kind: 'file' },
      ],
    });
  });

  it('reads a text message, a draft without dates, and defends against missing fields', () => {
    const c = translateContent(
      {
        id: 'AAMk2',
        receivedDateTime: '2026-01-01T00:00:00Z',
        body: { contentType: 'text', content: 'Plain' },
      },
      {},
    );
    assert.deepEqual(
      [c.text, c.html, c.sentDateTime, c.from, c.attachments],
      ['Plain', null, '2026-01-01T00:00:00Z', null, []],
    );
    assert.throws(() => translateContent({}, {}), /without an id/);
    assert.equal(translateAttachment({ id: '' }), null);
    assert.deepEqual(translateAttachment({ id: 'A' }), {
      id: 'A',
      name: 'attachment',
      contentType: 'application/octet-stream',
      size: 0,
      isInline: false,
      kind: 'file',
    });
  });

  it("names an item attachment's download by what its $value holds: a mail, a contact or a meeting", () => {
    const mime = Buffer.from('From: a@b.example\r\nSubject: Fwd\r\n\r\nHello');
    const vcard = Buffer.from('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Alex Wilbur\r\nEND:VCARD\r\n');
    const ical = Buffer.from('\r\nBEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n');
    const named = (name: string, b: Buffer) => {
      const f = itemAttachmentFile(name, b);
      assert.equal(f.content, b);
      return [f.name, f.contentType];
    };
    assert.deepEqual(named('Reminder', mime), ['Reminder.eml', 'message/rfc822']);
    assert.deepEqual(named('Alex Wilbur', vcard), ['Alex Wilbur.vcf', 'text/vcard']);
    assert.deepEqual(named('Review', ical), ['Review.ics', 'text/calendar']);
    assert.deepEqual(named('already.EML', mime), ['already.EML', 'message/rfc822']);
  });

  it('picks the inline pictures the HTML names by cid:, small enough to embed, and embeds them', () => {
    const file = (id: string, over: Record<string, unknown>) => ({
      '@odata.type': '#microsoft.graph.fileAttachment',
      id,
      name: id,
      contentType: 'image/png',
      size: 10,
      isInline: true,
      ...over,
    });
    const html = '<img src="cid:logo@x"><img src="cid:big"><img src="cid:doc">';
    const page = {
      value: [
        file('A1', { contentId: '<logo@x>' }),
        file('A2', { contentId: 'big', size: MAX_EMBEDDED_BYTES + 1 }),
        file('A3', { contentId: 'doc', contentType: 'application/pdf' }),
        file('A4', { contentId: 'unused' }),
        file('A5', { contentId: 'logo@x', isInline: false }),
      ],
    };
    const picked = cidPictures(html, page);
    assert.deepEqual(picked, [{ attachmentId: 'A1', contentId: 'logo@x', contentType: 'image/png' }]);
    assert.equal(
      embedPictures(html, [{ ...picked[0]!, bytes: Buffer.from('png') }]),
      '<img src="data:image/png;base64,cG5n"><img src="cid:big"><img src="cid:doc">',
    );
    assert.deepEqual(cidPictures(null, page), []);
  });
});
