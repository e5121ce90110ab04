// The pane's start-up watchdog. Office.onReady never settles when Outlook's host runtime cannot initialise (a
// Content-Security-Policy that blocks a script it loads, an unreachable CDN, a host that never answers), which
// would leave the user a blank pane. The watchdog gives Office.js a bound; past it the pane says why it could not
// start and reports the failure, and it keeps waiting, so a merely slow host still brings the pane up.
/// <reference types="office-js" />
import type { PaneStartFailureReport } from '../../shared/api/paneStart.js';
import { officeReady, type OfficeReadyInfo } from './ready.js';

/** How long Office.js gets before the pane says it could not start (Outlook on a slow network takes ~2-4 s). */
export const OFFICE_START_BOUND_MS = 8000;

/** Office's description of its host: `_host_Info=Outlook$Web$16.01$en-US$$$$0` (or `|`-separated). */
export interface HostInfo {
  host: string;
  platform: string;
  version: string;
  locale: string;
}

export function parseHostInfo(value: string | null | undefined): HostInfo | null {
  if (!value) return null;
  let items = value.split('$');
  if (items.length < 3) items = value.split('|');
  const token = (s: string | undefined) => (s ?? '').replace(/[^A-Za-z0-9._-]/g, '').slice(0, 40);
  return {
    host: token(items[0]),
    platform: token(items[1]),
    version: token(items[2]),
    locale: token(items[3]),
  };
}

/** The host info office.js reads: the page's query, else what it kept in sessionStorage on an earlier load. */
export function readHostInfo(
  search: string,
  storage: { getItem(key: string): string | null } | null,
): HostInfo | null {
  const fromQuery = new URLSearchParams(search).get('_host_Info');
  let stored: string | null = null;
  try {
    stored = storage?.getItem('hostInfoValue') ?? null;
  } catch {
    // Storage can be disabled in a locked-down webview; the query is then all there is.
  }
  return parseHostInfo(fromQuery ?? (stored ? decodeURIComponent(stored) : null));
}

/** What a page saw that explains a failed start. */
export interface StartEvidence {
  /** Whether the Office.js script ran at all (`window.Office` exists). */
  officeLoaded: boolean;
  /** Origins of scripts, frames or connections the page's CSP refused (`securitypolicyviolation`). */
  blockedOrigins: string[];
  hostInfo: HostInfo | null;
  /** An exception from Office.onReady or the pane's own start, if one was thrown. */
  error: unknown;
  waitedMs: number;
}

/** Pure: the report for the server (and the message for the user) from what the page saw. */
export function diagnoseStartFailure(e: StartEvidence): PaneStartFailureReport {
  const kind: PaneStartFailureReport['kind'] = !e.officeLoaded
    ? 'office_js_missing'
    : e.blockedOrigins.length > 0
      ? 'blocked_by_policy'
      : e.error !== null && e.error !== undefined
        ? 'start_error'
        : 'host_timeout';
  return {
    kind,
    host: e.hostInfo?.host ?? '',
    platform: e.hostInfo?.platform ?? '',
    hostVersion: e.hostInfo?.version ?? '',
    blockedOrigin: e.blockedOrigins[0] ?? null,
    waitedMs: Math.max(0, Math.min(600_000, Math.round(e.waitedMs))),
  };
}

/** The origin of a CSP violation's blocked URI, or null for non-URL values ('eval', 'inline', 'data'). */
export function blockedOriginOf(blockedURI: string): string | null {
  try {
    const u = new URL(blockedURI);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.origin : null;
  } catch {
    return null;
  }
}

export interface WatchOptions {
  /** `window.Office`: undefined when the Office.js script never ran. */
  office: typeof Office | undefined;
  boundMs?: number;
  /** Called once when the bound passes (or Office.js fails) before Office is ready. */
  onStuck: (report: PaneStartFailureReport) => void;
  /** Subscribes to the page's CSP violations; returns an unsubscribe. */
  watchViolations: (onOrigin: (origin: string) => void) => () => void;
  hostInfo: HostInfo | null;
  now?: () => number;
}

/**
 * Resolves when Office is ready (however late). Before that, if Office.js is missing, throws, or the bound
 * passes, `onStuck` gets the diagnosis once; the promise stays pending for a late onReady.
 */
export function watchOfficeStart(o: WatchOptions): Promise<OfficeReadyInfo> {
  const now = o.now ?? (() => performance.now());
  const started = now();
  const blockedOrigins: string[] = [];
  const stopWatching = o.watchViolations((origin) => {
    if (!blockedOrigins.includes(origin)) blockedOrigins.push(origin);
  });
  let reported = false;
  const stuck = (error: unknown) => {
    if (reported) return;
    reported = true;
    o.onStuck(
      diagnoseStartFailure({
        officeLoaded: o.office !== undefined,
        blockedOrigins,
        hostInfo: o.hostInfo,
        error,
        waitedMs: now() - started,
      }),
    );
  };
  if (!o.office) {
    stuck(null);
    return new Promise<OfficeReadyInfo>(() => {});
  }
  const timer = setTimeout(() => stuck(null), o.boundMs ?? OFFICE_START_BOUND_MS);
  return officeReady(o.office).then(
    (info) => {
      clearTimeout(timer);
      stopWatching();
      return info;
    },
    (error: unknown) => {
      clearTimeout(timer);
      stuck(error);
      return new Promise<OfficeReadyInfo>(() => {});
    },
  );
}
