// The pane's start-up watchdog in the built pane: Office.js unreachable, and a host that never answers. The pane
// says it could not start and why (not a blank page), counts the failure on the server, and the admin console's
// job status page lists it.
import assert from 'node:assert/strict';
import { CDN_OFFICE_JS } from '../../../addin/build/officeJs.js';
import { sampleMessages } from '../../../addin/preview/samples.js';
import { OFFICE_START_BOUND_MS } from '../../../addin/office/startWatchdog.js';
import { useAddinServer } from '../support/addinServer.js';
import { collectPageErrors, newLocalContext, saveScreenshot, useBrowser } from '../support/browser.js';
import { closePane } from '../support/panePage.js';
import { openTaskpane, type PaneSession } from '../support/taskpane.js';

const ADMIN = 'annette.hill@contoso.example';
/** What the browser, the server and the machine may add to the bound before the message shows. */
const SLACK_MS = 5000;

describe('task pane start-up watchdog: a pane that cannot start says so and is counted', function () {
  this.timeout(180_000);
  const browser = useBrowser();
  const server = useAddinServer('e2ewatchdog');
  let pane: PaneSession | undefined;

  afterEach(async function () {
    await closePane(this, pane);
    pane = undefined;
  });

  it('Office.js unreachable: the pane says Office.js did not load, at once, with Retry', async () => {
    pane = await openTaskpane(browser(), server().url, {
      item: sampleMessages(server().seededAt)[0]!.message,
      beforeLoad: async (page) => {
        await page.route(CDN_OFFICE_JS, (route) => route.abort('connectionrefused'));
      },
    });
    const { page } = pane;
    const failure = page.getByTestId('start-failure');
    await failure.waitFor();
    assert.equal(await failure.getAttribute('data-kind'), 'office_js_missing');
    await page.getByRole('alert').getByText('Interlog could not start inside Outlook').waitFor();
    await page.getByText(/Office library did not load/).waitFor();
    await page.getByText('Your administrator can see this failure in Interlog.').waitFor();
    await saveScreenshot(page, 'start-failure-office-js-missing');

    // Retry loads the page again: with Office.js reachable again, the pane comes up.
    await page.unroute(CDN_OFFICE_JS);
    await page.getByRole('button', { name: 'Retry' }).click();
    await page.getByRole('heading', { name: 'Interaction log entries' }).waitFor();
  });

  it('a host that never answers: the message within the bound, in the host’s language, and the console lists it', async () => {
    const context = await newLocalContext(browser());
    try {
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      // Office.js is told it runs in Outlook on the web, but no Outlook frames the page: nobody answers it.
      const started = Date.now();
      await page.goto(`${server().url}/taskpane.html?_host_Info=Outlook$Web$16.01$da-DK$$$$0`);
      const failure = page.getByTestId('start-failure');
      await failure.waitFor({ timeout: OFFICE_START_BOUND_MS + SLACK_MS });
      const waited = Date.now() - started;
      assert.ok(
        waited >= OFFICE_START_BOUND_MS - 500,
        `shown after ${waited} ms, before the ${OFFICE_START_BOUND_MS} ms bound`,
      );
      assert.equal(await failure.getAttribute('data-kind'), 'host_timeout', errors.join('\n'));
      await page.getByText('Interlog kunne ikke starte i Outlook').waitFor();
      await page.getByText('Din administrator kan se denne fejl i Interlog.').waitFor();
      await saveScreenshot(page, 'start-failure-host-timeout-da');
    } finally {
      await context.close();
    }

    const counted = await server().db.models.PaneStartFailure.find({}).lean();
    assert.deepEqual(counted.map((c) => [c.kind, c.host, c.platform, c.hostVersion, c.count]).sort(), [
      ['host_timeout', 'outlook', 'web', '16.01', 1],
      ['office_js_missing', '', '', '', 1],
    ]);

    const admin = await newLocalContext(browser(), { viewport: { width: 1280, height: 900 } });
    try {
      const page = await admin.newPage();
      await page.goto(`${server().url}/admin?devUser=${encodeURIComponent(ADMIN)}&lang=en#/status`);
      const table = page.getByTestId('pane-start-failures');
      await table.getByText('Outlook did not answer').waitFor();
      await table.getByText('outlook · web · 16.01').waitFor();
      await table.getByText('Office.js did not load').waitFor();
      await saveScreenshot(page, 'admin/status-pane-start-failures');
    } finally {
      await admin.close();
    }
  });

  it('opened as a plain web page: says to open it in Outlook (no sign-in, nothing counted as a failure)', async () => {
    const before = await server().db.models.PaneStartFailure.countDocuments({});
    const context = await newLocalContext(browser());
    try {
      const page = await context.newPage();
      await page.goto(`${server().url}/taskpane.html`);
      const outside = page.getByTestId('outside-outlook');
      await outside.waitFor();
      await outside.getByText('Open Interlog in Outlook').waitFor();
      assert.equal(
        await page.getByRole('button', { name: 'Sign in' }).count(),
        0,
        'a sign-in would fail here',
      );
      await saveScreenshot(page, 'outside-outlook');
    } finally {
      await context.close();
    }
    assert.equal(await server().db.models.PaneStartFailure.countDocuments({}), before);
  });
});
