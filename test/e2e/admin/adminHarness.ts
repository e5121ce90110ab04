// The whole back end for an admin-console test file: a fresh database with the engine's directory fixture, the
// Graph + Entra ID emulator with the logging mailbox, the real server process (development sign-in, scheduler on
// and ticking fast) talking to that emulator, and one headless Chromium (Debian's) with a fresh context per test.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { repoRoot } from '../../../scripts/lib/paths.js';
import { wrapConnection, type Database } from '../../../server/repositories/db.js';
import { startGraphEmulator } from '../../../scripts/graph-emulator/index.js';
import type { GraphEmulator } from '../../../scripts/graph-emulator/types.js';
import { dropTestDatabase, openTestDatabase, testDatabaseUri, type TestDatabase } from '../../support/db.js';
import { seedDirectory } from '../../support/engineHarness.js';
import { startServer, type ServerProcess } from '../../support/serverProcess.js';
import { expectNoSeriousA11yViolations } from '../support/a11y.js';
import { launchChromium, newLocalContext, saveScreenshot } from '../support/browser.js';

export { eventually, UI_TIMEOUT_MS } from '../support/browser.js';

export const MAILBOX = 'crm-log@contoso.example';
export const ADMIN = 'annette.admin@contoso.example';
/** PH in test/fixtures/engine/directory.json: a salesperson, not an admin. */
export const SALESPERSON = 'peter.hansen@contoso.example';
const ADMIN_PAGE = path.join(repoRoot, 'dist', 'addin', 'admin.html');

export interface AdminHarness {
  url: string;
  db: Database;
  emu: GraphEmulator;
  server: ServerProcess;
  browser: Browser;
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
      MONGODB_URI: testDatabaseUri(testDb.name),
      GRAPH_BASE_URL: emu.baseUrl,
      AUTHORITY_HOST: emu.baseUrl,
      ADMIN_EMAILS: ADMIN,
      INTERNAL_DOMAINS: 'contoso.example',
      SCHEDULER_ENABLED: 'true',
      SCHEDULER_TICK_MS: '200',
      // The console tests drive runs themselves ("Run now", the schedule); mail must not be logged by a change
      // notification before they ask (notifications have their own tests in test/server/notifications).
      CHANGE_NOTIFICATIONS: 'off',
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
  const context = await newLocalContext(h.browser, {
    viewport: { width: 1280, height: 900 },
    locale: lang === 'da' ? 'da-DK' : 'en-GB',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  await page.goto(`${h.url}/admin?devUser=${encodeURIComponent(email)}&lang=${lang}${hash}`);
  return { context, page, errors };
}

/** A screenshot of an admin page, a test artifact under test-results/screenshots/admin. */
export function screenshot(page: Page, name: string): Promise<string> {
  return saveScreenshot(page, `admin/${name}`);
}

/**
 * Every state of the console a test shows: a screenshot (`name`), then axe's WCAG 2 A/AA check, which fails on
 * any serious or critical violation (issue 16: every console page and wizard step).
 */
export async function checkPage(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await expectNoSeriousA11yViolations(page, `console: ${name}`);
}
