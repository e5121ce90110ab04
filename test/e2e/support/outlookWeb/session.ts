// Opens the BUILT task pane the way Outlook on the web does: a page on https://outlook.office.com frames
// https://localhost:<port>/taskpane.html (the real server, its real headers), and the real office.js in the
// pane loads Microsoft's real host runtime (outlook-web-16.01.js), which asks the page for everything over
// postMessage. The page answers as Outlook would (xdmHost.ts). Unlike the "no host" stand-in (taskpane.ts),
// this exercises office.js's host boot: Office.js and MicrosoftAjax.js from their CDN URLs (routed to local
// copies; the pane's CSP must allow both), Office.context.mailbox built by Microsoft's code, events delivered
// through the XDM channel.
// The pane is a cross-site frame, as in production: this Chromium denies such frames sessionStorage and
// localStorage (SecurityError on access), as Chrome does in Incognito or under the BlockThirdPartyCookies policy.
// The harness leaves that as it is: a pane must not depend on web storage.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Frame, Page } from 'playwright-core';
import type { FakeMessage, FakeParty } from '../../../../addin/preview/fake-outlook.js';
import { people } from '../../../../addin/preview/samples.js';
import { repoRoot } from '../../../../scripts/lib/paths.js';
import { collectPageErrors, newLocalContext, saveScreenshot, UI_TIMEOUT_MS } from '../browser.js';
import { trackApiCalls, type ApiCall } from '../taskpane.js';
import { hostPageHtml } from './hostPage.js';
import { OUTLOOK_WEB_ORIGIN, routeMicrosoftOrigins } from './microsoftOrigins.js';
import type { OutlookWebHost, OutlookWebHostOptions, OutlookWebHostState } from './xdmHost.js';

/** The add-in's id: manifest.xml's first <Id>. */
export const ADDIN_ID = /<Id>([^<]+)<\/Id>/.exec(
  fs.readFileSync(path.join(repoRoot, 'manifest.xml'), 'utf8'),
)![1]!;
export const OUTLOOK_WEB_URL = `${OUTLOOK_WEB_ORIGIN}/mail/`;

export interface OutlookWebOptions {
  item: FakeMessage | null;
  /** The mailbox owner (default Annette Hill, salesperson AH). */
  user?: FakeParty;
  displayLanguage?: string;
  /** Highest Mailbox requirement set (default 1.14). */
  mailboxVersion?: string;
  context?: BrowserContextOptions;
  /** Runs after the page exists and before it loads. */
  beforeLoad?: (page: Page) => Promise<void>;
  /** Wait until office.js in the pane has asked Outlook for its item (default); false for a pane that may not. */
  waitForStart?: boolean;
}

export interface OutlookWebSession {
  context: BrowserContext;
  /** The Outlook page. */
  page: Page;
  /** The add-in's frame: read the pane through this. */
  pane: Frame;
  /** Uncaught exceptions and console errors of the page and the pane. */
  errors: string[];
  /** Every /api/v1 request the pane made, in order. */
  apiCalls: ApiCall[];
  /** Moves the (pinned) pane to another item, or to none, and fires ItemChanged. */
  selectItem(item: FakeMessage | null): Promise<void>;
  /** Replaces the compose item's recipients and fires RecipientsChanged. */
  editRecipients(to: FakeParty[], cc?: FakeParty[]): Promise<void>;
  /** Item ids the pane asked Outlook to open, as they reached Outlook. */
  displayedMessages(): Promise<string[]>;
  /** What the pane asked Outlook so far. */
  hostState(): Promise<OutlookWebHostState>;
  /** Waits until the pane is registered for an Outlook event ('olkRecipientsChanged', …). */
  waitForEvent(eventName: string): Promise<void>;
  close(): Promise<void>;
}

// page.evaluate callbacks run in the page: each names `window.__outlookWeb` itself (arrow functions only,
// tsx's __name() wrappers would not exist there).
type Host = Pick<OutlookWebHost, 'selectItem' | 'editRecipients' | 'state'>;
type HostWindow = { __outlookWeb: Host };

