// The console's CSV import end to end: choosing a file shows the server's dry run as a preview (new, changed,
// unchanged and invalid rows, each problem by line and column) and writes nothing; the admin then imports all
// or nothing, or, when rows are invalid, the valid rows only; a re-import of the same rows is "unchanged".
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { hiddenAncestorsOfRoot } from '../support/a11y.js';
import { ADMIN, checkPage, eventually, openConsole, useAdminHarness } from './adminHarness.js';

const csvFile = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

const CONTACTS = [
  'number,kind,name,companyNumber,companyName,email,alternateEmails,phone,salespersonCode,privacyBlocked',
  'CT000100,company,Fabrikam,CT000100,Fabrikam,info@fabrikam.example,,,PH,false', // unchanged
  'CT000001,person,Anna M. Jensen,CT000100,Fabrikam,anna.jensen@fabrikam.example,,,PH,false', // changed
  'CT960001,person,Nils Nord,,northwind,nils@northwind.example,,,MN,', // new, linked to Northwind by name
  'CT960002,person,Olga Ost,,,olga@ost.example,,,,', // new
  'CT960003,person,Bad Row,,,not-an-address,,,ZZ,', // invalid: two problems
].join('\r\n');

describe('admin console (e2e): CSV import with a preview (counts, problems, confirm)', function () {
  this.timeout(180_000);
  const harness = useAdminHarness('admincsv');
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  /** The query of every import call the console made, in order. */
  const imports: string[] = [];
  before(async () => {
    ({ context, page, errors } = await openConsole(harness(), ADMIN, '#/contacts'));
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (r.method() === 'POST' && url.pathname.endsWith('/import')) imports.push(url.search);
    });
  });
  after(() => context?.close());

  const raw = (collection: string) => harness().db.conn.db!.collection(collection);
  const all = (collection: string) => raw(collection).find({}).sort({ _id: 1 }).toArray();
  const preview = (file: string) => page.getByRole('dialog', { name: `Import ${file}?` });
  const cells = async (scope: ReturnType<Page['locator']>) =>
    (await scope.locator('td, th').allInnerTexts()).map((s) => s.trim());

  it('previews a contacts file without writing, then imports the valid rows only when asked', async () => {
    await page.getByTestId('contacts').getByText('Anna Jensen').waitFor();
    const before = await all('contacts');
    await page.getByTestId('import-contacts').setInputFiles(csvFile('contacts.csv', CONTACTS));
    const dialog = preview('contacts.csv');
    await dialog.waitFor();
    assert.deepEqual(await cells(dialog.getByTestId('import-preview-counts')), [
      'New',
      'Changed',
      'Unchanged',
      'Invalid',
      '2',
      '1',
      '1',
      '1',
    ]);
    await dialog.getByRole('heading', { name: 'Problems', level: 3 }).waitFor();
    const problems = dialog.getByRole('table', { name: 'Problems' });
    assert.deepEqual(await cells(problems.locator('tbody')), [
      '6',
      'email',
      '"not-an-address" is not an email address',
      '6',
      'salespersonCode',
      'No salesperson has this code',
    ]);
    await dialog
      .getByText('Nothing is imported while the file has invalid rows.', { exact: false })
      .waitFor();
    assert.equal(await dialog.getByRole('button', { name: 'Import', exact: true }).count(), 0);
    assert.deepEqual(await all('contacts'), before, 'the preview wrote nothing');
    await checkPage(page, '13-contacts-import-preview');

    await dialog.getByRole('button', { name: 'Import the valid rows only' }).click();
    await dialog.waitFor({ state: 'detached' });
    const report = page.getByTestId('import-report');
    await report
      .getByText('Imported: 2 created, 1 updated, 1 unchanged. 1 row(s) were not imported.')
      .waitFor();
    assert.equal(await report.locator('tbody tr[data-line="6"]').count(), 2);
    await page.getByTestId('contacts').getByText('Nils Nord').waitFor();
    const nils = await raw('contacts').findOne({ number: 'CT960001' });
    assert.deepEqual([nils?.companyNumber, nils?.companyName], ['CT000200', 'Northwind']);
    assert.equal((await raw('contacts').findOne({ number: 'CT000001' }))?.name, 'Anna M. Jensen');
    assert.equal(await raw('contacts').countDocuments({ number: 'CT960003' }), 0);
    assert.deepEqual(imports, ['?dryRun=true', '?onError=skip']);
    await eventually(
      async () =>
        assert.deepEqual(await hiddenAncestorsOfRoot(page), [], 'the closed dialog left nothing aria-hidden'),
      5_000,
    );
    await checkPage(page, '13a-contacts-imported');
  });

  it('imports a valid salespeople file all or nothing; the same file again is all unchanged; Cancel writes nothing', async () => {
    imports.length = 0;
    await page.getByRole('tab', { name: 'Salespeople' }).click();
    await page.getByTestId('salespeople').getByText('Peter Hansen').waitFor();
    const file = [
      'code,name,email,active',
      'PH,Peter Hansen,Peter.Hansen@contoso.example,true',
      'MN,Maria Nielsen,maria.nielsen@contoso.example,',
      'QR,Quinn Rask,,true',
    ].join('\n');
    await page.getByTestId('import-salespeople').setInputFiles(csvFile('salespeople.csv', file));
    let dialog = preview('salespeople.csv');
    await dialog.waitFor();
    assert.deepEqual((await cells(dialog.getByTestId('import-preview-counts'))).slice(4), [
      '1',
      '0',
      '2',
      '0',
    ]);
    assert.equal(await dialog.getByRole('table', { name: 'Problems' }).count(), 0);
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await page
      .getByTestId('import-report')
      .getByText('Imported: 1 created, 0 updated, 2 unchanged.')
      .waitFor();
    await page.getByTestId('salespeople').getByText('Quinn Rask').waitFor();

    const before = await all('salespeople');
    await page.getByTestId('import-salespeople').setInputFiles(csvFile('salespeople.csv', file));
    dialog = preview('salespeople.csv');
    await dialog.waitFor();
    assert.deepEqual((await cells(dialog.getByTestId('import-preview-counts'))).slice(4), [
      '0',
      '0',
      '3',
      '0',
    ]);
    await dialog.getByText('the import would change nothing', { exact: false }).waitFor();
    const confirm = dialog.getByRole('button', { name: 'Import', exact: true });
    assert.equal(await confirm.getAttribute('aria-disabled'), 'true');
    await checkPage(page, '13b-salespeople-import-unchanged');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.deepEqual(await all('salespeople'), before);
    assert.deepEqual(imports, ['?dryRun=true', '?onError=reject', '?dryRun=true']);
    assert.deepEqual(errors, []);
  });
});
