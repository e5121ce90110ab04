// taskpane.html entry: ask for GET /config at once, wait for Office.js (with a watchdog: a host runtime that never
// initialises must not leave a blank pane), open the session, send the first lookup, then run the UI's chunk
// (ui.ts: React and the views, preloaded by the page) and mount the pane. Nothing here imports React: the UI runs
// while the first token is on its way, not before Office.js may start. The server that serves this page is the
// API (same origin). `?devUser=` picks the dev user when the server runs in dev auth mode.
/// <reference types="office-js" />
// First: its body sends GET /config before the rest of the bundle is set up.
import { withEarlyConfig } from './earlyConfig.js';
import { loadContract } from '../api/contractLoader.js';
import { paneLocale, prepareDateTimeFormat } from '../i18n/format.js';
import type { PaneStartFailureReport } from '../../shared/api/paneStart.js';
import { createApiClient } from '../api/client.js';
import { createOfficeHost } from '../office/host.js';
import {
  blockedOriginOf,
  diagnoseStartFailure,
  readHostInfo,
  watchOfficeStart,
} from '../office/startWatchdog.js';
import { firstLookupAsked, sendFirstLookup } from './state/firstLookup.js';
import type * as UiModule from './ui.js';
import { fetchConfig, openSession, type PaneEnvironment } from './state/session.js';

const api = createApiClient({ baseUrl: location.origin });
const hostInfo = readHostInfo(location.search, sessionStorageOrNull());
const startedAt = performance.now();
let failureShown = false;
// Asked at the bundle's start (earlyConfig.ts), while Office.js starts (it needs no token and nothing of Office):
// the pane's first calls wait for it otherwise. A failure is the session's to report, once the pane shows.
const config = fetchConfig({ baseUrl: location.origin, fetch: withEarlyConfig() });
config.catch(() => {});
// The answer schemas (zod) come in a chunk of their own, asked for now so that it arrives while Office.js starts.
loadContract().catch(() => {}); // the first call that needs it asks again, and reports a failure

/** The UI's chunk (ui.ts), asked for once: taskpane.html preloads it, so asking runs it. */
let ui: Promise<typeof UiModule> | null = null;
function loadUi(): Promise<typeof UiModule> {
  ui ??= import(/* webpackChunkName: "taskpane-ui" */ './ui.js').catch((e: unknown) => {
    ui = null;
    throw e;
  });
  return ui;
}

