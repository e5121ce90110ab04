// What the page itself measures, on its own clock (performance.now(): ms since navigation start). An init script
// watches the DOM and notes when the pane first mounts, when the first row of the history list is inserted and
// when the frame showing it has been painted; the page's navigation and resource timing entries say where the
// time before that went (Office.js, the bundle, sign-in, the lookup).
import type { Page } from 'playwright-core';
import { median, round } from '../lib/results.js';

/** The history section's heading in English (addin/i18n/en.ts history.title); the pane runs in en-US. */
export const HISTORY_HEADING = 'Interaction log entries';

/**
 * The init script. Plain ES5 text, not a compiled function: tsx wraps named functions in __name(), which does
 * not exist in the page. Top frame only (office.js may add a telemetry iframe).
 */
export const PROBE_SCRIPT = `(function (heading) {
  if (window.top !== window) return;
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
      channel.port1.onmessage = function () { probe.historyPainted = performance.now(); };
      channel.port2.postMessage(null);
    });
  });
  observer.observe(document, { childList: true, subtree: true });
})(${JSON.stringify(HISTORY_HEADING)});`;

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
  /** Office.onReady called back (the stand-in Outlook's callback, which runs before the pane's). */
  officeReady: number | null;
  rootMounted: number | null;
  documentEnd: number;
  domContentLoaded: number;
  firstSubject: string | null;
  rows: number;
  /** Requests that started before the history was painted, in start order. */
  requests: RequestTiming[];
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

export function requestLabel(url: string): string {
  const u = new URL(url);
  return u.pathname.replace(/\.[0-9a-f]{8,}\.js$/, '.js').replace(/^\//, '') || '/';
}

/** Waits until the probe has seen the history painted, then reads it and the page's timing entries. */
export async function readLoadTiming(page: Page, timeoutMs: number): Promise<LoadTiming> {
  // Arrow functions only in page.evaluate (see PROBE_SCRIPT on __name).
  await page.waitForFunction(
    () => (globalThis as unknown as BrowserPerformance).__timeToHistory?.historyPainted != null,
    null,
    { timeout: timeoutMs, polling: 50 },
  );
  // No named functions inside (not even `const f = () => ...`): they would be wrapped in __name() as well.
  const raw = await page.evaluate(() => {
    const w = globalThis as unknown as BrowserPerformance;
    return {
      probe: w.__timeToHistory!,
      navigation: w.performance.getEntriesByType('navigation').map((e) => ({
        end: e.responseEnd,
        dcl: e.domContentLoadedEventEnd ?? 0,
      }))[0],
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
    officeReady: p.officeReady,
    rootMounted: p.rootMounted,
    documentEnd: raw.navigation?.end ?? 0,
    domContentLoaded: raw.navigation?.dcl ?? 0,
    firstSubject: p.firstSubject,
    rows: p.rows,
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

const ms = (n: number) => String(Math.round(n));

/**
 * Median timeline of several loads, for the notes: each request's median start-end (office-js files other than
 * office.js summed up as one group), the pane mounting, the history row inserted and painted.
 */
export function describeTimeline(loads: LoadTiming[]): string {
  if (loads.length === 0) return 'no loads';
  const med = (f: (l: LoadTiming) => number | null | undefined) => {
    const values = loads.map(f).filter((v): v is number => typeof v === 'number');
    return values.length ? median(values) : null;
  };
  const isOfficeExtra = (label: string) => label.startsWith('office-js/') && label !== 'office-js/office.js';
  const labels = [...new Set(loads.flatMap((l) => l.requests.map((r) => r.label)))].filter(
    (label) => !isOfficeExtra(label),
  );
  const parts: string[] = [`document 0-${ms(med((l) => l.documentEnd)!)}`];
  for (const label of labels) {
    const start = med((l) => l.requests.find((r) => r.label === label)?.start);
    const end = med((l) => l.requests.find((r) => r.label === label)?.end);
    const seen = loads.filter((l) => l.requests.some((r) => r.label === label)).length;
    if (start === null || end === null) continue;
    parts.push(
      `${label} ${ms(start)}-${ms(end)}${seen < loads.length ? ` (in ${seen} of ${loads.length})` : ''}`,
    );
  }
  const extras = loads.map((l) => l.requests.filter((r) => isOfficeExtra(r.label)));
  const extraCount = median(extras.map((e) => e.length));
  if (extraCount > 0) {
    const names = [...new Set(extras.flat().map((r) => r.label.slice('office-js/'.length)))];
    const lastEnd = med((l) =>
      Math.max(0, ...l.requests.filter((r) => isOfficeExtra(r.label)).map((r) => r.end)),
    );
    parts.push(`${extraCount} more office-js files (${names.join(', ')}) ending at ${ms(lastEnd!)}`);
  }
  parts.push(`DOMContentLoaded ${ms(med((l) => l.domContentLoaded)!)}`);
  const ready = med((l) => l.officeReady);
  if (ready !== null) parts.push(`Office.onReady ${ms(ready)}`);
  const mounted = med((l) => l.rootMounted);
  if (mounted !== null) parts.push(`pane mounted ${ms(mounted)}`);
  parts.push(`history row inserted ${ms(med((l) => l.historyInserted)!)}`);
  parts.push(`painted ${ms(med((l) => l.historyPainted)!)}`);
  return parts.join('; ');
}

/** Where the time went, in consecutive phases (medians of per-load durations, ms). */
export function describePhases(loads: LoadTiming[]): string {
  const phase = (l: LoadTiming) => {
    const find = (label: string) => l.requests.find((r) => r.label === label);
    const office = find('office-js/office.js');
    const bundle = find('taskpane.js');
    const config = find('api/v1/config');
    const me = find('api/v1/me');
    const lookup = find('api/v1/lookup');
    if (!office || !bundle || !config || !me || !lookup || l.officeReady === null || l.rootMounted === null)
      return null;
    const scripts = Math.max(office.end, bundle.end);
    // office.js starts up when it has arrived; the deferred bundle runs before DOMContentLoaded. The pane mounts
    // once both are done (its main.ts awaits Office.onReady), whichever comes last.
    const bothReady = Math.max(l.domContentLoaded, l.officeReady);
    return {
      'document, office.js and taskpane.js downloaded': scripts,
      'office.js start-up and the bundle run (-> DOMContentLoaded and Office.onReady)': bothReady - scripts,
      '-> pane mounted': l.rootMounted - bothReady,
      'mounted -> /config sent': config.start - l.rootMounted,
      'sign-in (/config, dev token, /me)': me.end - config.start,
      '/me -> /lookup sent': lookup.start - me.end,
      '/lookup': lookup.end - lookup.start,
      'render (answer -> row inserted)': l.historyInserted - lookup.end,
      'paint (inserted -> painted)': l.historyPainted - l.historyInserted,
    };
  };
  const rows = loads.map(phase).filter((p) => p !== null);
  if (rows.length === 0) return 'phases: requests not found in the timing entries';
  return Object.keys(rows[0]!)
    .map((k) => `${k} ${round(median(rows.map((r) => r[k as keyof typeof r])), 0)}`)
    .join(', ');
}
