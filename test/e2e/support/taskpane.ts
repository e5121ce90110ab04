// Opens the BUILT task pane (dist/addin/taskpane.html, served by the real server) in Chromium with the real
// Office.js, and stands in for Outlook around it: the page as served gets one extra script after office.js that
// fills Office.context from an Office.onReady callback registered before the pane's bundle runs (see
// addin/preview/fake-outlook.ts). Everything else — the bundle, its Office module, CSP headers — is as shipped.
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import {
  installFakeOutlook,
  type FakeMessage,
  type FakeOutlookOptions,
  type FakeParty,
  type FakeTheme,
} from '../../../addin/preview/fake-outlook.js';
import { people } from '../../../addin/preview/samples.js';
import { collectPageErrors, newLocalContext } from './browser.js';

/** Same origin as the pane, so its Content-Security-Policy (script-src 'self') admits the script. */
export const FAKE_OUTLOOK_PATH = '/__e2e__/fake-outlook.js';
const OFFICE_JS_TAG = /<script\b[^>]*\bsrc=["']?[^"'\s>]*office\.js["']?[^>]*><\/script>/;

/** The browser script that installs the stand-in Outlook into the page's real Office.js. */
export function fakeOutlookScript(options: FakeOutlookOptions): string {
  return [
    '(function () {',
    // tsx compiles with esbuild's keepNames, which wraps named functions in __name(): a no-op one suffices.
    '  var __name = function (target) { return target; };',
    `  var install = ${installFakeOutlook.toString()};`,
    `  var options = ${JSON.stringify(options)};`,
    '  Office.onReady(function () { window.__fakeOutlook = install(Office, options); });',
    '})();',
  ].join('\n');
}

export interface PaneOptions {
  item: FakeMessage | null;
  displayLanguage?: string;
  theme?: FakeTheme;
  user?: FakeParty;
  context?: BrowserContextOptions;
  /** Runs after the page exists and before it loads (e.g. page.route to take the API down). */
  beforeLoad?: (page: Page) => Promise<void>;
  /** Changes the page's HTML as served (before the stand-in's script is added to it). */
  pageHtml?: (html: string) => string;
}

export interface ApiCall {
  method: string;
  /** Path below /api/v1, e.g. "/log-email". */
  path: string;
}

export interface PaneSession {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions and console errors seen so far. */
  errors: string[];
  /** Every /api/v1 request the page made, in order. */
  apiCalls: ApiCall[];
  selectItem(item: FakeMessage | null): Promise<void>;
  editRecipients(to: FakeParty[], cc?: FakeParty[]): Promise<void>;
  setTheme(theme: FakeTheme): Promise<void>;
  /** Waits until the pane has registered a handler for an Office event ('olkRecipientsChanged', …). */
  waitForHandler(eventType: string): Promise<void>;
  close(): Promise<void>;
}

/** Every /api/v1 request of the page (its frames included) from now on, in order. */
export function trackApiCalls(page: Page): ApiCall[] {
  const apiCalls: ApiCall[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith('/api/v1/')) apiCalls.push({ method: r.method(), path: u.pathname.slice(7) });
  });
  return apiCalls;
}

/** Opens an add-in page (`url`) with the stand-in Outlook injected right after its office.js. */
export async function openWithFakeOutlook(
  browser: Browser,
  url: string,
  options: PaneOptions,
): Promise<PaneSession> {
  const context = await newLocalContext(browser, options.context);
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  const apiCalls = trackApiCalls(page);
  const pageUrl = new URL(url);
  const script = fakeOutlookScript({
    item: options.item,
    displayLanguage: options.displayLanguage ?? 'en-US',
    user: options.user ?? people.annette,
    ...(options.theme ? { theme: options.theme } : {}),
  });
  await page.route(
    (u) => u.origin === pageUrl.origin && u.pathname === FAKE_OUTLOOK_PATH,
    (route) => route.fulfill({ contentType: 'text/javascript; charset=utf-8', body: script }),
  );
  await page.route(
    (u) => u.origin === pageUrl.origin && u.pathname === pageUrl.pathname,
    async (route) => {
      const response = await route.fetch();
      const served = await response.text();
      const html = options.pageHtml ? options.pageHtml(served) : served;
      const tag = OFFICE_JS_TAG.exec(html);
      if (!tag) {
        errors.push(`uncaught: ${pageUrl.pathname} does not load office.js any more`);
        await route.fulfill({ status: 500, body: 'no office.js script tag to inject after' });
        return;
      }
      const injected = html.replace(tag[0], `${tag[0]}<script src="${FAKE_OUTLOOK_PATH}"></script>`);
      await route.fulfill({ response, body: injected });
    },
  );
  await options.beforeLoad?.(page);
  await page.goto(url);

  // Arrow functions only in page.evaluate: tsx's __name() wrappers would not exist in the page.
  return {
    context,
    page,
    errors,
    apiCalls,
    selectItem: (item) =>
      page.evaluate((i) => (globalThis as unknown as Fake).__fakeOutlook.selectItem(i), item),
    editRecipients: (to, cc = []) =>
      page.evaluate(([t, c]) => (globalThis as unknown as Fake).__fakeOutlook.editRecipients(t, c), [
        to,
        cc,
      ] as const),
    setTheme: (theme) =>
      page.evaluate((t) => (globalThis as unknown as Fake).__fakeOutlook.setTheme(t), theme),
    waitForHandler: async (eventType) => {
      await page.waitForFunction(
        (t) => ((globalThis as unknown as Partial<Fake>).__fakeOutlook?.handlerCount(t) ?? 0) > 0,
        eventType,
      );
    },
    close: () => context.close(),
  };
}

type Fake = { __fakeOutlook: ReturnType<typeof installFakeOutlook> };

/** The built task pane as Outlook would load it, on the given server. */
export function openTaskpane(
  browser: Browser,
  serverUrl: string,
  options: PaneOptions,
): Promise<PaneSession> {
  return openWithFakeOutlook(browser, `${serverUrl}/taskpane.html`, options);
}

/** A read-mode message for tests that need their own (unique internetMessageId, so tests do not interfere). */
export function readMessage(
  id: string,
  m: { subject: string; from: FakeParty; to: FakeParty[]; cc?: FakeParty[]; at: Date },
): FakeMessage {
  return {
    kind: 'read',
    subject: m.subject,
    from: m.from,
    to: m.to,
    ...(m.cc ? { cc: m.cc } : {}),
    internetMessageId: `<e2e-${id}@${m.from.address.split('@')[1]}>`,
    itemId: `AAMkAGE2E/${id}=`,
    dateTimeCreated: m.at.toISOString(),
  };
}
