// The built task pane in read mode, end to end: real Office.js in Chromium with a stand-in Outlook, the real
// server process with development sign-in, and a database seeded with the demo data (scripts/demo/seed.ts).
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { FakeMessage } from '../../../addin/preview/fake-outlook.js';
import { people, sampleMessages } from '../../../addin/preview/samples.js';
import { DeploymentSettingsRepository } from '../../../server/repositories/deploymentSettings.js';
import { expectNoSeriousA11yViolations } from '../support/a11y.js';
import { useAddinServer } from '../support/addinServer.js';
import { eventually, saveScreenshot, useBrowser } from '../support/browser.js';
import {
  closePane,
  contactNumberOf,
  historySubjects,
  horizontalOverflow,
  region,
  uncaught,
} from '../support/panePage.js';
import { openTaskpane, readMessage, type PaneSession } from '../support/taskpane.js';

const keyOf = (m: FakeMessage) => (m.kind === 'read' ? m.internetMessageId : null);

/** Runs the pane's "Create opportunity" dialog for the selected contact; returns the number it reports. */
async function createOpportunity(
  page: Page,
  o: { expectedDescription: string; estimatedValue?: string; screenshot?: string },
): Promise<string> {
  await region(page, 'Open opportunities').getByRole('button', { name: 'Create opportunity' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create opportunity' });
  await dialog.waitFor();
  assert.equal(await dialog.getByLabel('Description').inputValue(), o.expectedDescription);
  assert.equal(await dialog.getByLabel('Salesperson code').inputValue(), 'AH'); // The user's (Annette's).
  if (o.estimatedValue) await dialog.getByLabel('Estimated value').fill(o.estimatedValue);
  if (o.screenshot) await saveScreenshot(page, o.screenshot);
  await expectNoSeriousA11yViolations(page, 'pane: Create opportunity dialog open');
  await dialog.getByRole('button', { name: 'Create opportunity' }).click();
  const notice = page.getByText(/^Opportunity \S+ was created\.$/);
  await notice.waitFor();
  await dialog.waitFor({ state: 'hidden' });
  return /^Opportunity (\S+) was created\.$/.exec((await notice.textContent()) ?? '')![1]!;
}

describe('task pane end to end: read mode', function () {
  this.timeout(180_000);
  const browser = useBrowser();
  const server = useAddinServer('e2eread');
  let pane: PaneSession | undefined;
  const sample = (id: string) => sampleMessages(server().seededAt).find((s) => s.id === id)!.message;

  afterEach(async function () {
    await closePane(this, pane);
    pane = undefined;
  });

  it('shows the contact and the history of a seeded contact, newest first, in the user’s time zone', async () => {
    pane = await openTaskpane(browser(), server().url, { item: sample('quote-request'), theme: 'light' });
    const { page } = pane;
    const card = page.getByRole('group', { name: 'Jane Doe' });
    await card.waitFor();
    const cardText = (await card.textContent()) ?? '';
    assert.match(cardText, /Fabrikam Inc\./);
    assert.match(cardText, /jane\.doe@fabrikam\.example/);
    assert.match(cardText, /Annette Hill \(AH\)/);

    assert.deepEqual(await historySubjects(page), [
      'Quote for Fabrikam Inc.',
      'Re: delivery dates',
      'Meeting next week',
      'Price list 2027',
    ]);
    // Dates in the display language's format and the browser's zone (the context runs in Europe/Copenhagen).
    const newest = page.getByRole('region', { name: 'Interaction log entries' }).locator('time').first();
    const expectedInstant = new Date(server().seededAt.getTime() - 3 * 86_400_000).toISOString();
    assert.equal(await newest.getAttribute('datetime'), expectedInstant);
    const expectedText = await page.evaluate(
      (iso) =>
        new Intl.DateTimeFormat('en-US', {
          dateStyle: 'medium',
          timeStyle: 'short',
          timeZone: 'Europe/Copenhagen',
        }).format(new Date(iso)),
      expectedInstant,
    );
    assert.equal(await newest.textContent(), expectedText);

    await page.getByRole('button', { name: 'Log this email' }).waitFor();
    assert.equal(await horizontalOverflow(page), 0);
    await saveScreenshot(page, 'read-history-light');
    await expectNoSeriousA11yViolations(page, 'pane: read mode, light theme');
    assert.deepEqual(uncaught(pane), []);
  });

  it('"Create opportunity" from a received email: created, the email logged and its entry linked', async () => {
    const { db } = server();
    const message = sample('lab-samples'); // From Karl Nilsen, Sara Holm in copy.
    pane = await openTaskpane(browser(), server().url, { item: message });
    await pane.page.getByRole('group', { name: 'Karl Nilsen' }).waitFor(); // The sender comes first.
    await saveScreenshot(pane.page, 'contact-picker-long-addresses');
    await expectNoSeriousA11yViolations(pane.page, 'pane: two contacts (picker)');
    assert.equal(await horizontalOverflow(pane.page), 0, 'the pane fits its width');
    const number = await createOpportunity(pane.page, {
      expectedDescription: 'Samples for the lab',
      estimatedValue: '12500',
      screenshot: 'create-opportunity-dialog',
    });

    const karl = await contactNumberOf(db, people.karl.address);
    const open = await db.models.Opportunity.find({ contactNumber: karl, status: 'open' }).lean();
    assert.equal(open.length, 1);
    assert.equal(open[0]!.number, number);
    assert.equal(open[0]!.description, 'Samples for the lab');
    assert.equal(open[0]!.salespersonCode, 'AH');
    assert.equal(open[0]!.estimatedValue, 12500);
    // From the mail: the server logged it (for the sender, Business Central's rule) and linked that entry.
    const entries = await db.models.Interaction.find({ messageKey: keyOf(message) }).lean();
    assert.deepEqual(
      entries.map((e) => [e.contactNumber, e.salespersonCode, e.opportunityNumber]),
      [[karl, 'AH', number]],
    );
    assert.equal(open[0]!.sourceEntryNumber, entries[0]!.entryNumber);

    await eventually(async () => {
      const listed = await region(pane!.page, 'Open opportunities').getByRole('listitem').allTextContents();
      assert.equal(listed.length, 1);
      assert.match(listed[0]!, /Samples for the lab/);
      assert.match(listed[0]!, new RegExp(number));
    });
    await pane.page.getByRole('status').filter({ hasText: 'Logged for 1 contact' }).waitFor();
    assert.deepEqual(uncaught(pane), []);
  });

  it('"Create opportunity" for a contact in copy of a received email: a plain opportunity', async () => {
    const { db } = server();
    const message = readMessage('copy-contact', {
      subject: 'Visit in March',
      from: people.karl, // Not Jane or Ida: other tests read their history.
      to: [people.annette],
      cc: [people.mark],
      at: new Date(server().seededAt.getTime() - 2 * 3_600_000),
    });
    pane = await openTaskpane(browser(), server().url, { item: message });
    const { page } = pane;
    await page.getByLabel('Choose contact').waitFor();
    await page
      .getByLabel('Choose contact')
      .selectOption({ label: `${people.mark.name} (${people.mark.address})` });
    await page.getByRole('group', { name: 'Mark Lee' }).waitFor();
    await saveScreenshot(page, 'contact-picker');
    assert.equal(await horizontalOverflow(page), 0, 'the contact picker fits the pane');
    const number = await createOpportunity(page, { expectedDescription: 'Visit in March' });

    const mark = await contactNumberOf(db, people.mark.address);
    const open = await db.models.Opportunity.find({ contactNumber: mark, status: 'open' }).lean();
    assert.deepEqual(
      open.map((o) => [o.number, o.description, o.sourceEntryNumber]),
      [[number, 'Visit in March', null]],
    );
    // First asked from the mail, which the server refuses for Mark (the mail is Karl's interaction only).
    const creations = pane.apiCalls.filter((c) => c.method === 'POST' && c.path === '/opportunities');
    assert.equal(creations.length, 2);
    assert.deepEqual(uncaught(pane), []);
  });

  it('"Log this email" logs once even when clicked twice, and shows Logged from then on', async () => {
    const { db, url } = server();
    // E-mails are logged with an interaction template (issue 16): the pane shows its description with the entry.
    const settings = new DeploymentSettingsRepository(db.models);
    const before = await settings.get();
    const template = { code: 'E-MAILS', description: 'E-mails', groupCode: null, cost: 0.5, durationMin: 2 };
    await settings.save(
      { ...before, interactionTemplates: [template], emailTemplate: 'E-MAILS' },
      'e2e',
      new Date(),
    );
    const message = readMessage('log-twice', {
      subject: 'Order confirmation 4711',
      from: people.mark,
      to: [people.annette],
      at: new Date(server().seededAt.getTime() - 3_600_000),
    });
    pane = await openTaskpane(browser(), url, { item: message });
    const button = pane.page.getByRole('button', { name: 'Log this email' });
    await button.waitFor();
    // Two clicks in the same task: the second arrives before React can even disable the button.
    await button.evaluate((b: { click(): void }) => {
      b.click();
      b.click();
    });
    await pane.page.getByRole('status').filter({ hasText: 'Logged for 1 contact' }).waitFor();
    await pane.page.getByText('The email was logged.').waitFor();
    assert.equal(pane.apiCalls.filter((c) => c.method === 'POST' && c.path === '/log-email').length, 1);

    const messageKey = keyOf(message);
    const entries = await db.models.Interaction.find({ messageKey }).lean();
    assert.equal(entries.length, 1);
    assert.equal(entries[0]!.contactNumber, await contactNumberOf(db, people.mark.address));
    assert.equal(entries[0]!.salespersonCode, 'AH');
    assert.equal(entries[0]!.direction, 'inbound');
    assert.equal(entries[0]!.source, 'manual');
    assert.deepEqual(
      [entries[0]!.templateCode, entries[0]!.cost, entries[0]!.durationMin],
      ['E-MAILS', 0.5, 2],
    );
    await pane.close();

    // Opened again later: the pane knows it is logged, and offers no second logging.
    pane = await openTaskpane(browser(), url, { item: message });
    await pane.page.getByRole('status').filter({ hasText: 'Logged for 1 contact' }).waitFor();
    assert.equal(await pane.page.getByRole('button', { name: 'Log this email' }).count(), 0);
    assert.equal(await db.models.Interaction.countDocuments({ messageKey }), 1);
    const logged = pane.page.getByRole('listitem').filter({ hasText: 'Order confirmation 4711' });
    assert.equal(await logged.getByTestId('entry-template').innerText(), 'E-mails');
    await saveScreenshot(pane.page, 'read-history-template');
    await expectNoSeriousA11yViolations(pane.page, 'pane: history with an interaction template');
    await settings.save(before, 'e2e', new Date());
  });

  it('follows ItemChanged: another contact, then no item, then internal mail', async () => {
    pane = await openTaskpane(browser(), server().url, { item: sample('quote-request') });
    const { page } = pane;
    await page.getByRole('group', { name: 'Jane Doe' }).waitFor();
    await pane.waitForHandler('olkItemSelectedChanged');

    await pane.selectItem(sample('delivery-window'));
    await page.getByRole('group', { name: 'Ida Berg' }).waitFor();
    assert.equal(await page.getByRole('group', { name: 'Jane Doe' }).count(), 0);
    assert.deepEqual(await historySubjects(page), [
      'Quote for Adatum Corporation',
      'Re: delivery dates',
      'Meeting next week',
      'Price list 2027',
    ]);
    await saveScreenshot(page, 'item-changed-ida');

    await pane.selectItem(null);
    await page.getByText('Select an email to see its contacts and history.').waitFor();
    await expectNoSeriousA11yViolations(page, 'pane: no selection');
    assert.equal(await page.getByRole('group', { name: 'Ida Berg' }).count(), 0);

    await pane.selectItem(sample('lunch'));
    await page.getByText('This email has no external participants.').waitFor();
    await expectNoSeriousA11yViolations(page, 'pane: internal mail only');
    assert.deepEqual(uncaught(pane), []);
  });
});
