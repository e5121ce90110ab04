// The console end to end: the audit log page lists who did what and filters it; data retention is set; from the
// contacts page an admin exports a contact's data and erases the contact, is told where its mail still is, and
// finds the erasure in the audit log under an opaque id.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { hiddenAncestorsOfRoot } from '../support/a11y.js';
import {
  ADMIN,
  checkPage,
  eventually,
  openConsole,
  type AdminHarness,
  useAdminHarness,
} from './adminHarness.js';

const PERSON = { name: 'Jolene Smithfield', email: 'jolene.smithfield@tailspin.example' };

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

describe('admin console (e2e): audit log, retention, export and erase a contact', function () {
  this.timeout(180_000);
  const harness = useAdminHarness('adminprivacy');
  let number: string;

  before(async () => {
    const api = await adminApi(harness());
    number = (await api('POST', '/contacts', { ...PERSON, kind: 'person' })).number;
    for (let i = 0; i < 2; i++) {
      await api('POST', '/log-email', {
        internetMessageId: `<jolene-${i}@contoso.example>`,
        subject: `Offer ${i} for ${PERSON.name}`,
        sentDateTime: `2026-0${i + 3}-03T09:00:00Z`,
        from: { address: 'peter.hansen@contoso.example', name: 'Peter Hansen' },
        to: [{ address: PERSON.email, name: PERSON.name }],
        cc: [],
      });
    }
  });

  it('lists the audit log, filters it by action, and saves the retention setting', async () => {
    const { context, page, errors } = await openConsole(harness(), ADMIN, '#/audit');
    try {
      const table = page.getByTestId('audit');
      await table.getByText('Contact created').waitFor();
      await table.getByText('Email logged by hand').first().waitFor();
      await page.getByLabel('Action').selectOption({ label: 'Contact created' });
      await page.getByRole('button', { name: 'Filter' }).click();
      await table.locator('tr[data-action="contact.create"]').waitFor();
      await table.locator('tr[data-action="email.log"]').first().waitFor({ state: 'detached' });
      assert.equal(await table.locator('tbody tr').count(), 1);
      assert.match(await table.locator('tbody tr').innerText(), new RegExp(`Contact ${number}`));

      const retention = page.getByTestId('retention');
      await retention.getByText('Off: entries are kept.').waitFor();
      await retention.getByLabel('Delete entries older than (months)').fill('24');
      await retention.getByRole('button', { name: 'Save' }).click();
      await retention.getByText('Retention saved.').waitFor();
      await retention.getByText('On: entries older than 24 months are deleted.').waitFor();
      await checkPage(page, 'audit-log-filtered');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('exports a contact from the contacts page, erases it, and shows the erasure in the audit log', async () => {
    const h = harness();
    const { context, page, errors } = await openConsole(h, ADMIN, '#/contacts');
    try {
      await page.getByRole('searchbox').fill(PERSON.email);
      await page.getByRole('button', { name: 'Search' }).click();
      const row = page.getByTestId('contacts').locator('tr', { hasText: PERSON.name });
      await row.waitFor();

      const download = page.waitForEvent('download');
      await row.getByRole('button', { name: 'Export data' }).click();
      const exported = JSON.parse(fs.readFileSync((await (await download).path())!, 'utf8'));
      assert.equal(exported.contact.email, PERSON.email);
      assert.deepEqual(exported.entries.map((e: { subject: string }) => e.subject).sort(), [
        `Offer 0 for ${PERSON.name}`,
        `Offer 1 for ${PERSON.name}`,
      ]);

      await row.getByRole('button', { name: 'Erase…' }).click();
      const dialog = page.getByRole('dialog');
      const confirm = dialog.getByRole('button', { name: 'Erase', exact: true });
      assert.equal(await confirm.isDisabled(), true, 'erasing needs the number typed');
      await dialog.getByLabel(`Type ${number} to confirm`).fill(number);
      await checkPage(page, 'contact-erase-confirm');
      await confirm.click();
      const report = page.getByTestId('erasure-report');
      await report.getByText('Contact erased: 2 entries and 0 opportunities deleted.').waitFor();
      await report.getByText(/2 message\(s\) .* were logged by hand/).waitFor();
      await page.getByText('No contacts found.').waitFor(); // the list is searched again without it
      await checkPage(page, 'contact-erased');
      await eventually(
        async () =>
          assert.deepEqual(
            await hiddenAncestorsOfRoot(page),
            [],
            'the closed dialog left nothing aria-hidden',
          ),
        5_000,
      );
      assert.equal(await h.db.conn.db!.collection('contacts').countDocuments({ number }), 0);
      assert.equal(
        await h.db.conn.db!.collection('interactions').countDocuments({ contactNumber: number }),
        0,
      );

      await page.getByRole('tab', { name: 'Audit log' }).click();
      await page.getByLabel('Action').selectOption({ label: 'Contact erased' });
      await page.getByRole('button', { name: 'Filter' }).click();
      const erased = page.getByTestId('audit').locator('tr[data-action="contact.erase"]');
      await erased.waitFor();
      const text = await erased.innerText();
      assert.match(text, /erased contact/);
      assert.match(text, /entries: 2/);
      assert.ok(!text.includes(number) && !text.includes(PERSON.email) && !text.includes(PERSON.name));
      await checkPage(page, 'audit-log-erasure');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
