import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { DEFAULT_CLIENT } from '../../../scripts/graph-emulator/index.js';
import { ADMIN, checkPage, eventually, MAILBOX, openConsole, useAdminHarness } from './adminHarness.js';

const person = (address: string) => ({ address, name: address.split('@')[0] });
/** The shared mailbox with two letters swapped. */
const TYPO = 'crm-lgo@contoso.example';

describe('admin console (e2e): assisted setup to an enabled mailbox, Run now, job status, entries', function () {
  this.timeout(240_000);
  const harness = useAdminHarness('adminwizard');
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  before(async () => {
    ({ context, page, errors } = await openConsole(harness(), ADMIN, '#/wizard'));
  });
  after(() => context?.close());

  const next = () => page.getByRole('button', { name: 'Next', exact: true });
  const heading = (name: string) => page.getByRole('heading', { name, exact: true });
  const validation = () => page.getByTestId('validation-result');
  /** The stored setups' mailboxes, as the console's Email logging page lists them. */
  const storedMailboxes = async () =>
    (await harness().db.conn.db!.collection('loggingSetups').find({}).toArray()).map((s) => s.mailbox);

  it('refuses a wrong secret with an actionable message (Next stays disabled), then validates and enables', async () => {
    const h = harness();
    await heading('Prepare Exchange Online').waitFor();
    await page.getByText('-FromScope NotInOrganization -SentToScope InOrganization').waitFor();
    assert.equal(await next().isDisabled(), true, 'Next waits for "These steps are done"');
    await checkPage(page, '01-wizard-exchange');
    await page.getByLabel('These steps are done').check();
    await next().click();

    await heading('Register the app in Microsoft Entra ID').waitFor();
    await page.getByLabel('Tenant id').fill(h.emu.tenantId);
    await page.getByLabel('Client id').fill(DEFAULT_CLIENT.clientId);
    await page.locator('input[type=password]').fill('not-the-secret');
    await page.getByText(/Mail.ReadWrite and User.Read.All .*, with admin consent/).waitFor();
    await checkPage(page, '02-wizard-app-registration');
    await next().click();

    await heading('Shared mailbox').waitFor();
    await page.getByLabel('Shared mailbox address').fill(MAILBOX);
    await page.getByRole('button', { name: 'Check connection' }).click();
    await validation().waitFor();
    const refused = await validation().innerText();
    assert.match(refused, /Could not sign in to Microsoft Entra ID/);
    assert.match(refused, /client secret \(it may have expired\)/);
    assert.match(refused, /^Could not access the shared mailbox\.\n/, 'the title says what failed');
    assert.equal(
      refused.match(/Could not sign in to Microsoft Entra ID/g)?.length,
      1,
      'the advice once, not twice',
    );
    assert.match(refused, /copy the secret's Value \(not its Secret ID\)/, "the portal's words, no markdown");
    assert.equal(await next().isDisabled(), true, 'Next stays disabled after a failed check');
    await checkPage(page, '03-wizard-wrong-secret');
    assert.deepEqual(await storedMailboxes(), [], 'a failed check stores no setup');

    await page.getByRole('button', { name: 'Back' }).click();
    await page.locator('input[type=password]').fill(DEFAULT_CLIENT.clientSecret!);
    await next().click();
    assert.equal(await validation().count(), 0, 'a check of other inputs does not count');
    assert.equal(await next().isDisabled(), true);
    // A mistyped mailbox, checked once: refused, and the console lists no setup for it (nor for any mailbox).
    await page.getByLabel('Shared mailbox address').fill(TYPO);
    await page.getByRole('button', { name: 'Check connection' }).click();
    await validation().getByText(`There is no mailbox ${TYPO} in this tenant`, { exact: false }).waitFor();
    assert.equal(await next().isDisabled(), true);
    assert.deepEqual(await storedMailboxes(), [], 'a mistyped mailbox leaves no setup behind');
    const logging = await openConsole(h, ADMIN, '#/logging');
    try {
      await logging.page.getByText('No shared mailbox is set up for email logging yet.').waitFor();
      assert.equal(await logging.page.getByText(TYPO).count(), 0);
    } finally {
      await logging.context.close();
    }
    await page.getByLabel('Shared mailbox address').fill(MAILBOX);
    assert.equal(await validation().count(), 0, "the mistyped mailbox's check does not count");
    await page.getByRole('button', { name: 'Check connection' }).click();
    await validation().getByText('The setup for email logging is ready to use.').waitFor();
    await eventually(async () => assert.equal(await next().isDisabled(), false));
    await checkPage(page, '04-wizard-connected');
    await next().click();

    await heading('Advanced settings').waitFor();
    await page.getByLabel('Run every (seconds)').fill('3600'); // Run now, not the schedule, logs the mail below
    await page.getByLabel('Never log').fill('@newsletter.example');
    await checkPage(page, '05-wizard-advanced');
    await next().click();

    await heading('Finish').waitFor();
    assert.equal(await page.getByRole('switch').isChecked(), true, 'enabled by default');
    const neverLog = page.locator('dt', { hasText: /^Never log$/ }).locator('xpath=following-sibling::dd[1]');
    assert.equal(
      await neverLog.textContent(),
      '@newsletter.example',
      'the summary shows what is never logged',
    );
    await checkPage(page, '06-wizard-finish');
    await page.getByRole('button', { name: 'Finish', exact: true }).click();
    await page.getByText(`Email logging is set up for ${MAILBOX}.`).waitFor();
    await checkPage(page, '07-wizard-done');

    const setup = await h.db.conn.db!.collection('loggingSetups').findOne({ mailbox: MAILBOX });
    assert.deepEqual(
      [setup?.enabled, setup?.lastValidationOk, setup?.intervalSeconds, setup?.policy?.blocklist],
      [true, true, 3600, ['@newsletter.example']],
    );
    assert.equal(setup?.clientId, DEFAULT_CLIENT.clientId);
    // Business Central's finish needs the E-Mails interaction template: created and chosen for e-mails.
    const settings = await h.db.conn
      .db!.collection('deploymentSettings')
      .findOne({ _id: 'deployment' as never });
    assert.deepEqual(
      [settings?.emailTemplate, settings?.interactionTemplates],
      ['E-MAILS', [{ code: 'E-MAILS', description: 'E-mails', groupCode: null, cost: 0, durationMin: 0 }]],
    );
  });

  it('shows the first run; after mail arrives, Run now logs it with its counts, quarantine and new entries', async () => {
    const h = harness();
    await page.getByRole('button', { name: 'Open job status' }).click();
    const runs = page.getByTestId('runs');
    await runs.locator('tr[data-trigger="schedule"][data-outcome="succeeded"]').waitFor();
    await page.getByTestId('mailbox-status').getByText('Healthy').waitFor();

    const at = new Date().toISOString();
    h.emu.addMessage(MAILBOX, 'inbox', {
      subject: 'Pump order 4711',
      internetMessageId: '<pump-4711@fabrikam.example>',
      from: person('anna.jensen@fabrikam.example'),
      toRecipients: [person('peter.hansen@contoso.example')],
      sentDateTime: at,
    });
    h.emu.addMessage(MAILBOX, 'inbox', {
      subject: 'Quote 2025-17',
      internetMessageId: '<quote-2025-17@contoso.example>',
      from: person('maria.nielsen@contoso.example'),
      toRecipients: [person('lars.berg@northwind.example')],
      ccRecipients: [person('anna.jensen@fabrikam.example')],
      sentDateTime: at,
    });
    h.emu.addMessage(MAILBOX, 'inbox', { subject: 'Who sent this?', from: null, sentDateTime: at });

    await page.getByTestId('mailbox-status').getByRole('button', { name: 'Run now' }).click();
    const manual = runs.locator('tr[data-trigger="manual"]').first();
    await eventually(async () => {
      // The sender-less message is quarantined, which the run records as an error: "partly failed".
      assert.equal(await manual.getAttribute('data-outcome'), 'partial');
      const counts = await manual.getByTestId('run-counts').innerText();
      assert.match(counts, /read 3/);
      assert.match(counts, /logged 2/);
      assert.match(counts, /entries 3/);
      assert.match(counts, /quarantined 1/);
    }, 60_000);
    await manual.getByText('Process email message').waitFor(); // the error with its context
    await page.getByTestId('quarantine').getByText('Who sent this?').waitFor();
    await eventually(async () => {
      const today = await page.getByTestId('trend').locator('li').last().innerText();
      assert.match(today, /2$/);
    });
    // The address check: a contact imported with a salesperson's address makes that address shared.
    const contacts = h.db.conn.db!.collection('contacts');
    const someone = (await contacts.findOne({ kind: 'person', email: { $ne: null } }))!;
    const { _id: _copy, ...twin } = someone;
    await contacts.insertOne({ ...twin, number: 'CT999998', name: 'Imported Twin' });
    await page.getByRole('button', { name: 'Refresh' }).click();
    const check = page.getByRole('region', { name: 'Address check' });
    await check.getByText('1 address needs attention', { exact: false }).waitFor();
    const shared = check.getByRole('row', { name: /Shared: mail is logged for the first/ });
    assert.match(await shared.innerText(), new RegExp(`Contact ${someone.number}, Contact CT999998`));
    await checkPage(page, '08-job-status');

    await page.getByRole('tab', { name: 'Interaction log entries' }).click();
    const table = page.getByTestId('interactions');
    await table.getByText('Pump order 4711').waitFor();
    assert.equal(await table.getByText('Quote 2025-17').count(), 2, 'one entry per contact');
    assert.equal(await table.getByText(MAILBOX).count(), 3);
    // Each entry was logged with the wizard's E-MAILS template (the Template column).
    assert.equal(await table.getByRole('cell', { name: 'E-MAILS', exact: true }).count(), 3);
    await checkPage(page, '09-interaction-log-entries');

    const row = table.locator('tr', { hasText: 'Pump order 4711' });
    await row.getByRole('button', { name: 'Cancel entry' }).click();
    await row.getByText('Canceled', { exact: true }).waitFor();
    await page.getByLabel('Canceled').selectOption('true');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await eventually(async () => assert.equal(await table.locator('tbody tr').count(), 1));
    await page.getByLabel('Direction').selectOption('outbound');
    await page.getByLabel('Canceled').selectOption('');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await eventually(async () => {
      const subjects = await table.locator('tbody tr').allInnerTexts();
      assert.equal(subjects.length, 2);
      assert.ok(subjects.every((s) => s.includes('Quote 2025-17')));
    });
  });

  it('locks the settings while enabled; Validate setup and Enabled work on the Email logging page', async () => {
    await page.getByRole('tab', { name: 'Email logging' }).click();
    const enabled = page.getByRole('switch', { name: 'Enabled' });
    await enabled.waitFor();
    assert.equal(await enabled.isChecked(), true);
    assert.equal(await page.getByLabel('Run every (seconds)').isDisabled(), true, 'locked while enabled');
    assert.equal(await page.getByRole('button', { name: 'Renew token' }).isDisabled(), true);
    // The new secret is always empty: disabled, and it must look it (Fluent draws a disabled field transparent).
    const secret = page.getByLabel('New client secret');
    assert.equal(await secret.isDisabled(), true, 'the secret is locked too');
    const look = () =>
      secret.evaluate(
        (el) => el.ownerDocument.defaultView!.getComputedStyle(el.parentElement!).backgroundColor,
      );
    const lockedLook = await look();
    assert.notEqual(lockedLook, 'rgba(0, 0, 0, 0)', 'not transparent: on the white card it looked open');
    // The mailbox's actions stand apart (Fluent's Toolbar set them edge to edge).
    const boxes = await page
      .getByRole('toolbar')
      .getByRole('button')
      .evaluateAll((els) =>
        els.map((e) => {
          const r = e.getBoundingClientRect();
          return { top: r.top, left: r.left, right: r.right };
        }),
      );
    assert.equal(boxes.length, 4);
    for (let i = 1; i < boxes.length; i++) {
      const sameRow = Math.abs(boxes[i]!.top - boxes[i - 1]!.top) < 1;
      if (sameRow) assert.ok(boxes[i]!.left - boxes[i - 1]!.right >= 4, `buttons ${i - 1} and ${i} touch`);
    }
    await checkPage(page, '10-email-logging');

    await enabled.click();
    await eventually(async () =>
      assert.equal(await page.getByLabel('Run every (seconds)').isDisabled(), false),
    );
    assert.equal(await secret.isDisabled(), false);
    assert.notEqual(await look(), lockedLook, 'an empty locked field does not look like an open one');
    await page.getByRole('button', { name: 'Validate setup' }).click();
    await validation().getByText('The setup for email logging is ready to use.').waitFor();
    await enabled.click(); // validates, then enables
    await eventually(async () => assert.equal(await enabled.isChecked(), true));
    const setup = await harness().db.conn.db!.collection('loggingSetups').findOne({ mailbox: MAILBOX });
    assert.equal(setup?.enabled, true);
    assert.deepEqual(errors, []);
  });
});
