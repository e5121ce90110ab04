// Two ways to open the built task pane for timing, both with the real Office.js and the stand-in Outlook of the
// end-to-end tests (test/e2e/support/taskpane.ts) injected after office.js:
// - harness: openTaskpane itself, a fresh browser context per load. Playwright routes every request of such a
//   context through Node (to keep traffic local and to inject the stand-in), which also turns off the HTTP
//   cache, so every load is cold.
// - direct: no Playwright routing. Only the page's HTML (to add the stand-in's script tag), the stand-in script
//   and Office.js's CDN folder (unreachable here: answered from the npm package, see officeCdnResponse) are
//   intercepted, over the Chrome DevTools Protocol; the server's files go through Chromium's network stack as in
//   Outlook's web view. A second load in the same page is the warm case (from the renderer's memory cache: no
//   response reaches the HTTP cache here, see describeCaching).
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, CDPSession, Frame, Page } from 'playwright-core';
import type { FakeMessage } from '../../addin/preview/fake-outlook.js';
import { people } from '../../addin/preview/samples.js';
import { repoRoot } from '../../scripts/lib/paths.js';
import { collectPageErrors, launchChromium, OFFICE_CDN_FOLDER } from '../../test/e2e/support/browser.js';
import { FAKE_OUTLOOK_PATH, fakeOutlookScript, openTaskpane } from '../../test/e2e/support/taskpane.js';
import { PROBE_SCRIPT, requestLabel, watchPainted } from './paneProbe.js';

/** The browser tests' Chromium, and no name but localhost resolves (nothing leaves the machine). */
export function launchBenchChromium(): Promise<Browser> {
  // The direct loader has no Playwright route to abort office.js's telemetry frame: it fails to resolve (its CDN
  // folder is answered over CDP before any name is resolved).
  return launchChromium(['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1']);
}

export interface OpenedPane {
  context: BrowserContext;
  page: Page;
  /** The pane's document (taskpane.html), whose probe is read: the page's main frame, or Outlook's add-in frame. */
  frame: Frame;
  errors: string[];
  /** Resolves once the probe says the history of the next load not waited for yet is painted (watchPainted). */
  painted(): Promise<void>;
  /** More to say when a load fails (what the host was asked). */
  diagnose?(): Promise<string>;
  close(): Promise<void>;
}

/** The end-to-end harness's pane (new context), with the timing probe installed before the page loads. */
export async function openHarnessPane(
  browser: Browser,
  serverUrl: string,
  item: FakeMessage,
  profileTo?: string,
): Promise<OpenedPane> {
  let profiler: CDPSession | null = null;
  let painted: (() => Promise<void>) | null = null;
  const pane = await openTaskpane(browser, serverUrl, {
    item,
    beforeLoad: async (page) => {
      await page.addInitScript(PROBE_SCRIPT);
      painted = watchPainted(page);
      if (profileTo) {
        // The page's main thread from before navigation (V8's sampling profiler, 100-us interval).
        profiler = await page.context().newCDPSession(page);
        await profiler.send('Profiler.enable');
        await profiler.send('Profiler.setSamplingInterval', { interval: 100 });
        await profiler.send('Profiler.start');
      }
    },
  });
  return {
    context: pane.context,
    page: pane.page,
    frame: pane.page.mainFrame(),
    errors: pane.errors,
    painted: () => painted!(),
    close: async () => {
      if (profiler && profileTo) {
        const { profile } = await (profiler as CDPSession).send('Profiler.stop');
        fs.writeFileSync(profileTo, JSON.stringify(profile));
      }
      await pane.close();
    },
  };
}

const OFFICE_JS_TAG = /<script\b[^>]*\bsrc=["']?[^"'\s>]*office\.js["']?[^>]*><\/script>/;

const OFFICE_JS_DIST = path.join(repoRoot, 'node_modules', '@microsoft', 'office-js', 'dist');
const CDN_PATH = new URL(OFFICE_CDN_FOLDER).pathname;
const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
};
/** Base64 bodies by file, read once per run (every load asks for the same few files). */
const cdnBodies = new Map<string, string>();

/**
 * A Fetch.fulfillRequest answer for a URL in Office.js's CDN folder: the same file of the pinned npm package, as
 * the tests' serveOfficeCdn answers it (404 for anything the package does not have), with the cache headers of
 * a CDN (a day) and Timing-Allow-Origin, without which the cross-origin files' sizes read 0 in resource timing
 * (as if from the cache). Chromium does not store a response fulfilled over CDP in its HTTP cache (see
 * sourcesWithoutInterception); a reload of the same page takes it from the renderer's memory cache.
 */
