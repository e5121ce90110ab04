// Viewing a logged mail (issue 14, point 3) through the API, read from the Graph emulator by the real Graph SDK:
// the text, the sanitized HTML and the attachments; a download; the visibility gate (403 for who may not read
// it); a healed link; mail that is gone or a mailbox that refuses, as stable problem codes; and the audit lines.
import assert from 'node:assert/strict';
import { DEFAULT_CLIENT, startGraphEmulator } from '../../../scripts/graph-emulator/index.js';
import type { GraphEmulator } from '../../../scripts/graph-emulator/types.js';
import { useTestDatabase } from '../../support/db.js';
import { startApiHarness, type ApiHarness } from './apiHarness.js';
import { freshEntry } from './samples.js';

const MAILBOX = 'viewer-log@contoso.example';
const PDF = Buffer.from('%PDF-1.4\n% a quote\n');
const PIXEL = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const HTML =
  '<html><body onload="steal()"><p>Dear Anna,</p><p>the <b>quote</b> is attached.</p>' +
  '<script>document.title="pwned"</script><img src="https://tracker.example/pixel.gif" alt="">' +
  '<img src="cid:logo"><form action="https://evil.example/"><input name="pw"></form></body></html>';

describe('logged mail viewer API (Graph)', function () {
  this.timeout(120_000);
  const tdb = useTestDatabase('mailview');
  let h: ApiHarness;
  let emu: GraphEmulator;
  let entryNumber: number;
  let messageId: string;
  const internetMessageId = '<viewer-1@fabrikam.example>';

  /** Points an entry at a message of the logging mailbox, as the loop records it once archived. */
  async function link(entry: number, message: { immutableId: string | null; internetMessageId: string }) {
    const r = await h.raw('interactions').updateOne(
      { entryNumber: entry },
      {
        $set: {
          'message.mailbox': MAILBOX,
          'message.immutableId': message.immutableId,
          'message.internetMessageId': message.internetMessageId,
        },
      },
    );
    assert.equal(r.modifiedCount, 1);
  }

  before(async () => {
    emu = await startGraphEmulator({ enforceLimits: false });
    emu.addMailbox({ address: MAILBOX, displayName: 'Sales log' });
    h = await startApiHarness(tdb().conn, {
      sourceEnv: { graphBaseUrl: emu.baseUrl, authorityHost: emu.baseUrl },
    });
    const setup = await h.request('PUT', `/api/v1/logging/setups/${MAILBOX}`, {
      token: 'admin',
      body: {
        enabled: true,
        tenantId: emu.tenantId,
        clientId: DEFAULT_CLIENT.clientId,
        clientSecret: DEFAULT_CLIENT.clientSecret,
      },
    });
    assert.equal(setup.status, 201, setup.text);
    const message = emu.addMessage(MAILBOX, 'archive', {
      subject: 'Quote for pumps',
      from: { address: 'peter.hansen@contoso.example', name: 'Peter Hansen' },
      toRecipients: [{ address: 'anna.jensen@fabrikam.example', name: 'Anna Jensen' }],
      ccRecipients: [{ address: 'maria.nielsen@contoso.example', name: 'Maria Nielsen' }],
      sentDateTime: '2026-11-02T09:30:00Z',
      internetMessageId,
      body: { contentType: 'html', content: HTML },
      attachments: [
        { name: '../Quote "2026".pdf', contentType: 'application/pdf', contentBytes: PDF.toString('base64') },
        {
          name: 'logo.png',
          contentType: 'image/png',
          contentBytes: PIXEL,
          isInline: true,
          contentId: 'logo',
        },
      ],
    });
    messageId = message.id;
    entryNumber = await freshEntry(h); // PH's mail to Anna Jensen
    await link(entryNumber, { immutableId: messageId, internetMessageId });
  });
  after(async () => {
    await h?.close();
    await emu?.close();
  });

  const get = (path: string, token = 'salesperson') =>
    h.request('GET', `/api/v1/interactions/${path}`, { token });
  const auditOf = async (action: string) =>
    (await h.request('GET', `/api/v1/audit?action=${action}`, { token: 'admin' })).json.items as {
      targetId: string;
      userEmail: string;
      detail: Record<string, number>;
    }[];

  it('shows the entry’s salesperson the mail: headers, sanitized HTML with its inline logo embedded, the attached file', async () => {
    const r = await get(`${entryNumber}/mail`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.headers.get('cache-control'), 'no-store');
    const mail = r.json;
    assert.equal(mail.subject, 'Quote for pumps');
    assert.deepEqual(mail.from, { name: 'Peter Hansen', address: 'peter.hansen@contoso.example' });
    assert.deepEqual(
      mail.cc.map((p: { address: string }) => p.address),
      ['maria.nielsen@contoso.example'],
    );
    assert.equal(mail.sentAt, '2026-11-02T09:30:00Z');
    assert.match(mail.html, /<b>quote<\/b> is attached/);
    for (const banned of ['<script', 'pwned', 'onload', 'tracker.example', '<form', '<input', 'cid:'])
      assert.ok(!mail.html.includes(banned), `no ${banned} in ${mail.html}`);
    assert.equal(mail.remoteContentBlocked, true);
    assert.ok(
      mail.html.includes(`<img src="data:image/png;base64,${PIXEL}" />`),
      'the inline logo, embedded',
    );
    assert.deepEqual(
      mail.attachments.map((a: { name: string; size: number; contentType: string }) => [
        a.name,
        a.size,
        a.contentType,
      ]),
      [['../Quote "2026".pdf', PDF.length, 'application/pdf']],
    );
    const views = await auditOf('mail.view');
    assert.deepEqual(
      views.map((l) => [l.targetId, l.userEmail, l.detail.attachments]),
      [[String(entryNumber), 'peter.hansen@contoso.example', 1]],
    );
  });

  it('downloads an attachment as a file with a safe name, its type and nosniff, and audits it', async () => {
    const mail = (await get(`${entryNumber}/mail`)).json;
    const id = encodeURIComponent(mail.attachments[0].id);
    const before = emu.stats.httpRequests;
    const r = await h.request('GET', `/api/v1/interactions/${entryNumber}/mail/attachments/${id}`, {
      token: 'salesperson',
    });
    assert.equal(r.status, 200, r.text);
    // The attachment's metadata and its bytes: not the mail's body, attachment list and pictures again.
    assert.equal(emu.stats.httpRequests - before, 2);
    assert.equal(r.text, PDF.toString());
    assert.equal(r.headers.get('content-type'), 'application/pdf');
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    assert.match(r.headers.get('content-disposition') ?? '', /^attachment; filename="Quote _2026_\.pdf"$/);
    const downloads = await auditOf('mail.download');
    assert.deepEqual(
      downloads.map((l) => [l.targetId, l.detail.bytes]),
      [[String(entryNumber), PDF.length]],
    );
    const missing = await get(
      `${entryNumber}/mail/attachments/${encodeURIComponent('AAMkNoSuchAttachment')}`,
    );
    assert.equal(missing.status, 404);
    assert.equal(missing.json.code, 'attachment_gone');
  });

  it('refuses (403 not_owner) a salesperson who may not see the entry in full, and records nothing', async () => {
    const settings = await h.request('PUT', '/api/v1/settings', {
      token: 'admin',
      body: { visibility: 'owner' },
    });
    assert.equal(settings.status, 200, settings.text);
    try {
      const before = (await auditOf('mail.view')).length;
      for (const path of [`${entryNumber}/mail`, `${entryNumber}/mail/attachments/x`]) {
        const r = await get(path, 'salespersonB');
        assert.equal(r.status, 403, r.text);
        assert.match(r.headers.get('content-type') ?? '', /application\/problem\+json/);
        assert.equal(r.json.code, 'not_owner');
      }
      assert.equal((await get(`${entryNumber}/mail`)).status, 200, 'its own salesperson still reads it');
      assert.equal((await auditOf('mail.view')).length, before + 1);
    } finally {
      await h.request('PUT', '/api/v1/settings', { token: 'admin', body: { visibility: 'team' } });
    }
  });

  it('finds a mail moved to the archive mailbox by its Message-ID (the old id answers 404)', async () => {
    const other = emu.addMessage(MAILBOX, 'archive', {
      subject: 'Moved away',
      internetMessageId: '<viewer-2@fabrikam.example>',
      body: { contentType: 'text', content: 'Plain words' },
    });
    const entry = await freshEntry(h);
    await link(entry, { immutableId: other.id, internetMessageId: '<viewer-2@fabrikam.example>' });
    emu.moveToArchiveMailbox(MAILBOX, other.id);
    const r = await get(`${entry}/mail`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual([r.json.subject, r.json.text, r.json.html], ['Moved away', 'Plain words', null]);
  });

  it('lists a mail forwarded as an attachment (downloaded as .eml) and a cloud link (no download: 409)', async () => {
    const forwarded = 'From: anna.jensen@fabrikam.example\r\nSubject: Order 1001\r\n\r\nPlease confirm.\r\n';
    const message = emu.addMessage(MAILBOX, 'archive', {
      subject: 'FW: Order 1001',
      internetMessageId: '<viewer-3@fabrikam.example>',
      body: { contentType: 'text', content: 'See the order below.' },
      attachments: [
        { kind: 'item', name: 'Order 1001', text: forwarded },
        { kind: 'reference', name: 'Price list.xlsx', contentType: 'application/vnd.ms-excel' },
      ],
    });
    const entry = await freshEntry(h);
    await link(entry, { immutableId: message.id, internetMessageId: '<viewer-3@fabrikam.example>' });
    const mail = (await get(`${entry}/mail`)).json;
    assert.deepEqual(
      mail.attachments.map((a: { name: string; kind: string }) => [a.name, a.kind]),
      [
        ['Order 1001', 'item'],
        ['Price list.xlsx', 'link'],
      ],
    );
    const [item, ref] = mail.attachments as [{ id: string }, { id: string }];
    const file = await get(`${entry}/mail/attachments/${encodeURIComponent(item.id)}`);
    assert.equal(file.status, 200, file.text);
    assert.equal(file.text, forwarded);
    assert.equal(file.headers.get('content-type'), 'message/rfc822');
    assert.match(file.headers.get('content-disposition') ?? '', /filename="Order 1001\.eml"/);
    const link_ = await get(`${entry}/mail/attachments/${encodeURIComponent(ref.id)}`);
    assert.deepEqual([link_.status, link_.json.code], [409, 'attachment_is_link'], link_.text);
  });

  it('maps a mail that is gone, an entry without a copy and a refusing mailbox to stable codes', async () => {
    const gone = await freshEntry(h);
    await link(gone, { immutableId: 'AAMkAGoneForGood0000000000=', internetMessageId: '<gone@x.example>' });
    const r = await get(`${gone}/mail`);
    assert.deepEqual([r.status, r.json.code], [404, 'mail_gone'], r.text);

    const manual = await freshEntry(h); // logged by hand: no logging mailbox holds it yet
    const n = await get(`${manual}/mail`);
    assert.deepEqual([n.status, n.json.code], [404, 'mail_not_linked'], n.text);

    emu.setMailboxState(MAILBOX, 'accessDenied');
    try {
      const refused = await get(`${entryNumber}/mail`);
      assert.deepEqual([refused.status, refused.json.code], [502, 'mail_source_failed'], refused.text);
    } finally {
      emu.setMailboxState(MAILBOX, 'ok');
    }
  });
});
