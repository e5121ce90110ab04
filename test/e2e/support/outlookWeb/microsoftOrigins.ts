// The Microsoft origins an add-in in Outlook on the web touches beyond Office.js's CDN folder (which
// newLocalContext already answers from the npm package, see serveOfficeCdn), served locally by network routing:
// the Outlook page itself and the stand-in MicrosoftAjax.js at the URL Outlook's host runtime loads it from.
// Nothing here touches the add-in's own responses or their CSP headers.
//
// Playwright runs the most recently registered matching route first, so these (registered after
// newLocalContext's "abort everything not local") win for exactly the URLs they match; every other request to
// these hosts (Outlook's other paths, telemetry) is still aborted.
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { repoRoot } from '../../../../scripts/lib/paths.js';

export const OUTLOOK_WEB_ORIGIN = 'https://outlook.office.com';
export const MICROSOFT_AJAX_URL = 'https://ajax.aspnetcdn.com/ajax/3.5/MicrosoftAjax.js';
const MICROSOFT_AJAX_FIXTURE = path.join(repoRoot, 'test', 'fixtures', 'outlook-web', 'MicrosoftAjax.js');

export interface HostPageRoute {
  /** Full URL of the stand-in Outlook page (on OUTLOOK_WEB_ORIGIN). */
  url: string;
  html: string;
}

export async function routeMicrosoftOrigins(context: BrowserContext, hostPage: HostPageRoute): Promise<void> {
  await context.route(MICROSOFT_AJAX_URL, (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/javascript; charset=utf-8',
      headers: { 'access-control-allow-origin': '*', 'cache-control': 'public, max-age=86400' },
      body: fs.readFileSync(MICROSOFT_AJAX_FIXTURE),
    }),
  );
  const pageUrl = new URL(hostPage.url);
  await context.route(
    (u) => u.origin === pageUrl.origin && u.pathname === pageUrl.pathname,
    (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: hostPage.html }),
  );
}
