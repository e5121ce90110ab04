// Automated accessibility checks with axe-core (Deque's engine, the one Playwright's own docs use), run inside
// the page under test. Its source comes from node_modules and is evaluated over the DevTools protocol rather
// than added as a <script>: the pane and the console ship a CSP without 'unsafe-inline', which a script tag
// would have to break, and nothing may be fetched from a CDN.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, Result } from 'axe-core';
import type { Frame, Page } from 'playwright-core';

const require = createRequire(import.meta.url);
let axeSource: string | undefined;

/** WCAG 2.0, 2.1 and 2.2 levels A and AA: what the issue asks for and what an Office add-in is held to. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const BLOCKING = new Set(['serious', 'critical']);
/**
 * Tabster's focus sentinels (Fluent's focus management, e.g. around #root after a modal dialog): empty <i>
 * elements, aria-hidden and tabbable by design, that pass the focus on the moment they receive it. axe reports
 * them as aria-hidden-focus; a user never rests on one, so they are left out of the checked context.
 */
const NOT_CHECKED = ['[data-tabster-dummy]'];

type Scope = Page | Frame;

/** What page.evaluate callbacks use of the browser (the test code is compiled without the DOM library). */
interface AxeWindow {
  axe?: { run(context: unknown, options: unknown): Promise<AxeResults> };
  document: { getAnimations(): { finished: Promise<unknown> }[] };
}

async function injectAxe(scope: Scope): Promise<void> {
  const present = await scope.evaluate(() => typeof (globalThis as unknown as AxeWindow).axe !== 'undefined');
  if (present) return;
  axeSource ??= fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await scope.evaluate(axeSource);
}

/**
 * Waits for running animations (a dialog fading in or out): a half-transparent surface fails colour contrast,
 * a closing modal still hides the page. Twice, with frames between: a motion may start a frame later.
 */
async function settle(scope: Scope): Promise<void> {
  for (let round = 0; round < 2; round++) {
    await scope.evaluate(() =>
      Promise.all(
        (globalThis as unknown as AxeWindow).document
          .getAnimations()
          .map((a) => a.finished.catch(() => undefined)),
      ),
    );
    await scope.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
  }
}

/**
 * #root and whatever above it carries aria-hidden="true" (empty: screen readers see the app). Fluent's modal
 * Dialog sets it while open; one unmounted at the wrong moment leaves it for good.
 */
export async function hiddenAncestorsOfRoot(page: Page): Promise<string[]> {
  return page.locator('#root').evaluate((root) => {
    type El = {
      tagName: string;
      id: string;
      getAttribute(n: string): string | null;
      parentElement: El | null;
    };
    const hidden: string[] = [];
    for (let el: El | null = root as unknown as El; el; el = el.parentElement) {
      if (el.getAttribute('aria-hidden') === 'true') hidden.push(`${el.tagName.toLowerCase()}#${el.id}`);
    }
    return hidden;
  });
}

/** The WCAG 2 A/AA violations axe finds on the page (or frame) as it is now. */
export async function axeViolations(scope: Scope): Promise<Result[]> {
  await injectAxe(scope);
  await settle(scope);
  const results = await scope.evaluate(
    ([tags, exclude]) =>
      (globalThis as unknown as AxeWindow).axe!.run(
        { exclude },
        { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] },
      ),
    [WCAG_TAGS, NOT_CHECKED] as const,
  );
  return results.violations;
}

/** One line per offending element: rule, impact, where, and axe's explanation with its help page. */
export function describeViolations(violations: Result[]): string {
  return violations
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `  ${v.id} (${n.impact ?? v.impact}) at ${n.target.join(' ')}: ${v.help} <${v.helpUrl}>` +
          (n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, '\n      ')}` : ''),
      ),
    )
    .join('\n');
}

/**
 * Fails, listing every one of them, when axe finds a serious or critical WCAG 2 A/AA violation on the page in
 * its current state; `label` names that state in the failure ("pane: read mode, dark theme").
 */
export async function expectNoSeriousA11yViolations(scope: Scope, label: string): Promise<void> {
  const blockingNow = async () =>
    (await axeViolations(scope))
      .map((v) => ({ ...v, nodes: v.nodes.filter((n) => BLOCKING.has(n.impact ?? v.impact ?? '')) }))
      .filter((v) => v.nodes.length > 0);
  let blocking = await blockingNow();
  // Once more after a moment: what a state change still in flight shows (a dialog closing) is not a finding;
  // what the page keeps showing is.
  if (blocking.length > 0) {
    await new Promise((r) => setTimeout(r, 500));
    blocking = await blockingNow();
  }
  if (blocking.length === 0) return;
  const count = blocking.reduce((n, v) => n + v.nodes.length, 0);
  throw new Error(
    `${label}: ${count} serious or critical accessibility violation(s):\n${describeViolations(blocking)}`,
  );
}
