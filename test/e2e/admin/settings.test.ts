// The Settings page of the admin console: the visibility model and sensitive mail chosen there are stored in the
// deployment settings document, and what the server then answers a salesperson follows them.
import assert from 'node:assert/strict';
import { ADMIN, checkPage, eventually, openConsole, SALESPERSON, useAdminHarness } from './adminHarness.js';

describe('admin console (e2e): deployment settings', function () {
  this.timeout(120_000);
  const harness = useAdminHarness('adminsettings');

  it('switches to the owner model and to skipping sensitive mail, and shows who changed it', async () => {
    const h = harness();
    const { context, page, errors } = await openConsole(h, ADMIN, '#/settings');
    try {
      await page.getByRole('heading', { name: 'Settings' }).waitFor();
      const team = page.getByRole('radio', { name: /^Team:/ });
      assert.equal(await team.isChecked(), true, 'team is the default');
      await page.getByText('The defaults apply').waitFor();
      await page.getByRole('radio', { name: /^Owner:/ }).check();
      await page.getByRole('radio', { name: /^Do not log it/ }).check();
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('The settings are saved.').waitFor();
      await page.getByText(/Last changed by annette\.admin@contoso\.example/).waitFor();
      await checkPage(page, '20-settings');
      await eventually(async () => {
        const doc = await h.db.conn
          .db!.collection('deploymentSettings')
          .findOne({ _id: 'deployment' as never });
        assert.deepEqual([doc?.visibility, doc?.sensitiveMail], ['owner', 'skip']);
      });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
    // A salesperson may not read or change them.
    const token = (
      (await (await fetch(`${h.url}/api/v1/dev/token?email=${SALESPERSON}`)).json()) as {
        access_token: string;
      }
    ).access_token;
    const r = await fetch(`${h.url}/api/v1/settings`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(r.status, 403);
  });

  it('edits the interaction templates and chooses the one e-mails get; the server names a bad field', async () => {
    const h = harness();
    const { context, page, errors } = await openConsole(h, ADMIN, '#/settings');
    try {
      const card = page.getByTestId('templates');
      await card.getByText('No interaction templates yet.').waitFor();
      await card.getByRole('button', { name: 'Add template' }).click();
      await card.getByLabel('Code, template 1').fill('e-mails'); // upper-cased as typed
      await card.getByLabel('Description, template 1').fill('E-mails');
      await card.getByRole('button', { name: 'Add template' }).click();
      await card.getByLabel('Code, template 2').fill('calls');
      await card.getByLabel('Description, template 2').fill('Phone calls');
      await card.getByLabel('Interaction group, template 2').fill('sales');
      await card.getByLabel('Cost (LCY), template 2').fill('2,5');
      await card.getByLabel('Duration (min.), template 2').fill('1.5');
      await card.getByLabel('Template for e-mails').selectOption('E-MAILS');
      await page.getByRole('button', { name: 'Save' }).click();
      // Whole minutes only: the server's field error names the row and field.
      await page.getByText('body.interactionTemplates.1.durationMin', { exact: false }).waitFor();
      await card.getByLabel('Duration (min.), template 2').fill('15');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('The settings are saved.').waitFor();
      await checkPage(page, '21-settings-templates');
      await eventually(async () => {
        const doc = await h.db.conn
          .db!.collection('deploymentSettings')
          .findOne({ _id: 'deployment' as never });
        assert.deepEqual(
          [doc?.emailTemplate, doc?.interactionTemplates],
          [
            'E-MAILS',
            [
              { code: 'E-MAILS', description: 'E-mails', groupCode: null, cost: 0, durationMin: 0 },
              { code: 'CALLS', description: 'Phone calls', groupCode: 'SALES', cost: 2.5, durationMin: 15 },
            ],
          ],
        );
      });
      // Removing the e-mail template leaves e-mails without one (chosen "None").
      await card.getByRole('button', { name: 'Remove template E-MAILS' }).click();
      assert.equal(await card.getByLabel('Template for e-mails').inputValue(), '');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
