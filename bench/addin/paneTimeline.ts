// The notes' account of where a pane load's time went: a median timeline of the requests and of office.js's own
// start-up marks, and consecutive phases, from the LoadTimings paneProbe.ts reads.
import { median, round } from '../lib/results.js';
import type { LoadTiming, OfficeMarks } from './paneProbe.js';

const ms = (n: number) => String(Math.round(n));
/** Office.js's host-specific runtime, e.g. office-js/outlook-web-16.01.js. */
const HOST_RUNTIME = /^office-js\/[a-z]+-(web|win32|mac|ios|android)-[0-9.]+\.js$/;

/**
 * Median timeline of several loads, for the notes: each request's median start-end (office-js files other than
 * office.js and a host runtime summed up as one group), office.js's start-up marks, the pane mounting, the
 * history row inserted and painted.
 */
export function describeTimeline(loads: LoadTiming[]): string {
  if (loads.length === 0) return 'no loads';
  const med = (f: (l: LoadTiming) => number | null | undefined) => {
    const values = loads.map(f).filter((v): v is number => typeof v === 'number');
    return values.length ? median(values) : null;
  };
  const isOfficeExtra = (label: string) =>
    label.startsWith('office-js/') && label !== 'office-js/office.js' && !HOST_RUNTIME.test(label);
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
  const mark = (k: keyof OfficeMarks) => med((l) => l.office?.[k] || null);
  const [runStart, runEnd] = [mark('officeExecuteStart'), mark('officeExecuteEnd')];
  if (runStart !== null && runEnd !== null) parts.push(`office.js executed ${ms(runStart)}-${ms(runEnd)}`);
  const hostRuntime = mark('hostInitializationStart');
  if (hostRuntime !== null) parts.push(`host runtime executing ${ms(hostRuntime)}`);
  const [askedApp, answeredApp] = [mark('getAppContextStart'), mark('getAppContextEnd')];
  if (askedApp !== null && answeredApp !== null)
    parts.push(`app context asked-answered ${ms(askedApp)}-${ms(answeredApp)}`);
  const om = mark('createOMEnd');
  if (om !== null) parts.push(`object model created ${ms(om)}`);
  const ready = med((l) => l.officeReady);
  if (ready !== null) parts.push(`Office.onReady ${ms(ready)}`);
  for (const name of [...new Set(loads.flatMap((l) => Object.keys(l.marks)))]) {
    const at = med((l) => l.marks[name] ?? null);
    if (at !== null) parts.push(`pane's ${name} ${ms(at)}`);
  }
  const mounted = med((l) => l.rootMounted);
  if (mounted !== null) parts.push(`pane mounted ${ms(mounted)}`);
  parts.push(`history row inserted ${ms(med((l) => l.historyInserted)!)}`);
  parts.push(`painted ${ms(med((l) => l.historyPainted)!)}`);
  return parts.join('; ');
}

/** Where the time went, in consecutive phases (medians of per-load durations, ms). */
export function describePhases(loads: LoadTiming[]): string {
  const phase = (l: LoadTiming): Record<string, number> | null => {
    const find = (label: string) => l.requests.find((r) => r.label === label);
    const office = find('office-js/office.js');
    const bundle = find('taskpane.js');
    const token = find('api/v1/dev/token');
    const me = find('api/v1/me');
    const lookup = find('api/v1/lookup');
    const tokenAsked = l.marks['token-asked'];
    if (!office || !bundle || !token || !me || !lookup || tokenAsked === undefined) return null;
    if (l.officeReady === null || l.rootMounted === null) return null;
    const scripts = Math.max(office.end, bundle.end);
    // office.js starts up when it has arrived; the deferred bundle runs before DOMContentLoaded. The pane mounts
    // once both are done (its main.ts awaits Office.onReady), whichever comes last.
    const bothReady = Math.max(l.domContentLoaded, l.officeReady);
    // With a host runtime (Outlook on the web), office.js's start-up also downloads it and MicrosoftAjax.js and
    // asks the host over XDM: parts of the start-up phase, shown beside it.
    const hostFiles = l.requests.filter(
      (r) => HOST_RUNTIME.test(r.label) || r.label.endsWith('MicrosoftAjax.js'),
    );
    const host: Record<string, number> =
      hostFiles.length > 0 && l.office?.getAppContextEnd
        ? {
            '(of it: office.js -> host runtime and MicrosoftAjax.js downloaded)':
              Math.max(...hostFiles.map((r) => r.end)) - office.end,
            '(of it: app context asked -> answered over XDM)':
              l.office.getAppContextEnd - l.office.getAppContextStart,
            '(of it: app context answered -> Office.onReady)': l.officeReady - l.office.getAppContextEnd,
          }
        : {};
    return {
      'document, office.js and taskpane.js downloaded': scripts,
      'office.js start-up and the bundle run (-> DOMContentLoaded and Office.onReady)': bothReady - scripts,
      ...host,
      // The configuration (carried by the page, else GET /config) and its schemas, then the session opened.
      '-> token asked': tokenAsked - bothReady,
      'the token (GET /dev/token)': token.end - token.start,
      'token -> /lookup sent': lookup.start - token.end,
      '/lookup': lookup.end - lookup.start,
      // The mount runs while the lookup is on its way (main.ts); the view of its answer waits for /me too.
      '(the pane mounted, after the lookup left)': l.rootMounted - lookup.start,
      '/me answered after the lookup': Math.max(0, me.end - lookup.end),
      'render (answers -> row inserted)': l.historyInserted - Math.max(lookup.end, me.end),
      'paint (inserted -> painted)': l.historyPainted - l.historyInserted,
    };
  };
  const rows = loads.map(phase).filter((p) => p !== null);
  if (rows.length === 0) return 'phases: requests not found in the timing entries';
  return Object.keys(rows[0]!)
    .map((k) => `${k} ${round(median(rows.flatMap((r) => (k in r ? [r[k]!] : []))), 0)}`)
    .join(', ');
}