/** Framed by Outlook on the web (another site), the pane may be denied storage: reading it then throws. */
function sessionStorageOrNull(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

function rootElement(): HTMLElement {
  const element = document.getElementById('root');
  if (!element) throw new Error('taskpane.html has no #root element');
  return element;
}

function showStartFailure(report: PaneStartFailureReport): void {
  failureShown = true;
  const shown = loadUi().then(
    (m) =>
      m.showStartFailure(rootElement(), report, hostInfo?.locale || navigator.language, () =>
        location.reload(),
      ),
    (e: unknown) => {
      // Not even the UI's chunk arrived: plain words, so the pane is never blank.
      rootElement().textContent = 'Interlog could not start. Close the pane and open it again.';
      console.error('Interlog: the pane could not load', e);
      return () => {};
    },
  );
  // Reported whether or not the message could be shown.
  api.reportPaneStartFailure(report).then(
    () => shown.then((reported) => reported()),
    (e: unknown) => console.warn('Interlog: the start failure could not be reported', e),
  );
}

/**
 * CSP violations of this page, those before the bundle ran included: office.js runs first and may be refused a
 * script before this code exists, which the `securitypolicyviolation` event would miss; a buffered
 * ReportingObserver (where the browser has one) still reports it.
 */
function watchViolations(onOrigin: (origin: string) => void): () => void {
  const seen = (uri: string | undefined) => {
    const origin = uri ? blockedOriginOf(uri) : null;
    if (origin) onOrigin(origin);
  };
  const listener = (e: SecurityPolicyViolationEvent) => seen(e.blockedURI);
  document.addEventListener('securitypolicyviolation', listener);
  let observer: ReportingObserver | null = null;
  if (typeof ReportingObserver === 'function') {
    observer = new ReportingObserver(
      (reports) => {
        for (const r of reports) seen((r.body as { blockedURL?: string } | null)?.blockedURL);
      },
      { types: ['csp-violation'], buffered: true },
    );
    observer.observe();
  }
  return () => {
    document.removeEventListener('securitypolicyviolation', listener);
    observer?.disconnect();
  };
}

/** The longest the mount waits for the first lookup to leave. */
const MOUNT_WAIT_MS = 400;

async function start(): Promise<void> {
  await watchOfficeStart({
    office: (globalThis as { Office?: typeof Office }).Office,
    hostInfo,
    watchViolations,
    onStuck: showStartFailure,
  });
  performance.mark('interlog:office-ready'); // user timing marks: where a cold start's time goes (bench/addin)
  // A host that answered after the bound: the pane replaces the failure message.
  if (failureShown) (await loadUi()).hideStartFailure();
  if (!Office.context?.mailbox) {
    // A browser tab, not Outlook (Office.js found no host, so no mailbox): a sign-in would only end in
    // "cancelled" (there are no Office dialogs here), and there is no email to show.
    (await loadUi()).showOutsideOutlook(rootElement(), hostInfo?.locale || navigator.language);
    return;
  }
  const env: PaneEnvironment = {
    host: createOfficeHost(Office),
    baseUrl: location.origin,
    devUser: new URLSearchParams(location.search).get('devUser'),
  };
  // The first token (it needs Office's user address) is asked for now, and the first lookup as soon as it is
  // there. The UI's chunk runs once the token is asked for (not before: its run would hold the request up).
  env.session = config.then((c) => openSession(env, c));
  // /me goes right after it: the view of the lookup's answer waits for /me, which the pane would otherwise ask
  // only once React has mounted (in the benchmark's paired loads 407 -> 389 ms median, n=25: within that
  // measurement's noise on 2 busy cores; over a real network it saves /me's round trip after the mount).
  const lookupAsked = env.session.then(async (s) => {
    sendFirstLookup(s.api, env.host, s.config.internalDomains);
    await firstLookupAsked();
    return s;
  });
  lookupAsked.then((s) => s.me()).catch(() => {});
  // The first lookup has left: it was handed to the API client and the token settled, then a task (the token's
  // continuations, the lookup's fetch among them, have run by then). What would hold the request up waits for it.
  const lookupLeft = lookupAsked
    .then((s) => s.auth.getAccessToken().catch(() => {}))
    .catch(() => {})
    .then(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  // The history's date format, made during the lookup's round trip: a page's first Intl formatter loads the
  // locale's data, ~20 ms of a cold history render otherwise, and ~20 ms more before the lookup if made earlier.
  void lookupLeft.then(() => prepareDateTimeFormat({ locale: paneLocale(env.host.displayLanguage) }));
  await env.session.catch(() => {}); // a failure is the mounted pane's to show
  performance.mark('interlog:token-asked');
  const { mountTaskpane } = await loadUi();
  performance.mark('interlog:ui-ran');
  // React's first render and commit hold the page's thread for ~40 ms and do not yield: made while the token's
  // answer arrived, they held the first lookup up until they ended (25-40 ms between the token's answer and the
  // lookup's request in the benchmark's timelines; 4-24 ms since). So the pane mounts once the lookup has left,
  // and at most MOUNT_WAIT_MS after the UI ran (a sign-in that needs the user must not keep the pane blank).
  await Promise.race([lookupLeft, new Promise((resolve) => setTimeout(resolve, MOUNT_WAIT_MS))]);
  mountTaskpane(rootElement(), env);
}

start().catch((error: unknown) => {
  console.error('Interlog add-in failed to start', error);
  showStartFailure(
    diagnoseStartFailure({
      officeLoaded: true,
      blockedOrigins: [],
      hostInfo,
      error,
      waitedMs: performance.now() - startedAt,
    }),
  );
});
