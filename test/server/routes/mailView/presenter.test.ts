// How a logged mail leaves the server (routes/mailView/presenter.ts) and how mail source failures become problems
// (services/mailView.ts): file names a browser saves as they are, content types that are types, inline pictures
// not listed as files, the HTML sanitized.
import assert from 'node:assert/strict';
import { MailSourceError } from '../../../../server/mailsource/MailSource.js';
import {
  MAX_HTML_CHARS,
  presentMail,
  safeContentType,
  safeFilename,
} from '../../../../server/routes/mailView/presenter.js';
import { attachmentDisposition } from '../../../../server/routes/mount.js';
import { problemOfSourceError } from '../../../../server/services/mailView.js';

describe('routes/mailView/presenter', () => {
  it('makes file names safe to save: no folders, control or reserved characters, leading dots, or excess', () => {
    assert.equal(safeFilename('Quote 2026.pdf'), 'Quote 2026.pdf');
    assert.equal(safeFilename('../../etc/passwd'), 'passwd');
    assert.equal(safeFilename('C:\\Users\\x\\evil.exe'), 'evil.exe');
    assert.equal(safeFilename('a"b<c>|d?.txt'), 'a_b_c__d_.txt');
    assert.equal(safeFilename('line\r\nbreak.txt'), 'line__break.txt');
    assert.equal(safeFilename('..hidden'), 'hidden');
    assert.equal(safeFilename('   '), 'attachment');
    assert.equal(safeFilename('Tilbud på pumper.pdf'), 'Tilbud på pumper.pdf');
    const long = safeFilename(`${'x'.repeat(300)}.docx`);
    assert.equal(long.length, 150);
    assert.ok(long.endsWith('.docx'));
  });

  it('names a download in Content-Disposition: quoted ASCII, and the exact UTF-8 name beside it', () => {
    assert.equal(attachmentDisposition('contacts.csv'), 'attachment; filename="contacts.csv"');
    assert.equal(
      attachmentDisposition('Tilbud på pumper (2).pdf'),
      `attachment; filename="Tilbud p_ pumper (2).pdf"; filename*=UTF-8''Tilbud%20p%C3%A5%20pumper%20%282%29.pdf`,
    );
    assert.equal(attachmentDisposition('a"b\\c'), `attachment; filename="a_b_c"; filename*=UTF-8''a%22b%5Cc`);
  });

  it('keeps a content type only when it is one, without parameters', () => {
    assert.equal(safeContentType('application/pdf'), 'application/pdf');
    assert.equal(safeContentType('Text/CSV; charset=utf-8'), 'text/csv');
    assert.equal(safeContentType('text/html\r\nX-Injected: 1'), 'application/octet-stream');
    assert.equal(safeContentType(''), 'application/octet-stream');
    assert.equal(safeContentType('pdf'), 'application/octet-stream');
  });

  it('lists attached files, not the pictures inside the body, and sanitizes the HTML', () => {
    const mail = presentMail(7, {
      id: 'x',
      internetMessageId: '<a@b>',
      subject: 'Hi',
      from: { address: 'a@b.example', name: null },
      toRecipients: [],
      ccRecipients: [],
      sentDateTime: null,
      text: null,
      html: '<p>Hi</p><script>x()</script><img src="https://t.example/p.gif">',
      attachments: [
        { id: '0', name: 'logo.png', contentType: 'image/png', size: 10, isInline: true, kind: 'file' },
        { id: '1', name: 'a.pdf', contentType: 'application/pdf', size: 20, isInline: false, kind: 'file' },
        { id: '2', name: 'Fwd', contentType: 'message/rfc822', size: 30, isInline: false, kind: 'item' },
      ],
    });
    assert.deepEqual(mail.attachments, [
      { id: '1', name: 'a.pdf', contentType: 'application/pdf', size: 20, kind: 'file' },
      { id: '2', name: 'Fwd', contentType: 'message/rfc822', size: 30, kind: 'item' },
    ]);
    assert.equal(mail.html, '<p>Hi</p><span></span>');
    assert.equal(mail.remoteContentBlocked, true);
    assert.deepEqual(mail.from, { address: 'a@b.example', name: null });
  });
});

describe('routes/mailView/presenter: very long mail', () => {
  const mail = (html: string | null, text: string | null) =>
    presentMail(1, {
      id: 'x',
      internetMessageId: null,
      subject: null,
      from: null,
      toRecipients: [],
      ccRecipients: [],
      sentDateTime: null,
      text,
      html,
      attachments: [],
    });
  it('shows the beginning of a huge HTML mail, sanitized, and says it was cut', () => {
    const row = '<p>Row <img src="https://t.example/p.gif"></p>';
    const long = mail(row.repeat(Math.ceil((MAX_HTML_CHARS * 2) / row.length)), null);
    assert.equal(long.truncated, true);
    assert.ok(long.html!.length < MAX_HTML_CHARS);
    assert.ok(long.html!.startsWith('<p>Row <span></span></p>'));
    assert.ok(!long.html!.includes('t.example'));
    const short = mail(row, 'Row');
    assert.deepEqual([short.truncated, short.text], [false, 'Row']);
  });
});

describe('services/mailView: mail source failures as problems', () => {
  const codeOf = (code: ConstructorParameters<typeof MailSourceError>[0]) => {
    const p = problemOfSourceError(new MailSourceError(code, 'x'));
    return [p.status, p.code];
  };
  it('gone is 404, busy or unreachable 503 (worth a retry), a refusal 502', () => {
    assert.deepEqual(codeOf('not_found'), [404, 'mail_gone']);
    assert.deepEqual(codeOf('throttled'), [503, 'mail_source_unavailable']);
    assert.deepEqual(codeOf('transient'), [503, 'mail_source_unavailable']);
    assert.deepEqual(codeOf('too_large'), [422, 'mail_too_large']);
    for (const refusal of [
      'auth_failed',
      'access_denied',
      'mailbox_not_found',
      'not_licensed',
      'invalid_request',
    ] as const)
      assert.deepEqual(codeOf(refusal), [502, 'mail_source_failed'], refusal);
  });
});
