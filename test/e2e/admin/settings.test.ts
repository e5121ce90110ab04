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
});
