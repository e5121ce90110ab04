// addin.time_to_history through Outlook's real host runtime (shown in the notes beside the figure): the end-to-end
// tests' stand-in Outlook on the web page on https://outlook.office.com (test/e2e/support/outlookWeb/) frames the
// built pane as Outlook does, and the real office.js in the frame boots Microsoft's host runtime
// (outlook-web-16.01.js, with MicrosoftAjax.js), which asks the page for its context and item over postMessage
// (XDM). The timing probe runs in the pane's frame (PROBE_SCRIPT watches taskpane.html only), so the figure is on
// the frame's own clock: the frame's navigation start -> its first history row painted.
import type { Browser, Frame } from 'playwright-core';
import type { FakeMessage } from '../../addin/preview/fake-outlook.js';
import { openInOutlookWeb } from '../../test/e2e/support/outlookWeb/session.js';
import { median } from '../lib/results.js';
import type { OpenedPane } from './paneLoaders.js';
import { PROBE_SCRIPT, watchPainted, type LoadTiming } from './paneProbe.js';

export interface OutlookWebPane extends OpenedPane {
  /** The Outlook page's navigation start -> the pane frame's, ms (Outlook's own page load, not in the figure). */
  frameStartAfterPage(): Promise<number>;
}

/**
 * A new context (newLocalContext: Playwright routing, so no HTTP cache, as the harness) with the Outlook page
 * loaded; the pane frame is loading or loaded. Without openInOutlookWeb's wait for office.js's start (it polls
 * the Outlook page every animation frame): the probe's own wait polls the frame every 50 ms, as in the harness.
 */
export async function openOutlookWebPane(
  browser: Browser,
  serverUrl: string,
  item: FakeMessage,
): Promise<OutlookWebPane> {
  let painted: (() => Promise<void>) | null = null;
  const session = await openInOutlookWeb(browser, serverUrl, {
    item,
    waitForStart: false,
    beforeLoad: async (page) => {
      await page.addInitScript(PROBE_SCRIPT);
      painted = watchPainted(page);
    },
  });
  const frame: Frame = session.pane;
  return {
    context: session.context,
    page: session.page,
    frame,
    errors: session.errors,
    painted: () => painted!(),
    diagnose: async () => {
      const state = await session.hostState().catch(() => null);
      return state
        ? `host calls: ${JSON.stringify(state.calls.map((c) => c.dispid ?? c.action))}; unhandled: ${state.unhandled.length}`
        : 'host state unreadable';
    },
    close: session.close,
    frameStartAfterPage: async () => {
      // Both are epoch milliseconds (high resolution) of the same machine's clock.
      const pageOrigin = await session.page.evaluate(() => performance.timeOrigin);
      const frameOrigin = await frame.evaluate(() => performance.timeOrigin);
      return frameOrigin - pageOrigin;
    },
  };
}

/** Host runtime files a load fetched (office-js/outlook-web-16.01.js, MicrosoftAjax.js), for the notes. */
export function hostRuntimeFiles(loads: LoadTiming[]): string {
  const names = new Set(
    loads.flatMap((l) =>
      l.requests
        .map((r) => r.label)
        .filter((label) => /-web-[0-9.]+\.js$/.test(label) || label.endsWith('MicrosoftAjax.js')),
    ),
  );
  return names.size ? [...names].join(', ') : 'none (office.js did not load a host runtime)';
}

/** Median of the frame start offsets, ms, rounded. */
export const medianOffset = (offsets: number[]) => Math.round(median(offsets));
