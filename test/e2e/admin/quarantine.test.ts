// The console end to end: mail from a salesperson known only by an Exchange X.500 address is quarantined with the
// reason; the admin records the address on the salesperson and releases the message; the next run logs it.
import assert from 'node:assert/strict';
import { DEFAULT_CLIENT } from '../../../scripts/graph-emulator/index.js';
import { ADMIN, checkPage, eventually, MAILBOX, openConsole, useAdminHarness } from './adminHarness.js';

const MARIA_DN =
  '/O=EXCHANGELABS/OU=EXCHANGE ADMINISTRATIVE GROUP (FYDIBOHF23SPDLT)/CN=RECIPIENTS/CN=0F1E2D3C4B5A69788796A5B4C3D2E1F0-MNIELSEN';

describe('admin console (e2e): quarantine, fix the salesperson, release', function () {
  this.timeout(180_000);
  const harness = useAdminHarness('adminquar');

  it('shows why mail was quarantined, takes the X.500 address on the salesperson, and logs the released mail', async () => {
    const h = harness();
    const token = (
      (await (await fetch(`${h.url}/api/v1/dev/token?email=${encodeURIComponent(ADMIN)}`)).json()) as {
        access_token: string;
      }
    ).access_token;
    const api = (method: string, path: string, body?: unknown) =>
      fetch(`${h.url}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const put = await api('PUT', `/logging/setups/${MAILBOX}`, {
      enabled: true,
      tenantId: h.emu.tenantId,
      clientId: DEFAULT_CLIENT.clientId,
      clientSecret: DEFAULT_CLIENT.clientSecret,
      intervalSeconds: 3600,
    });
    assert.equal(put.status, 201, await put.text());
    h.emu.addMessage(MAILBOX, 'inbox', {
      subject: 'Delivery of 40 chairs',
      from: { address: 'anna.jensen@fabrikam.example', name: 'Anna Jensen' },
      toRecipients: [{ address: MARIA_DN, name: 'Maria Nielsen' }],
      internetMessageId: '<chairs-40@fabrikam.example>',
    });
    const quarantined = () => h.db.conn.db!.collection('messageStates').findOne({ state: 'quarantined' });
    await eventually(async () => assert.equal((await quarantined())?.code, 'unresolved_x500'), 60_000);

    const { context, page, errors } = await openConsole(h, ADMIN, '#/status');
    try {
      const table = page.getByTestId('quarantine');
      await table.getByText('Delivery of 40 chairs').waitFor();
      await table.getByText(/unresolved_x500/).waitFor();
      await checkPage(page, 'quarantine-unresolved-x500');
      // The run also recorded where it archives and how full that folder is; the link check has its section.
      const archive = page.getByRole('region', { name: 'Archive folder' });
      await archive.getByText('Room to spare').waitFor();
      await archive.getByText(/0 items/).waitFor();
      await page.getByRole('heading', { name: 'Links to logged mail' }).waitFor();
      await page.getByRole('region', { name: 'Archive folder' }).scrollIntoViewIfNeeded();
      await checkPage(page, 'status-archive-and-link-check');

      await page.getByRole('tab', { name: 'Salespeople' }).click();
      await page
        .getByTestId('salespeople')
        .locator('tr', { hasText: 'MN' })
        .getByRole('button', { name: 'Edit' })
        .click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Exchange X.500 addresses (one per line)').fill(MARIA_DN);
      await checkPage(page, 'salesperson-x500');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const mn = await h.db.conn.db!.collection('salespeople').findOne({ code: 'MN' });
      assert.deepEqual(mn?.x500Addresses, [MARIA_DN]);

      await page.getByRole('tab', { name: 'Job status' }).click();
      await page.getByRole('button', { name: 'Release "Delivery of 40 chairs"' }).click();
      await page.getByText('1 message(s) released: the next run processes them again.').waitFor();
      await eventually(async () => {
        const entry = await h.db.conn
          .db!.collection('interactions')
          .findOne({ subject: 'Delivery of 40 chairs' });
        assert.deepEqual([entry?.direction, entry?.salespersonCode], ['inbound', 'MN']);
      }, 60_000);
      await eventually(async () => assert.equal(await page.getByTestId('quarantine').count(), 0));
      await checkPage(page, 'quarantine-released');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