export async function openInOutlookWeb(
  browser: Browser,
  serverUrl: string,
  options: OutlookWebOptions,
): Promise<OutlookWebSession> {
  const hostOptions: OutlookWebHostOptions = {
    addinUrl: `${serverUrl}/taskpane.html`,
    hostUrl: OUTLOOK_WEB_URL,
    addinId: ADDIN_ID,
    conversationId: `${ADDIN_ID}_${Date.now()}`,
    item: options.item,
    user: options.user ?? people.annette,
    displayLanguage: options.displayLanguage ?? 'en-US',
    mailboxVersion: options.mailboxVersion ?? '1.14',
    internalDomain: (options.user ?? people.annette).address.split('@')[1]!,
  };
  const context = await newLocalContext(browser, {
    viewport: { width: 1024, height: 900 },
    ...options.context,
  });
  await routeMicrosoftOrigins(context, { url: OUTLOOK_WEB_URL, html: hostPageHtml(hostOptions) });
  // Chromium's Local Network Access: a public page (Outlook) may frame a loopback one (the add-in on
  // localhost) only once the user allows it; in production the add-in is public and nobody is asked.
  await context.grantPermissions(['local-network-access'], { origin: OUTLOOK_WEB_ORIGIN });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  const apiCalls = trackApiCalls(page);
  await options.beforeLoad?.(page);
  await page.goto(OUTLOOK_WEB_URL);

  if (options.waitForStart !== false) await waitForOfficeBoot(page, context, errors);
  const paneFrame = await page.waitForSelector('iframe');
  const pane = await paneFrame.contentFrame();
  if (!pane || !pane.url().startsWith(hostOptions.addinUrl))
    throw new Error('no add-in frame in the Outlook page');

  return {
    context,
    page,
    pane,
    errors,
    apiCalls,
    selectItem: (item) =>
      page.evaluate((i) => (globalThis as unknown as HostWindow).__outlookWeb.selectItem(i), item),
    editRecipients: (to, cc = []) =>
      page.evaluate(([t, c]) => (globalThis as unknown as HostWindow).__outlookWeb.editRecipients(t, c), [
        to,
        cc,
      ] as const),
    displayedMessages: () =>
      page.evaluate(() => (globalThis as unknown as HostWindow).__outlookWeb.state().displayedMessages),
    hostState: () => page.evaluate(() => (globalThis as unknown as HostWindow).__outlookWeb.state()),
    waitForEvent: async (eventName) => {
      await page.waitForFunction(
        (n) => (globalThis as unknown as HostWindow).__outlookWeb.state().registeredEvents.includes(n),
        eventName,
      );
    },
    close: () => context.close(),
  };
}

/** office.js has booted in the pane once it asks Outlook for the item (GetInitialData); else say why not. */
async function waitForOfficeBoot(page: Page, context: BrowserContext, errors: string[]): Promise<void> {
  try {
    await page.waitForFunction(
      () => (globalThis as unknown as Partial<HostWindow>).__outlookWeb?.state().initialDataServed === true,
      undefined,
      { timeout: UI_TIMEOUT_MS },
    );
  } catch {
    await saveScreenshot(page, 'outlook-web-pane-did-not-start').catch(() => {});
    const state = await page
      .evaluate(() => (globalThis as unknown as Partial<HostWindow>).__outlookWeb?.state())
      .catch(() => undefined);
    await context.close();
    throw new Error(
      'office.js in the pane never asked Outlook for its item (a blank pane in Outlook).\n' +
        `  host calls: ${JSON.stringify(state?.calls.map((c) => c.action) ?? [])}\n` +
        `  page errors:\n    ${errors.join('\n    ')}`,
    );
  }
}

/**
 * Closes a session after a test; when the test failed, first keeps a screenshot (failed-<title>.png) and prints
 * the page's errors and what the pane asked Outlook.
 */
export async function closeOutlookWeb(
  ctx: Mocha.Context,
  session: OutlookWebSession | undefined,
): Promise<void> {
  if (!session) return;
  if (ctx.currentTest?.state === 'failed') {
    const name = `failed-${ctx.currentTest.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`;
    await saveScreenshot(session.page, name).catch(() => {});
    if (session.errors.length > 0) console.log(`  page errors:\n    ${session.errors.join('\n    ')}`);
    const state = await session.hostState().catch(() => null);
    if (state) console.log(`  host calls: ${JSON.stringify(state.calls.map((c) => c.dispid ?? c.action))}`);
  }
  await session.close();
}
