// The console's Interaction log entries (issue 14, point 3): "View email" on an entry shows the logged mail, read
// from the logging mailbox (the Graph emulator) through the server, with its attachments; and the view is in the
// audit log.
import assert from 'node:assert/strict';
import { DEFAULT_CLIENT } from '../../../scripts/graph-emulator/index.js';
import {
  ADMIN,
  MAILBOX,
  checkPage,
  eventually,
  openConsole,
  useAdminHarness,
  type AdminHarness,
} from './adminHarness.js';

const PERSON = { name: 'Viola Viewer', email: 'viola.viewer@tailspin.example' };
const SUBJECT = 'Offer for Tailspin: pumps and valves';
const MESSAGE_ID = '<console-viewer@contoso.example>';

async function adminApi(h: AdminHarness) {
  const r = await fetch(`${h.url}/api/v1/dev/token?email=${encodeURIComponent(ADMIN)}`);
  const token = ((await r.json()) as { access_token: string }).access_token;
  return async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${h.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    assert.ok(res.ok, `${method} ${path}: ${res.status} ${text}`);
    return JSON.parse(text);
  };
}

describe('admin console (e2e): viewing a logged mail', function () {
  this.timeout(180_000);
  const harness = useAdminHarness('adminmailviewer');

  before(async () => {
    const h = harness();
    const api = await adminApi(h);
    await api('PUT', `/logging/setups/${MAILBOX}`, {
      enabled: false, // no run: only the viewer reads the mailbox
      tenantId: h.emu.tenantId,
      clientId: DEFAULT_CLIENT.clientId,
      clientSecret: DEFAULT_CLIENT.clientSecret,
    });
    await api('POST', '/contacts', { ...PERSON, kind: 'person' });
    const logged = await api('POST', '/log-email', {
      internetMessageId: MESSAGE_ID,
      subject: SUBJECT,
      sentDateTime: '2026-11-03T09:00:00Z',
      from: { address: 'peter.hansen@contoso.example', name: 'Peter Hansen' },
      to: [{ address: PERSON.email, name: PERSON.name }],
      cc: [],
    });
    // Its BCC'd copy, archived in the logging mailbox, as the loop records it on the entry.
    h.emu.addMessage(MAILBOX, 'archive', {
      subject: SUBJECT,
      from: { address: 'peter.hansen@contoso.example', name: 'Peter Hansen' },
      toRecipients: [{ address: PERSON.email, name: PERSON.name }],
      internetMessageId: MESSAGE_ID,
      body: { contentType: 'text', content: 'Dear Viola,\n\nour offer is attached.\n\nPeter' },
      attachments: [
        { name: 'Offer.pdf', contentType: 'application/pdf', text: '%PDF-1.4 offer' },
        { kind: 'item', name: 'RE: Request for quote', text: 'Subject: RE: Request for quote\r\n\r\nYes.' },
        { kind: 'reference', name: 'Price list.xlsx', contentType: 'application/vnd.ms-excel' },
      ],
    });
    const updated = await h.db.conn
      .db!.collection('interactions')
      .updateOne(
        { entryNumber: logged.entries[0].entryNumber },
        { $set: { 'message.mailbox': MAILBOX, archiveState: 'archived' } },
      );
    assert.equal(updated.modifiedCount, 1);
  });

  it('"View email" on an entry shows its text and attachments, and the view is audited', async () => {
    const h = harness();
    const { context, page, errors } = await openConsole(h, ADMIN, '#/interactions');
    try {
      const row = page.getByTestId('interactions').locator('tr', { hasText: SUBJECT });
      await row.getByRole('button', { name: 'View email' }).click();
      const dialog = page.getByRole('dialog', { name: SUBJECT });
      await dialog.getByText('our offer is attached.').waitFor();
      await dialog.getByRole('button', { name: /^Download Offer\.pdf/ }).waitFor();
      // A mail forwarded as an attachment downloads; a link to a cloud file says where it is instead.
      await dialog.getByRole('button', { name: /^Download RE: Request for quote/ }).waitFor();
      await dialog
        .getByText('Price list.xlsx: a link to a file in the cloud. Open the email in Outlook to follow it.')
        .waitFor();
      assert.equal(await dialog.getByRole('button', { name: /Price list/ }).count(), 0);
      await checkPage(page, 'interaction-mail-viewer');
      await dialog.getByRole('button', { name: 'Close' }).click();
      await dialog.waitFor({ state: 'hidden' });

      const api = await adminApi(h);
      await eventually(async () => {
        const audit = await api('GET', '/audit?action=mail.view');
        assert.equal(audit.items.length, 1);
        assert.equal(audit.items[0].userEmail, ADMIN);
      });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
