// The whole back end for an admin-console test file: a fresh database with the engine's directory fixture, the
// Graph + Entra ID emulator with the logging mailbox, the real server process (development sign-in, scheduler on
// and ticking fast) talking to that emulator, and one headless Chromium (Debian's) with a fresh context per test.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { repoRoot } from '../../../scripts/lib/paths.js';
import { wrapConnection, type Database } from '../../../server/repositories/db.js';
import { startGraphEmulator } from '../../emulator/graph/index.js';
import type { GraphEmulator } from '../../emulator/graph/types.js';
import { dropTestDatabase, openTestDatabase, type TestDatabase } from '../../support/db.js';
import { seedDirectory } from '../../support/engineHarness.js';
import { startServer, type ServerProcess } from '../../support/serverProcess.js';
import { launchChromium } from '../support/browser.js';

export const MAILBOX = 'crm-log@contoso.example';
export const ADMIN = 'annette.admin@contoso.example';
/** PH in test/fixtures/engine/directory.json: a salesperson, not an admin. */
export const SALESPERSON = 'peter.hansen@contoso.example';
export const SCREENSHOTS = path.join(repoRoot, 'test-results', 'screenshots', 'admin');
/** Generous: the suite runs on a loaded 2-core machine next to other test runs. */
export const UI_TIMEOUT_MS = 30_000;
const ADMIN_PAGE = path.join(repoRoot, 'dist', 'addin', 'admin.html');
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1']);

export interface AdminHarness {
  url: string;
  db: Database;
  emu: GraphEmulator;
  server: ServerProcess;
  browser: Browser;
}

function databaseUri(dbName: string): string {
  const uri = new URL(process.env.MONGODB_URI!);
  uri.pathname = `/${dbName}`;
  return uri.toString();
}

/** Registers before/after hooks for the describe block and returns a getter for the harness. */
export function useAdminHarness(label: string): () => AdminHarness {
  let testDb: TestDatabase | undefined;
  let h: AdminHarness | undefined;
  before(async function () {
    this.timeout(120_000);
    if (!fs.existsSync(ADMIN_PAGE)) {
      throw new Error('dist/addin/admin.html is missing: build first (npx webpack --mode production)');
    }
    testDb = await openTestDatabase(label);
    const db = await wrapConnection(testDb.conn);
    await seedDirectory(db);
    const emu = await startGraphEmulator({ enforceLimits: false });
    emu.addMailbox({ address: MAILBOX, displayName: 'CRM log' });
    const server = await startServer({
      MONGODB_URI: databaseUri(testDb.name),
      GRAPH_BASE_URL: emu.baseUrl,
      AUTHORITY_HOST: emu.baseUrl,
      ADMIN_EMAILS: ADMIN,
      INTERNAL_DOMAINS: 'contoso.example',
      SCHEDULER_ENABLED: 'true',
      SCHEDULER_TICK_MS: '200',
    });
    const browser = await launchChromium();
    h = { url: server.url, db, emu, server, browser };
  });
  after(async function () {
    this.timeout(60_000);
    await h?.browser.close();
    await h?.server.stop(); // before the database goes away
    await h?.emu.close();
    if (testDb) await dropTestDatabase(testDb);
  });
  return () => {
    if (!h) throw new Error('admin harness not started yet');
    return h;
  };
}

/** A fresh context (trusting the dev certificate, localhost only) with the console open as `email`. */
export async function openConsole(
  h: AdminHarness,
  email: string,
  hash = '',
  lang: 'en' | 'da' = 'en',
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await h.browser.newContext({
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: 900 },
    locale: lang === 'da' ? 'da-DK' : 'en-GB',
    timezoneId: 'Europe/Copenhagen',
    acceptDownloads: true,
  });
  context.setDefaultTimeout(UI_TIMEOUT_MS);
  await context.route(
    (url) => !LOCAL_HOSTS.has(url.hostname),
    (route) => route.abort('blockedbyclient'),
  );
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  await page.goto(`${h.url}/admin?devUser=${encodeURIComponent(email)}&lang=${lang}${hash}`);
  return { context, page, errors };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}

/** Retries an assertion (re-reading the state each time) until it passes or the time is up. */
export async function eventually<T>(assertion: () => Promise<T>, timeoutMs = UI_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
