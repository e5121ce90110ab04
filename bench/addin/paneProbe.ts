// What the page itself measures, on its own clock (performance.now(): ms since navigation start). An init script
// watches the DOM and notes when the pane first mounts, when the first row of the history list is inserted and
// when the frame showing it has been painted; the page's navigation and resource timing entries say where the
// time before that went (Office.js, the bundle, sign-in, the lookup), and office.js's own marks (OSFPerformance,
// same clock) how long its start-up took.
import type { Frame, Page } from 'playwright-core';
import { OFFICE_CDN_FOLDER } from '../../test/e2e/support/browser.js';

/** The history section's heading in English (addin/i18n/en.ts history.title); the pane runs in en-US. */
export const HISTORY_HEADING = 'Interaction log entries';

/**
 * What the probe logs (console.debug) once the history is painted. The benchmark waits for this message instead
 * of polling the page: Playwright's first evaluation in a new document injects its utility script (~20-35 ms of
 * the page's only thread, measured in a trace of a cold load), which would land on the pane's start, between its
 * requests, in a way no real Outlook does.
 */
export const PAINTED_MESSAGE = 'interlog-probe: history painted';

/**
 * The probe's "painted" messages of a page (its frames included), from now on: each call of the answer waits for
 * the next one not waited for yet, so a load whose message came before the call is not missed.
 */
export function watchPainted(page: Page): () => Promise<void> {
  let seen = 0;
  let waited = 0;
  const waiters: { n: number; resolve: () => void }[] = [];
  page.on('console', (m) => {
    if (m.type() !== 'debug' || m.text() !== PAINTED_MESSAGE) return;
    seen++;
    for (const w of waiters.filter((x) => x.n <= seen)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
  return () => {
    const n = ++waited;
    return n <= seen ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ n, resolve }));
  };
}

/**
 * The init script. Plain ES5 text, not a compiled function: tsx wraps named functions in __name(), which does
 * not exist in the page. Installed with addInitScript, it runs in every frame: it watches only the pane's own
 * document (taskpane.html: the top frame in the stand-in harness, the add-in frame inside the Outlook on the web
 * page), not the Outlook page nor a telemetry iframe of office.js.
 */
export const PROBE_SCRIPT = `(function (heading, painted) {
  if (!/\\/taskpane\\.html$/.test(location.pathname)) return;
  var probe = {
    officeReady: null, rootMounted: null, historyInserted: null, historyPainted: null, firstSubject: null, rows: 0
  };
  window.__timeToHistory = probe;
  // The stand-in Outlook sets window.__fakeOutlook from its Office.onReady callback, registered before the
  // pane's own: the moment Office.js is ready. Noted once, then an ordinary property again.
  Object.defineProperty(window, '__fakeOutlook', {
    configurable: true,
    get: function () { return undefined; },
    set: function (value) {
      probe.officeReady = performance.now();
      Object.defineProperty(window, '__fakeOutlook', {
        value: value, writable: true, configurable: true, enumerable: true
      });
    }
  });
  function historyList() {
    var sections = document.querySelectorAll('section[aria-labelledby]');
    for (var i = 0; i < sections.length; i++) {
      var h = document.getElementById(sections[i].getAttribute('aria-labelledby'));
      if (h && h.textContent === heading) return sections[i].querySelector('ul');
    }
    return null;
  }
  var observer = new MutationObserver(function () {
    var now = performance.now();
    if (probe.rootMounted === null) {
      var root = document.getElementById('root');
      if (root && root.firstElementChild) probe.rootMounted = now;
    }
    var list = historyList();
    var row = list && list.querySelector(':scope > li');
    if (!row) return;
    observer.disconnect();
    probe.historyInserted = now;
    probe.rows = list.querySelectorAll(':scope > li').length;
    var subject = row.querySelector(':scope > div > :first-child');
    probe.firstSubject = subject ? subject.textContent : null;
    // The frame that shows the row: its rAF callbacks run before its paint, a task queued from there after it.
    requestAnimationFrame(function () {
      var channel = new MessageChannel();
      channel.port1.onmessage = function () {
        probe.historyPainted = performance.now();
        console.debug(painted);
      };
      channel.port2.postMessage(null);
    });
  });
  observer.observe(document, { childList: true, subtree: true });
})(${JSON.stringify(HISTORY_HEADING)}, ${JSON.stringify(PAINTED_MESSAGE)});`;

/** A request of the page, by a stable label (hashes and query strings dropped): office-js/office.js, /api/v1/me. */
export interface RequestTiming {
  label: string;
  start: number;
  end: number;
  /** 0 when served from the HTTP cache (or by an interception that does not report sizes). */
  transferSize: number;
}

