// The built task pane inside a stand-in Outlook on the web: the real office.js boots Microsoft's real host
// runtime (outlook-web-16.01.js), which builds Office.context.mailbox from what the Outlook page answers over
// postMessage (test/e2e/support/outlookWeb/). The real server serves the pane with its real headers (CSP
// included), Office.js comes from its CDN URL and MicrosoftAjax.js from its CDN URL (both routed locally).
import assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { OFFICE_START_BOUND_MS } from '../../../addin/office/startWatchdog.js';
import { people, sampleMessages } from '../../../addin/preview/samples.js';
import { useAddinServer } from '../support/addinServer.js';
import { eventually, saveScreenshot, useBrowser } from '../support/browser.js';
import { contactNumberOf } from '../support/panePage.js';
import { timelinesOf } from '../../../server/repositories/timelines.js';
import {
  closeOutlookWeb,
  openInOutlookWeb,
  type OutlookWebOptions,
  type OutlookWebSession,
} from '../support/outlookWeb/session.js';

/** Subjects of the pane's history list, in the order shown; waits for the list to have entries. */
async function historySubjects(pane: Frame): Promise<string[]> {
  const entries = pane.getByRole('region', { name: 'Interaction log entries' }).getByRole('listitem');
  await entries.first().waitFor();
  return entries.locator(':scope > div > :first-child').allTextContents();
}

/** The pane's Office.context as Microsoft's runtime built it (what a real Outlook on the web gives). */
function officeContext(pane: Frame) {
  type Ctx = {
    platform: unknown;
    host: unknown;
    displayLanguage: string;
    officeTheme?: unknown;
    requirements: { isSetSupported(name: string, version: string): boolean };
    mailbox: {
      diagnostics: { hostName: string };
      userProfile: { emailAddress: string };
      item: { itemType: string; itemId?: string; internetMessageId?: string } | null;
    };
  };
  return pane.evaluate(() => {
    const context = (globalThis as unknown as { Office: { context: Ctx } }).Office.context;
    return {
      host: String(context.host),
      platform: String(context.platform),
      hostName: context.mailbox.diagnostics.hostName,
      user: context.mailbox.userProfile.emailAddress,
      displayLanguage: context.displayLanguage,
      officeTheme: context.officeTheme === undefined ? 'undefined' : 'defined',
      mailbox114: context.requirements.isSetSupported('Mailbox', '1.14'),
      mailbox115: context.requirements.isSetSupported('Mailbox', '1.15'),
      item: context.mailbox.item && {
        itemType: context.mailbox.item.itemType,
        itemId: context.mailbox.item.itemId,
        internetMessageId: context.mailbox.item.internetMessageId,
      },
    };
  });
}

const uncaught = (s: OutlookWebSession) => s.errors.filter((e) => e.startsWith('uncaught'));

