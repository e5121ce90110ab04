// Two ways to open the built task pane for timing, both with the real Office.js and the stand-in Outlook of the
// end-to-end tests (test/e2e/support/taskpane.ts) injected after office.js:
// - harness: openTaskpane itself, a fresh browser context per load. Playwright routes every request of such a
//   context through Node (to keep traffic local and to inject the stand-in), which also turns off the HTTP
//   cache, so every load is cold.
// - direct: no Playwright routing. Only the page's HTML (to add the stand-in's script tag) and the stand-in
//   script are intercepted, over the Chrome DevTools Protocol; everything else goes through Chromium's network
//   stack and HTTP cache as in Outlook's web view. A second load in the same context is the warm case.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { FakeMessage } from '../../addin/preview/fake-outlook.js';
import { people } from '../../addin/preview/samples.js';
import { collectPageErrors, launchChromium } from '../../test/e2e/support/browser.js';
import { FAKE_OUTLOOK_PATH, fakeOutlookScript, openTaskpane } from '../../test/e2e/support/taskpane.js';
import { PROBE_SCRIPT } from './paneProbe.js';

/** The browser tests' Chromium, and no name but localhost resolves (nothing leaves the machine). */
export function launchBenchChromium(): Promise<Browser> {
  // The direct loader has no Playwright route to abort office.js's telemetry frame: it fails to resolve.
  return launchChromium(['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1']);
}

export interface OpenedPane {
  context: BrowserContext;
  page: Page;
  errors: string[];
  close(): Promise<void>;
}

/** The end-to-end harness's pane (new context), with the timing probe installed before the page loads. */
export async function openHarnessPane(
  browser: Browser,
  serverUrl: string,
  item: FakeMessage,
): Promise<OpenedPane> {
  const pane = await openTaskpane(browser, serverUrl, {
    item,
    beforeLoad: async (page) => {
      await page.addInitScript(PROBE_SCRIPT);
    },
  });
  return { context: pane.context, page: pane.page, errors: pane.errors, close: pane.close };
}

const OFFICE_JS_TAG = /<script\b[^>]*\bsrc=["']?[^"'\s>]*office\.js["']?[^>]*><\/script>/;

interface RequestPaused {
  requestId: string;
  request: { url: string };
  responseStatusCode?: number;
  responseHeaders?: { name: string; value: string }[];
}

/** A context without Playwright routing; `load()` navigates (again) to the task pane. */
export async function openDirectContext(
  browser: Browser,
  serverUrl: string,
  item: FakeMessage,
): Promise<OpenedPane & { load(): Promise<void> }> {
  // As newLocalContext (test/e2e/support/browser.ts) sets it up, without its route.
  const context = await browser.newContext({
    ignoreHTTPSErrors: true,
    viewport: { width: 380, height: 900 },
    timezoneId: 'Europe/Copenhagen',
  });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await page.addInitScript(PROBE_SCRIPT);
  const script = Buffer.from(
    fakeOutlookScript({ item, displayLanguage: 'en-US', user: people.annette }),
  ).toString('base64');
  const cdp = await context.newCDPSession(page);
  cdp.on('Fetch.requestPaused', (e: RequestPaused) => {
    void (async () => {
      if (new URL(e.request.url).pathname === FAKE_OUTLOOK_PATH) {
        await cdp.send('Fetch.fulfillRequest', {
          requestId: e.requestId,
          responseCode: 200,
          responseHeaders: [{ name: 'content-type', value: 'text/javascript; charset=utf-8' }],
          body: script,
        });
        return;
      }
      const { body, base64Encoded } = await cdp.send('Fetch.getResponseBody', { requestId: e.requestId });
      const html = base64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
      const tag = OFFICE_JS_TAG.exec(html);
      if (!tag) errors.push('uncaught: taskpane.html does not load office.js any more');
      const injected = tag
        ? html.replace(tag[0], `${tag[0]}<script src="${FAKE_OUTLOOK_PATH}"></script>`)
        : html;
      await cdp.send('Fetch.fulfillRequest', {
        requestId: e.requestId,
        responseCode: e.responseStatusCode ?? 200,
        // The body changed length; Chromium decoded it already.
        responseHeaders: (e.responseHeaders ?? []).filter(
          (h) => !/^(content-length|content-encoding)$/i.test(h.name),
        ),
        body: Buffer.from(injected).toString('base64'),
      });
    })().catch((err: unknown) => errors.push(`uncaught: interception failed: ${String(err)}`));
  });
  await cdp.send('Fetch.enable', {
    patterns: [
      { urlPattern: `${serverUrl}/taskpane.html*`, resourceType: 'Document', requestStage: 'Response' },
      { urlPattern: `${serverUrl}${FAKE_OUTLOOK_PATH}`, requestStage: 'Request' },
    ],
  });
  return {
    context,
    page,
    errors,
    load: async () => {
      await page.goto(`${serverUrl}/taskpane.html`);
    },
    close: () => context.close(),
  };
}
