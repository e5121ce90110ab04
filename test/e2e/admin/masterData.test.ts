import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { hiddenAncestorsOfRoot } from '../support/a11y.js';
import {
  ADMIN,
  checkPage,
  eventually,
  openConsole,
  type AdminHarness,
  useAdminHarness,
} from './adminHarness.js';

async function adminToken(h: AdminHarness): Promise<string> {
  const r = await fetch(`${h.url}/api/v1/dev/token?email=${encodeURIComponent(ADMIN)}`);
  return ((await r.json()) as { access_token: string }).access_token;
}

const csvFile = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

describe('admin console (e2e): salespeople, contacts (CSV import with a bad row), opportunities', function () {
  this.timeout(180_000);
  const harness = useAdminHarness('admindata');
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  before(async () => {
    ({ context, page, errors } = await openConsole(harness(), ADMIN, '#/salespeople'));
  });
  after(() => context?.close());

  const raw = (collection: string) => harness().db.conn.db!.collection(collection);
  const dialog = () => page.getByRole('dialog');

  it('creates and edits a salesperson, imports the good rows of a CSV (after its preview) and reports the bad one by line', async () => {
    const table = page.getByTestId('salespeople');
    await table.getByText('Peter Hansen').waitFor();
    await page.getByRole('button', { name: 'New', exact: true }).click();
    await dialog().getByLabel('Code').fill('kl');
    await dialog().getByLabel('Name').fill('Kim Larsen');
    await dialog().getByLabel('Email').fill('Kim.Larsen@contoso.example');
    await checkPage(page, '11a-salesperson-dialog');
    await dialog().getByRole('button', { name: 'Save' }).click();
    await table.getByText('kim.larsen@contoso.example').waitFor();
    await eventually(
      async () =>
        assert.deepEqual(await hiddenAncestorsOfRoot(page), [], 'the closed dialog left nothing aria-hidden'),
      5_000,
    );
    await table.locator('tr', { hasText: 'KL' }).getByRole('button', { name: 'Edit' }).click();
    await dialog().getByLabel('Name').fill('Kim B. Larsen');
    await dialog().getByRole('button', { name: 'Save' }).click();
    await table.getByText('Kim B. Larsen').waitFor();

    const file = [
      'code,name,email,active',
      'AB,Anne Bech,anne.bech@contoso.example,true',
      'bad code,Broken Row,,true',
      'CD,Carl Dahl,,false',
    ].join('\n');
    await page.getByTestId('import-salespeople').setInputFiles(csvFile('salespeople.csv', file));
    await dialog().getByRole('button', { name: 'Import the valid rows only' }).click(); // the preview: csvImport.test.ts
    const report = page.getByTestId('import-report');
    await report
      .getByText('Imported: 2 created, 0 updated, 0 unchanged. 1 row(s) were not imported.')
      .waitFor();
    const bad = report.locator('tr[data-line="3"]');
    assert.match(await bad.innerText(), /code/);
    assert.equal(await report.locator('tbody tr').count(), 1);
    await table.getByText('Carl Dahl').waitFor();
    assert.deepEqual(
      (await raw('salespeople').find({}).sort({ code: 1 }).toArray()).map((s) => s.code),
      ['AB', 'CD', 'KL', 'MN', 'PH'],
    );
    await checkPage(page, '11-salespeople');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const exported = fs.readFileSync((await (await download).path())!, 'utf8');
    assert.match(exported, /^code,name,email,active,entraTenantId,entraObjectId\r\n/);
    assert.match(exported, /KL,Kim B\. Larsen,kim\.larsen@contoso\.example,true,,\r\n/);
  });

  it("shows a salesperson's first (verified) sign-in as pending; the admin confirms it, which binds the user", async () => {
    const h = harness();
    const token = await fetch(`${h.url}/api/v1/dev/token?email=kim.larsen%40contoso.example`);
    const { access_token } = (await token.json()) as { access_token: string };
    const me = await fetch(`${h.url}/api/v1/me`, { headers: { authorization: `Bearer ${access_token}` } });
    assert.equal(((await me.json()) as { salespersonCode: string }).salespersonCode, 'KL');
    await page.reload();
    const pending = page.getByTestId('pending-sign-in-KL');
    await pending.getByText(/Kim B\. Larsen \(kim\.larsen@contoso\.example\) signed in/).waitFor();
    await checkPage(page, '11b-salespeople-pending-sign-in');
    await pending.getByRole('button', { name: 'Confirm' }).click();
    await page.getByTestId('salespeople').locator('tr', { hasText: 'KL' }).getByText('Confirmed').waitFor();
    await eventually(async () => {
      const kl = await raw('salespeople').findOne({ code: 'KL' });
      assert.deepEqual([typeof kl?.entraObjectId, kl?.pendingSignIn], ['string', null]);
    });
  });

  it('creates a contact with alternate addresses, edits it, and imports contacts skipping the bad row', async () => {
    await page.getByRole('tab', { name: 'Contacts' }).click();
    const table = page.getByTestId('contacts');
    await table.getByText('Anna Jensen').waitFor();
    await page.getByRole('button', { name: 'New', exact: true }).click();
    await dialog().getByLabel('Name', { exact: true }).fill('Eva Holm');
    await dialog().getByLabel('Email', { exact: true }).fill('eva@pharma.example');
    await dialog().getByLabel('Company name').fill('Contoso Pharma');
    await dialog().getByLabel('Alternate addresses').fill('eva.holm@pharma.example\nEH@pharma.example');
    await checkPage(page, '12a-contact-dialog');
    await dialog().getByRole('button', { name: 'Save' }).click();
    await dialog().waitFor({ state: 'detached' });
    await eventually(
      async () =>
        assert.deepEqual(await hiddenAncestorsOfRoot(page), [], 'the closed dialog left nothing aria-hidden'),
      5_000,
    );
    await page.getByLabel('Address, number or start of a name').fill('eva');
    await page.getByRole('button', { name: 'Search' }).click();
    const eva = table.locator('tr', { hasText: 'Eva Holm' });
    await eva.getByText('eva.holm@pharma.example, eh@pharma.example').waitFor();
    await eva.getByRole('button', { name: 'Edit' }).click();
    await dialog().getByLabel('Phone').fill('+45 70 20 30 40');
    await dialog().getByRole('button', { name: 'Save' }).click();
    await dialog().waitFor({ state: 'detached' });
    const stored = await raw('contacts').findOne({ name: 'Eva Holm' });
    assert.deepEqual(
      [stored?.phone, stored?.companyName, stored?.alternateEmails],
      ['+45 70 20 30 40', 'Contoso Pharma', ['eva.holm@pharma.example', 'eh@pharma.example']],
    );

    const file = [
      'number,kind,name,email,salespersonCode',
      'CT950001,company,Good Co,info@goodco.example,PH',
      'CT950002,person,Jo Good,jo@goodco.example,MN',
      'CT950003,person,,nameless@goodco.example,PH',
    ].join('\n');
    await page.getByTestId('import-contacts').setInputFiles(csvFile('contacts.csv', file));
    await dialog().getByRole('button', { name: 'Import the valid rows only' }).click();
    const report = page.getByTestId('import-report');
    await report
      .getByText('Imported: 2 created, 0 updated, 0 unchanged. 1 row(s) were not imported.')
      .waitFor();
    assert.match(await report.locator('tr[data-line="4"]').innerText(), /name/);
    assert.equal(await raw('contacts').countDocuments({ number: { $in: ['CT950001', 'CT950002'] } }), 2);
    assert.equal(await raw('contacts').countDocuments({ number: 'CT950003' }), 0);
    await page.getByLabel('Address, number or start of a name').fill('');
    await page.getByRole('button', { name: 'Search' }).click();
    await table.getByText('Good Co').first().waitFor();
    await checkPage(page, '12-contacts');
  });

  it('lists opportunities by status', async () => {
    const h = harness();
    const r = await fetch(`${h.url}/api/v1/opportunities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await adminToken(h)}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        contactNumber: 'CT000001',
        description: 'Pumps for the new plant',
        estimatedValue: 125000,
      }),
    });
    assert.equal(r.status, 201, await r.text());
    await page.getByRole('tab', { name: 'Opportunities' }).click();
    const table = page.getByTestId('opportunities');
    await table.getByText('Pumps for the new plant').waitFor();
    await page.getByLabel('Status').selectOption('won');
    await page.getByText('No opportunities.').waitFor();
    await page.getByLabel('Status').selectOption('open');
    await table.getByText('Pumps for the new plant').waitFor();
    await eventually(async () => assert.match(await table.innerText(), /125,000/));
    await checkPage(page, '13-opportunities');
    assert.deepEqual(errors, []);
  });
});