describe('task pane in Outlook on the web (real host runtime)', function () {
  this.timeout(180_000);
  const browser = useBrowser();
  const server = useAddinServer('e2eowa');
  let session: OutlookWebSession | undefined;
  const sample = (id: string) => sampleMessages(server().seededAt).find((s) => s.id === id)!.message;

  afterEach(async function () {
    await closeOutlookWeb(this, session);
    session = undefined;
  });

  it('read mode: Office.context from the host, the sender’s contact and history', async () => {
    const message = sample('quote-request');
    session = await openInOutlookWeb(browser(), server().url, { item: message });
    const { pane } = session;
    await pane.getByRole('group', { name: 'Jane Doe' }).waitFor();
    assert.deepEqual(await historySubjects(pane), [
      'Quote for Fabrikam Inc.',
      'Re: delivery dates',
      'Meeting next week',
      'Price list 2027',
    ]);
    await pane.getByRole('button', { name: 'Log this email' }).waitFor();
    await saveScreenshot(session.page, 'outlook-web-read');

    assert.deepEqual(await officeContext(pane), {
      host: 'Outlook',
      platform: 'OfficeOnline',
      hostName: 'OutlookWebApp',
      user: people.annette.address,
      displayLanguage: 'en-US',
      officeTheme: 'undefined', // Outlook on the web gives add-ins no theme.
      mailbox114: true,
      mailbox115: false,
      item: {
        itemType: 'message',
        itemId: message.kind === 'read' ? message.itemId : '',
        internetMessageId: message.kind === 'read' ? message.internetMessageId : '',
      },
    });
    const state = await session.hostState();
    assert.deepEqual(state.unhandled, [], 'the pane asked Outlook for nothing this host does not implement');
    assert.ok(state.registeredEvents.includes('olkItemSelectedChanged'), 'the pane follows ItemChanged');
    assert.deepEqual(uncaught(session), []);
  });

  it('compose mode: recipients through getAsync, and RecipientsChanged', async () => {
    session = await openInOutlookWeb(browser(), server().url, { item: sample('new-price-list') });
    const { pane } = session;
    await pane.getByRole('group', { name: 'Mark Lee' }).waitFor();
    await pane.getByText('The email can be logged once it is sent.').waitFor();
    await session.waitForEvent('olkRecipientsChanged');

    await session.editRecipients([people.karl], [people.sara]);
    await pane.getByRole('group', { name: 'Karl Nilsen' }).waitFor();
    assert.equal(await pane.getByRole('group', { name: 'Mark Lee' }).count(), 0);
    await saveScreenshot(session.page, 'outlook-web-compose');

    await session.editRecipients([people.bart]); // A colleague only.
    await pane.getByText('This email has no external participants.').waitFor();

    // Another draft in the pinned pane: the pane registers again for the new item's RecipientsChanged (the
    // event name is the same for every item, so a late unregistration for the old one would drop it).
    await session.selectItem({ kind: 'compose', subject: 'Visit', to: [people.ida] });
    await pane.getByRole('group', { name: 'Ida Berg' }).waitFor();
    await session.waitForEvent('olkRecipientsChanged');
    await session.editRecipients([people.jane]);
    await pane.getByRole('group', { name: 'Jane Doe' }).waitFor();
    const dispids = (await session.hostState()).calls.flatMap((c) => (c.dispid ? [c.dispid] : []));
    assert.ok(dispids.includes(15), 'recipients read with getAsync (dispid 15)');
    assert.deepEqual((await session.hostState()).unhandled, []);
    assert.deepEqual(uncaught(session), []);
  });

  it('ItemChanged: the pinned pane follows another mail, no mail, then internal mail', async () => {
    session = await openInOutlookWeb(browser(), server().url, { item: sample('quote-request') });
    const { pane } = session;
    await pane.getByRole('group', { name: 'Jane Doe' }).waitFor();
    await session.waitForEvent('olkItemSelectedChanged');

    await session.selectItem(sample('delivery-window'));
    await pane.getByRole('group', { name: 'Ida Berg' }).waitFor();
    assert.equal(await pane.getByRole('group', { name: 'Jane Doe' }).count(), 0);
    assert.deepEqual(await historySubjects(pane), [
      'Quote for Adatum Corporation',
      'Re: delivery dates',
      'Meeting next week',
      'Price list 2027',
    ]);
    await saveScreenshot(session.page, 'outlook-web-item-changed');

    await session.selectItem(null);
    await pane.getByText('Select an email to see its contacts and history.').waitFor();
    assert.equal((await officeContext(pane)).item, null);

    await session.selectItem(sample('lunch'));
    await pane.getByText('This email has no external participants.').waitFor();
    assert.deepEqual((await session.hostState()).unhandled, []);
    assert.deepEqual(uncaught(session), []);
  });

  /** Marks Karl's logged mail `subject` as archived with the given copy (Graph's immutable id, web link). */
  async function archive(subject: string, message: { immutableId?: string; webLink?: string }) {
    const { db } = server();
    const set = Object.fromEntries(Object.entries(message).map(([k, v]) => [`message.${k}`, v]));
    const karl = await contactNumberOf(db, people.karl.address);
    const updated = await db.models.Interaction.updateOne(
      { contactNumber: karl, subject },
      { $set: { archiveState: 'archived', ...set } },
    );
    assert.equal(updated.modifiedCount, 1);
    // Written behind the repositories' back, so the pane's read model is told, as the loop's own write would.
    const entry = await db.models.Interaction.findOne({ contactNumber: karl, subject }).lean();
    await timelinesOf(db.models).entriesChanged([{ entryNumber: entry!.entryNumber }]);
  }

  /** Opens a mail from Karl and runs "Open email" (with its confirmation) on his logged entry `subject`. */
  async function openLoggedMail(
    subject: string,
    o: { screenshot?: string; beforeLoad?: OutlookWebOptions['beforeLoad'] } = {},
  ): Promise<OutlookWebSession> {
    const s = await openInOutlookWeb(browser(), server().url, {
      item: sample('lab-samples'),
      ...(o.beforeLoad ? { beforeLoad: o.beforeLoad } : {}),
    });
    await s.pane.getByRole('group', { name: 'Karl Nilsen' }).waitFor();
    await s.pane.getByRole('button', { name: `Actions for ${subject}` }).click();
    const actions = s.pane.getByRole('group', { name: `Actions for ${subject}` });
    await actions.getByRole('button', { name: 'Open email' }).click();
    const dialog = s.pane.getByRole('alertdialog', { name: 'Open the logged email?' });
    await dialog.waitFor();
    if (o.screenshot) await saveScreenshot(s.page, o.screenshot);
    await dialog.getByRole('button', { name: 'Open email' }).click();
    await dialog.waitFor({ state: 'hidden' });
    return s;
  }

  it('"Open email" on a logged entry opens it in Outlook (displayMessageFormAsync with its id)', async () => {
    const restId = 'AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0AE2E_owa-e2e-1AAAA=';
    await archive('Meeting next week', { immutableId: restId });
    session = await openLoggedMail('Meeting next week', { screenshot: 'outlook-web-open-email' });

    // The pane converts Graph's REST id to an EWS id for displayMessageForm(Async); Outlook on the web, which
    // supports REST ids (isRestIdSupported), gets it back in REST form from office.js.
    await eventually(async () => assert.deepEqual(await session!.displayedMessages(), [restId]));
    const calls = (await session.hostState()).calls.filter((c) => c.dispid === 8 || c.dispid === 179);
    assert.deepEqual(
      calls.map((c) => c.dispid),
      [179],
      'displayMessageFormAsync (Mailbox 1.9+), once',
    );
    assert.deepEqual(uncaught(session), []);
  });

  it('"Open email" without an Outlook id opens the web link in a new window', async () => {
    // Outlook on the web's runtime has no Office.context.ui.openBrowserWindow: the pane uses window.open, which
    // must work from Outlook's sandboxed frame.
    const webLink =
      'https://outlook.office.com/mail/deeplink/read/AAkALgAAAAAAHYQDEapmEc2byACqAC%2Fowa-e2e-2';
    await archive('Price list 2027', { webLink });
    const requested: string[] = [];
    session = await openLoggedMail('Price list 2027', {
      beforeLoad: async (page) => void page.context().on('request', (r) => requested.push(r.url())),
    });
    // A new window (not the pane's frame) asked for the link; Outlook itself is not reachable here.
    await eventually(async () => assert.ok(requested.includes(webLink), `requests: ${requested.join(', ')}`));
    assert.equal(session.context.pages().length, 2);
    assert.match(session.pane.url(), /\/taskpane\.html/);
    assert.deepEqual(await session.displayedMessages(), []);
    assert.deepEqual(uncaught(session), []);
  });

  it('a CSP without https://ajax.aspnetcdn.com leaves Office.js unable to start: the watchdog says why', async () => {
    // The same pane and server, with only that source taken out of the served policy: what shipped before.
    const withoutAjaxCdn = async (page: Page) => {
      await page.route(`${server().url}/taskpane.html*`, async (route) => {
        const response = await route.fetch();
        const csp = response.headers()['content-security-policy'] ?? '';
        assert.match(csp, /https:\/\/ajax\.aspnetcdn\.com/, 'the served CSP allows MicrosoftAjax.js');
        await route.fulfill({
          response,
          headers: {
            ...response.headers(),
            'content-security-policy': csp.replace(/ https:\/\/ajax\.aspnetcdn\.com/g, ''),
          },
        });
      });
    };
    const started = Date.now();
    session = await openInOutlookWeb(browser(), server().url, {
      item: sample('quote-request'),
      beforeLoad: withoutAjaxCdn,
      waitForStart: false,
    });
    const failure = session.pane.getByTestId('start-failure');
    await failure.waitFor({ timeout: OFFICE_START_BOUND_MS + 10_000 });
    assert.ok(Date.now() - started >= OFFICE_START_BOUND_MS - 500, 'not before the bound');
    assert.equal(await failure.getAttribute('data-kind'), 'blocked_by_policy');
    await session.pane
      .getByText(/blocked a script Outlook needs \(https:\/\/ajax\.aspnetcdn\.com\)/)
      .waitFor();
    assert.equal((await session.hostState()).initialDataServed, false, 'office.js never asked for the item');
    assert.ok(
      session.errors.some((e) => e.includes('MicrosoftAjax')),
      `Office.js says why: ${session.errors.join(' | ')}`,
    );
    await saveScreenshot(session.page, 'outlook-web-csp-blocks-microsoftajax');
    await eventually(async () => {
      const counted = await server()
        .db.conn.db!.collection('paneStartFailures')
        .findOne({ kind: 'blocked_by_policy' });
      assert.deepEqual(
        counted && [counted.host, counted.platform, counted.hostVersion, counted.blockedOrigin],
        ['outlook', 'web', '16.01', 'https://ajax.aspnetcdn.com'],
      );
    });
  });
});
