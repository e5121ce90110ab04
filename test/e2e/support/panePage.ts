// Reading the task pane the way a user (or a screen reader) does: by roles and accessible names.
import type { Locator, Page } from 'playwright-core';
import type { Database } from '../../../server/repositories/db.js';
import { saveScreenshot } from './browser.js';
import type { PaneSession } from './taskpane.js';

/** A section of the pane by its heading (sections are labelled by their h2). */
export function region(page: Page, name: string): Locator {
  return page.getByRole('region', { name });
}

/** Subjects of the history list, in the order shown; waits for the list to have entries. */
export async function historySubjects(page: Page, heading = 'Interaction log entries'): Promise<string[]> {
  const entries = region(page, heading).getByRole('listitem');
  await entries.first().waitFor();
  // Each entry: direction icon, then a body whose first line is the subject.
  return entries.locator(':scope > div > :first-child').allTextContents();
}

/** Uncaught exceptions the page threw (console noise such as blocked telemetry is not counted). */
export function uncaught(pane: PaneSession): string[] {
  return pane.errors.filter((e) => e.startsWith('uncaught'));
}

export async function contactNumberOf(db: Database, email: string): Promise<string> {
  const contact = await db.models.Contact.findOne({ email }).lean();
  if (!contact) throw new Error(`no contact ${email} in the test database`);
  return contact.number;
}

/**
 * Closes a pane after a test; when the test failed, first keeps a screenshot (failed-<test title>.png) and
 * prints what the page reported, which is what one needs to see why.
 */
export async function closePane(ctx: Mocha.Context, pane: PaneSession | undefined): Promise<void> {
  if (!pane) return;
  if (ctx.currentTest?.state === 'failed') {
    const name = `failed-${ctx.currentTest.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`;
    await saveScreenshot(pane.page, name).catch(() => {});
    if (pane.errors.length > 0) console.log(`  page errors:\n    ${pane.errors.join('\n    ')}`);
  }
  await pane.close();
}

/** What page.evaluate callbacks use of the browser (the test code is compiled without the DOM library). */
interface BrowserWindow {
  document: { documentElement: { scrollWidth: number; clientWidth: number } };
  getComputedStyle(element: unknown): { backgroundColor: string };
}

/** A task pane is narrow (Outlook's is about 320–450 px): nothing may need horizontal scrolling. */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const root = (globalThis as unknown as BrowserWindow).document.documentElement;
    return root.scrollWidth - root.clientWidth;
  });
}

/** The pane's painted background (Fluent's provider element), as rgb(). */
export function paneBackground(scope: Page | Locator): Promise<string> {
  return scope
    .locator('.fui-FluentProvider')
    .first()
    .evaluate((el) => (globalThis as unknown as BrowserWindow).getComputedStyle(el).backgroundColor);
}
