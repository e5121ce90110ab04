// The built task pane end to end beyond plain reading: compose mode following recipient edits, the API going
// down and coming back (Retry), and Outlook's display language and theme.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { people, sampleMessages } from '../../../addin/preview/samples.js';
import { expectNoSeriousA11yViolations } from '../support/a11y.js';
import { useAddinServer } from '../support/addinServer.js';
import { eventually, saveScreenshot, useBrowser } from '../support/browser.js';
import {
  closePane,
  historySubjects,
  horizontalOverflow,
  paneBackground,
  region,
  uncaught,
} from '../support/panePage.js';
import { openTaskpane, type PaneSession } from '../support/taskpane.js';

/** Makes every /api/v1 request fail as if the server were unreachable, until `restore` is called. */
async function takeApiDown(page: Page): Promise<() => Promise<void>> {
  const matcher = (url: URL) => url.pathname.startsWith('/api/v1/');
  await page.route(matcher, (route) => route.abort('connectionrefused'));
  return () => page.unroute(matcher);
}

describe('task pane end to end: compose, failures, language and theme', function () {
  this.timeout(180_000);
  const browser = useBrowser();
  const server = useAddinServer('e2estates');
  let pane: PaneSession | undefined;
  const sample = (id: string) => sampleMessages(server().seededAt).find((s) => s.id === id)!.message;

  afterEach(async function () {
    await closePane(this, pane);
    pane = undefined;
  });

  it('compose mode shows the recipients’ contacts and follows recipient changes', async () => {
    pane = await openTaskpane(browser(), server().url, { item: sample('new-price-list'), theme: 'light' });
    const { page } = pane;
    await page.getByRole('group', { name: 'Mark Lee' }).waitFor();
    await page.getByText('The email can be logged once it is sent.').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Log this email' }).count(), 0);
    await expectNoSeriousA11yViolations(page, 'pane: compose mode');
    assert.deepEqual(await historySubjects(page), [
      'Quote for Fabrikam Inc.',
      'Re: delivery dates',
      'Meeting next week',
      'Price list 2027',
    ]);
    // Outlook only tells about recipient edits to a handler registered on the item.
    await pane.waitForHandler('olkRecipientsChanged');

    await pane.editRecipients([people.karl]);
    await page.getByRole('group', { name: 'Karl Nilsen' }).waitFor();
    assert.equal(await page.getByRole('group', { name: 'Mark Lee' }).count(), 0);

    await pane.editRecipients([people.karl, people.stranger]);
    const unknown = region(page, 'Not in the CRM yet');
    await unknown.getByRole('button', { name: `Add as contact: ${people.stranger.address}` }).waitFor();
    await page.getByRole('group', { name: 'Karl Nilsen' }).waitFor();
    assert.equal(await horizontalOverflow(page), 0);
    await saveScreenshot(page, 'compose-recipients');
    await expectNoSeriousA11yViolations(page, 'pane: compose, an unknown recipient');

    await pane.editRecipients([people.bart]); // A colleague only.
    await page.getByText('This email has no external participants.').waitFor();
    assert.deepEqual(uncaught(pane), []);
  });

  it('API down at start: an error with Retry, and Retry works once the API is back', async () => {
    let restore: (() => Promise<void>) | undefined;
    pane = await openTaskpane(browser(), server().url, {
      item: sample('quote-request'),
      theme: 'light',
      beforeLoad: async (page) => {
        restore = await takeApiDown(page);
      },
    });
    const { page } = pane;
    await page.getByText('Could not load the CRM data.').waitFor();
    await page.getByText(/The Interlog server could not be reached/).waitFor();
    await saveScreenshot(page, 'api-down-error');
    await expectNoSeriousA11yViolations(page, 'pane: API down, error with Retry');

    await restore!();
    await page.getByRole('button', { name: 'Retry' }).click();
    await page.getByRole('group', { name: 'Jane Doe' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Retry' }).count(), 0);
    assert.deepEqual(uncaught(pane), []);
  });

  it('API down while the pane is open: the next item shows the error, Retry loads it', async () => {
    pane = await openTaskpane(browser(), server().url, { item: sample('quote-request') });
    const { page } = pane;
    await page.getByRole('group', { name: 'Jane Doe' }).waitFor();
    await pane.waitForHandler('olkItemSelectedChanged');

    const restore = await takeApiDown(page);
    await pane.selectItem(sample('delivery-window'));
    const retry = page.getByRole('button', { name: 'Retry' });
    await retry.waitFor();
    await page.getByText(/The Interlog server could not be reached/).waitFor();
    assert.equal(await page.getByRole('group', { name: 'Jane Doe' }).count(), 0);

    await restore();
    await retry.click();
    await page.getByRole('group', { name: 'Ida Berg' }).waitFor();
    assert.deepEqual(uncaught(pane), []);
  });

  it('speaks Danish under a Danish display language, in Outlook’s dark theme, and follows a theme change', async () => {
    pane = await openTaskpane(browser(), server().url, {
      item: sample('quote-request'),
      displayLanguage: 'da-DK',
      theme: 'dark',
    });
    const { page } = pane;
    await page.getByRole('group', { name: 'Jane Doe' }).waitFor();
    assert.equal(await page.locator('main').getAttribute('lang'), 'da');
    for (const heading of ['Kontakt', 'Åbne salgsmuligheder', 'Interaktionslogposter']) {
      await page.getByRole('heading', { name: heading }).waitFor();
    }
    await page.getByRole('button', { name: 'Logfør denne e-mail' }).waitFor();
    await page.getByRole('button', { name: 'Opret salgsmulighed' }).waitFor();
    assert.equal(await page.getByText('Log this email').count(), 0);
    const firstEntry = region(page, 'Interaktionslogposter').getByRole('listitem').first();
    assert.match((await firstEntry.textContent()) ?? '', /Sendt · .*Sælger: Annette Hill/);
    // Dates in Danish form, in the user's zone.
    const time = firstEntry.locator('time');
    const expected = await page.evaluate(
      (iso) =>
        new Intl.DateTimeFormat('da-DK', {
          dateStyle: 'medium',
          timeStyle: 'short',
          timeZone: 'Europe/Copenhagen',
        }).format(new Date(iso)),
      (await time.getAttribute('datetime'))!,
    );
    assert.equal(await time.textContent(), expected);

    assert.equal(await paneBackground(page), 'rgb(41, 41, 41)'); // Fluent's dark neutral background.
    await saveScreenshot(page, 'read-history-da-dark');
    await expectNoSeriousA11yViolations(page, 'pane: Danish, dark theme');

    await pane.setTheme('light');
    await eventually(async () => assert.equal(await paneBackground(page), 'rgb(255, 255, 255)'));
    await saveScreenshot(page, 'read-history-da-light');
    await expectNoSeriousA11yViolations(page, 'pane: Danish, light theme after a theme change');
    assert.deepEqual(uncaught(pane), []);
  });
});