export function officeCdnResponse(url: string) {
  const relative = decodeURIComponent(new URL(url).pathname).slice(CDN_PATH.length);
  const file = path.resolve(OFFICE_JS_DIST, relative);
  if (!file.startsWith(OFFICE_JS_DIST + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    return { responseCode: 404, body: Buffer.from('not in @microsoft/office-js').toString('base64') };
  }
  let body = cdnBodies.get(file);
  if (body === undefined) cdnBodies.set(file, (body = fs.readFileSync(file).toString('base64')));
  return {
    responseCode: 200,
    responseHeaders: [
      { name: 'content-type', value: CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' },
      { name: 'cache-control', value: 'public, max-age=86400' },
      { name: 'access-control-allow-origin', value: '*' },
      { name: 'timing-allow-origin', value: '*' },
    ],
    body,
  };
}

interface RequestPaused {
  requestId: string;
  request: { url: string };
  responseStatusCode?: number;
  responseHeaders?: { name: string; value: string }[];
}

export interface DirectPane extends OpenedPane {
  /** Navigates (again) to the task pane. */
  load(): Promise<void>;
  /** CDN requests answered from the npm package since the last load() began (0: all from a cache). */
  cdnFulfilled(): number;
}

/** A context without Playwright routing (see the file's head). */
export async function openDirectContext(
  browser: Browser,
  serverUrl: string,
  item: FakeMessage,
): Promise<DirectPane> {
  // As newLocalContext (test/e2e/support/browser.ts) sets it up, without its route.
  const context = await browser.newContext({
    ignoreHTTPSErrors: true,
    viewport: { width: 380, height: 900 },
    timezoneId: 'Europe/Copenhagen',
  });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await page.addInitScript(PROBE_SCRIPT);
  const painted = watchPainted(page);
  const script = Buffer.from(
    fakeOutlookScript({ item, displayLanguage: 'en-US', user: people.annette }),
  ).toString('base64');
  const cdp = await context.newCDPSession(page);
  let cdnFulfilled = 0;
  cdp.on('Fetch.requestPaused', (e: RequestPaused) => {
    void (async () => {
      if (e.request.url.startsWith(OFFICE_CDN_FOLDER)) {
        cdnFulfilled++;
        await cdp.send('Fetch.fulfillRequest', {
          requestId: e.requestId,
          ...officeCdnResponse(e.request.url),
        });
        return;
      }
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
      { urlPattern: `${OFFICE_CDN_FOLDER}*`, requestStage: 'Request' },
    ],
  });
  return {
    context,
    page,
    frame: page.mainFrame(),
    errors,
    painted,
    load: async () => {
      cdnFulfilled = 0;
      await page.goto(`${serverUrl}/taskpane.html`);
    },
    cdnFulfilled: () => cdnFulfilled,
    close: () => context.close(),
  };
}

/**
 * Where a new page of a direct pane's context, without the CDP interception, gets office.js and the bundle from
 * when it loads the pane: 'HTTP cache', 'network' or the failure (the CDN host does not resolve here). Shows
 * whether the CDP-fulfilled office.js of the earlier loads went into Chromium's HTTP cache (the server's bundle,
 * with the same kind of cache headers, is the control).
 */
export async function sourcesWithoutInterception(
  pane: DirectPane,
  serverUrl: string,
): Promise<{ officeJs: string; bundle: string }> {
  const page = await pane.context.newPage();
  const cdp = await pane.context.newCDPSession(page);
  const urls = new Map<string, string>();
  const source = new Map<string, string>();
  cdp.on('Network.requestWillBeSent', (e: { requestId: string; request: { url: string } }) => {
    urls.set(e.requestId, requestLabel(e.request.url));
  });
  cdp.on('Network.responseReceived', (e: { requestId: string; response: { fromDiskCache?: boolean } }) => {
    source.set(urls.get(e.requestId) ?? '?', e.response.fromDiskCache ? 'HTTP cache' : 'network');
  });
  cdp.on('Network.loadingFailed', (e: { requestId: string; errorText: string }) => {
    source.set(urls.get(e.requestId) ?? '?', `failed (${e.errorText})`);
  });
  try {
    await cdp.send('Network.enable');
    await page.goto(`${serverUrl}/taskpane.html`);
  } finally {
    await page.close();
  }
  return {
    officeJs: source.get('office-js/office.js') ?? 'not requested',
    bundle: source.get('taskpane.js') ?? 'not requested',
  };
}

/** What sourcesWithoutInterception found, for the notes. */
export function describeCaching(sources: { officeJs: string; bundle: string } | null): string {
  if (!sources) return '';
  const parts = [
    `Is a CDP-fulfilled response in Chromium's HTTP cache? A new page of the last context, loading the pane ` +
      `without the interception, got office.js: ${sources.officeJs}; taskpane.js (the server's, 1-h max-age): ` +
      `${sources.bundle}.`,
  ];
  if (sources.officeJs.startsWith('failed'))
    parts.push(
      `So it is not (no certificate is involved in a fulfilled response: Chromium does not store what DevTools ` +
        `supplies); a new page or renderer has Office.js answered over CDP again.`,
    );
  else if (sources.officeJs === 'HTTP cache') parts.push('So it is.');
  if (sources.bundle !== 'HTTP cache')
    parts.push(
      `The server's responses are not stored either: the development CA is not trusted by this Chromium (the ` +
        `contexts ignore HTTPS errors) and Chromium does not cache responses with certificate errors.`,
    );
  if (sources.officeJs !== 'HTTP cache' && sources.bundle !== 'HTTP cache')
    parts.push(
      `So what the warm loads take "from a cache" comes from the renderer's in-memory cache (same page), not ` +
        `the HTTP cache a production load would use.`,
    );
  return parts.join(' ');
}