export interface LoadTiming {
  /** The figure: navigation start -> the frame showing the first history row painted, ms. */
  historyPainted: number;
  historyInserted: number;
  /**
   * Office.onReady called back: the stand-in Outlook's callback (which runs before the pane's) when there is
   * one, else office.js's own mark (OSFPerformance.officeOnReady).
   */
  officeReady: number | null;
  /** office.js's start-up marks (its global OSFPerformance, on the same clock; null when office.js never ran). */
  office: OfficeMarks | null;
  rootMounted: number | null;
  documentEnd: number;
  domContentLoaded: number;
  firstSubject: string | null;
  rows: number;
  /** The pane's own user timing marks (`interlog:*`, addin/taskpane/main.ts), by name without the prefix. */
  marks: Record<string, number>;
  /** Requests that started before the history was painted, in start order. */
  requests: RequestTiming[];
}

/** OSFPerformance's marks that office.js sets while it starts (0: not reached). */
export interface OfficeMarks {
  officeExecuteStart: number;
  officeExecuteEnd: number;
  /** The host runtime (e.g. outlook-web-16.01.js) started executing; 0 without one (the stand-in harness). */
  hostInitializationStart: number;
  getAppContextStart: number;
  getAppContextEnd: number;
  createOMEnd: number;
  officeOnReady: number;
}

interface Probe {
  officeReady: number | null;
  rootMounted: number | null;
  historyInserted: number | null;
  historyPainted: number | null;
  firstSubject: string | null;
  rows: number;
}

/** What page.evaluate callbacks use of the browser (the bench code is compiled without the DOM library). */
interface BrowserPerformance {
  __timeToHistory?: Probe;
  OSFPerformance?: OfficeMarks;
  performance: {
    getEntriesByType(type: string): {
      name: string;
      startTime: number;
      responseEnd: number;
      transferSize: number;
      domContentLoadedEventEnd?: number;
    }[];
  };
}

/** Office.js files are office-js/<file> whether served by our server (development) or Microsoft's CDN. */
export function requestLabel(url: string): string {
  if (url.startsWith(OFFICE_CDN_FOLDER)) return `office-js/${new URL(url).pathname.slice(CDN_PATH.length)}`;
  const u = new URL(url);
  return u.pathname.replace(/\.[0-9a-f]{8,}\.js$/, '.js').replace(/^\//, '') || '/';
}
const CDN_PATH = new URL(OFFICE_CDN_FOLDER).pathname;

/**
 * Waits until the probe in `frame` (the pane's document: page.mainFrame() in the harness, the add-in frame in
 * Outlook on the web) has seen the history painted (`painted`: its message, see watchPainted), then reads it and
 * the frame's timing entries.
 */
export async function readLoadTiming(
  frame: Frame,
  painted: Promise<void>,
  timeoutMs: number,
): Promise<LoadTiming> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no history painted within ${timeoutMs} ms`)), timeoutMs);
  });
  await Promise.race([painted, timeout]).finally(() => clearTimeout(timer));
  // Arrow functions only in frame.evaluate (see PROBE_SCRIPT on __name).
  // No named functions inside (not even `const f = () => ...`): they would be wrapped in __name() as well.
  const raw = await frame.evaluate(() => {
    const w = globalThis as unknown as BrowserPerformance;
    const osf = w.OSFPerformance;
    return {
      probe: w.__timeToHistory!,
      office: osf
        ? {
            officeExecuteStart: osf.officeExecuteStart,
            officeExecuteEnd: osf.officeExecuteEnd,
            hostInitializationStart: osf.hostInitializationStart,
            getAppContextStart: osf.getAppContextStart,
            getAppContextEnd: osf.getAppContextEnd,
            createOMEnd: osf.createOMEnd,
            officeOnReady: osf.officeOnReady,
          }
        : null,
      navigation: w.performance.getEntriesByType('navigation').map((e) => ({
        end: e.responseEnd,
        dcl: e.domContentLoadedEventEnd ?? 0,
      }))[0],
      marks: w.performance
        .getEntriesByType('mark')
        .filter((e) => e.name.startsWith('interlog:'))
        .map((e) => [e.name.slice('interlog:'.length), e.startTime] as const),
      resources: w.performance.getEntriesByType('resource').map((e) => ({
        name: e.name,
        start: e.startTime,
        end: e.responseEnd,
        transferSize: e.transferSize,
      })),
    };
  });
  const p = raw.probe;
  return {
    historyPainted: p.historyPainted!,
    historyInserted: p.historyInserted!,
    officeReady: p.officeReady ?? (raw.office?.officeOnReady || null),
    office: raw.office,
    rootMounted: p.rootMounted,
    documentEnd: raw.navigation?.end ?? 0,
    domContentLoaded: raw.navigation?.dcl ?? 0,
    firstSubject: p.firstSubject,
    rows: p.rows,
    marks: Object.fromEntries(raw.marks),
    requests: raw.resources
      // Requests after the figure (more history on scroll) and the browser's own favicon.ico are not the pane's.
      .filter((r) => r.start < p.historyPainted! && !r.name.endsWith('/favicon.ico'))
      .sort((a, b) => a.start - b.start)
      .map((r) => ({
        label: requestLabel(r.name),
        start: r.start,
        end: r.end,
        transferSize: r.transferSize,
      })),
  };
}
