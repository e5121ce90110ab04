// Response headers: the add-in pages must be framable by Outlook and must let Office.js and Outlook's host
// runtime load what they load; the API and the admin console are framed by nobody. This file is the one place
// that decides the pages' Content-Security-Policy: every allowed source is listed with the reason it is there.
import helmet from 'helmet';
import type { RequestHandler } from 'express';

/** A CSP source and why the add-in pages need it. */
interface Source {
  source: string;
  why: string;
}

const self: Source = { source: "'self'", why: "the pages' own bundles, API calls and dialogs (same origin)" };

/** Scripts of the add-in pages. No 'unsafe-eval' (zod runs jitless) and no 'unsafe-inline'. */
export const ADDIN_SCRIPT_SOURCES: Source[] = [
  self,
  {
    source: 'https://appsforoffice.microsoft.com',
    why:
      "Office.js from Microsoft's CDN (the only copy supported in production) and the files it loads from its " +
      'own folder: the host runtime (outlook-web-16.01.js, outlook-win32-16.02.js, ...), strings, telemetry',
  },
  {
    source: 'https://ajax.aspnetcdn.com',
    why:
      "MicrosoftAjax.js, which Outlook's host runtimes (web, new Outlook, classic Outlook) always load into the " +
      'add-in page; blocked, Office.onReady never resolves and the pane stays blank (OfficeDev/office-js #1005, ' +
      '#4131)',
  },
];

/** fetch/XHR targets of the add-in pages. */
export const ADDIN_CONNECT_SOURCES: Source[] = [
  self,
  { source: 'https://login.microsoftonline.com', why: 'MSAL: token and discovery requests to Entra ID' },
  {
    // Allowed rather than blocked: Office.js sends it only when the host allows diagnostic logging (the
    // tenant's Office privacy settings decide, OSF getLoggingAllowed), it carries Office.js's own events, not
    // the pane's data, and a blocked request would put a CSP violation on every page load, hiding real ones
    // (the pane's start watchdog reports blocked origins).
    source: 'https://browser.pipe.aria.microsoft.com',
    why: "Office.js's own telemetry collector (oteljs), governed by the tenant's Office diagnostic-data policy",
  },
];

/** Frames the add-in pages open. */
export const ADDIN_FRAME_SOURCES: Source[] = [
  self,
  { source: 'https://login.microsoftonline.com', why: 'MSAL silent sign-in frames' },
  {
    source: 'https://appsforoffice.microsoft.com',
    why:
      "Office.js's host-trust check page (AgaveErrorUX), which outlook-web-16.01.js frames when the framing " +
      'origin is not on its built-in list (outlook.cloud.microsoft is not, in office-js 1.1.110)',
  },
];

/**
 * Who may frame the add-in pages: Outlook on the web and the new Outlook for Windows (the same web app in
 * WebView2). Microsoft documents no list for add-ins; these are the Outlook origins office.js itself trusts
 * (outlook-web-16.01.js isHostOriginTrusted), plus outlook.cloud.microsoft (Microsoft's unified domain for
 * Outlook on the web). Classic Outlook for Windows (WebView2), Outlook for Mac (WKWebView), iOS and Android show
 * the pane as a top-level webview document (their host scripts talk through window.external/webkit handlers,
 * not a parent frame), where frame-ancestors does not apply. Not Excel/Word hosts (*.officeapps.live.com), not
 * Microsoft's internal rings, not national clouds (add them for such a deployment). Our own pages frame none.
 */
export const OUTLOOK_FRAME_ANCESTORS: Source[] = [
  { source: 'https://outlook.office.com', why: 'Outlook on the web and the new Outlook (work or school)' },
  { source: 'https://outlook.office365.com', why: 'Outlook on the web (work or school, older address)' },
  { source: 'https://outlook.cloud.microsoft', why: "Outlook on the web's cloud.microsoft address" },
  { source: 'https://outlook.live.com', why: 'Outlook.com and the new Outlook with a personal account' },
];

const sources = (list: Source[]) => list.map((s) => s.source);

function pageHelmet(o: { scripts: Source[]; frameAncestors: string[] }): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: sources(o.scripts),
        styleSrc: ["'self'", "'unsafe-inline'"], // Fluent UI (Griffel) injects style elements at run time.
        imgSrc: ["'self'", 'data:'],
        connectSrc: sources(ADDIN_CONNECT_SOURCES),
        frameSrc: sources(ADDIN_FRAME_SOURCES),
        frameAncestors: o.frameAncestors,
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
    },
    frameguard: false, // X-Frame-Options cannot express an allow-list; CSP frame-ancestors does.
    crossOriginEmbedderPolicy: false,
  });
}

export const addinPageHeaders = pageHelmet({
  scripts: ADDIN_SCRIPT_SOURCES,
  frameAncestors: sources(OUTLOOK_FRAME_ANCESTORS),
});
/** The admin console: a plain browser page that loads no Office.js and that nobody frames. */
export const privatePageHeaders = pageHelmet({ scripts: [self], frameAncestors: ["'none'"] });

export const apiHeaders: RequestHandler = helmet({
  contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  frameguard: { action: 'deny' },
});
