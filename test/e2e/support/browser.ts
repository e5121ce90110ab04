// Headless Chromium from Debian (/usr/bin/chromium, installed by scripts/lib/system.ts and CI), driven by
// playwright-core. One browser per test file, a fresh context per test (office.js caches host information in
// sessionStorage), and nothing leaves the machine: office.js's telemetry frame and any other non-local request
// is aborted.
import fs from 'node:fs';
import path from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
  type Route,
} from 'playwright-core';
import { CDN_OFFICE_JS } from '../../../addin/build/officeJs.js';
import { repoRoot } from '../../../scripts/lib/paths.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.join(repoRoot, 'test-results', 'screenshots');
/** Generous: the suite runs on a loaded 2-core machine next to other test runs. */
export const UI_TIMEOUT_MS = 30_000;

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
/** Microsoft's Office.js folder on its CDN (production builds load office.js from there, and it the rest). */
export const OFFICE_CDN_FOLDER = CDN_OFFICE_JS.slice(0, CDN_OFFICE_JS.lastIndexOf('/') + 1);
const OFFICE_JS_DIST = path.join(repoRoot, 'node_modules', '@microsoft', 'office-js', 'dist');

/**
 * Answers a request for a file of Microsoft's Office.js CDN folder with the same file of the pinned npm package
 * (the CDN is unreachable here); 404 for anything the package does not have. Network routing only: the page,
 * its CSP and its script URLs stay as shipped.
 */
export async function serveOfficeCdn(route: Route): Promise<void> {
  const relative = decodeURIComponent(new URL(route.request().url()).pathname).slice(
    new URL(OFFICE_CDN_FOLDER).pathname.length,
  );
  const file = path.resolve(OFFICE_JS_DIST, relative);
  if (!file.startsWith(OFFICE_JS_DIST + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    await route.fulfill({ status: 404, body: 'not in @microsoft/office-js' });
    return;
  }
  await route.fulfill({
    status: 200,
    contentType: file.endsWith('.js') ? 'text/javascript; charset=utf-8' : undefined,
    headers: { 'access-control-allow-origin': '*', 'cache-control': 'public, max-age=86400' },
    body: fs.readFileSync(file),
  });
}

/** Debian's Chromium, headless, with nothing running in the background (the flags every browser test uses). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `${CHROMIUM_PATH} is missing: apt-get install -y chromium (npm test installs it when root)`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/** Registers before/after hooks that launch and close one browser for the describe block. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('browser not launched yet');
    return browser;
  };
}

/**
 * A fresh context that trusts the server's development certificate (Chromium does not read
 * NODE_EXTRA_CA_CERTS) and may talk to localhost only, plus Microsoft's Office.js CDN answered from the npm
 * package (routes registered later take precedence over the catch-all abort).
 */
export async function newLocalContext(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    ignoreHTTPSErrors: true,
    viewport: { width: 380, height: 900 },
    timezoneId: 'Europe/Copenhagen',
    ...options,
  });
  context.setDefaultTimeout(UI_TIMEOUT_MS);
  await context.route(
    (url) => !LOCAL_HOSTS.has(url.hostname),
    (route) => route.abort('blockedbyclient'),
  );
  await context.route(`${OFFICE_CDN_FOLDER}**`, serveOfficeCdn);
  return context;
}

/** Uncaught exceptions and console errors of a page, for assertions and failure messages. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

/** Saves a full-page screenshot as a test artifact (test-results/ is git-ignored) and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}

/**
 * Retries an assertion until it passes or the time is up, then throws its last failure. For conditions a
 * locator cannot wait for (several texts, database rows); every attempt re-reads the state.
 */
export async function eventually<T>(assertion: () => Promise<T>, timeoutMs = UI_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
