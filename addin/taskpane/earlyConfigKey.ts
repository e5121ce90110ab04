// GET /config's answer, read from the page or sent ahead of the bundle, and where taskpane.html's first script
// (earlyStart.ts) leaves it for the bundle (earlyConfig.ts): two entries of the build, so a global rather than a
// shared module instance.
import { apiPath } from '../../shared/api/routes.js';
import { PAGE_CONFIG_ELEMENT_ID } from '../../shared/pageConfig.js';

export const EARLY_CONFIG_KEY = '__interlogEarlyConfig';

export interface EarlyConfigHolder {
  /** The early request, until the bundle takes it; 'taken' once the bundle has its /config (sent by whichever
   *  script ran first: the early one is async, and may arrive after the bundle has run). */
  [EARLY_CONFIG_KEY]?: { url: string; config: Promise<Response> } | 'taken';
}

/**
 * GET /config's answer: the one the page carries (shared/pageConfig.ts: the server wrote it into taskpane.html),
 * as a response of its own, else sent as the API client would (no token). The client checks either against the
 * contract; a failure is reported by its own call.
 */
export function configAnswer(): { url: string; config: Promise<Response> } {
  const url = `${location.origin}${apiPath('config')}`;
  const carried = document.getElementById(PAGE_CONFIG_ELEMENT_ID)?.textContent;
  if (carried) {
    const headers = { 'content-type': 'application/json' };
    return { url, config: Promise.resolve(new Response(carried, { status: 200, headers })) };
  }
  const config = fetch(url, {
    method: 'GET',
    headers: { accept: 'application/json, application/problem+json' },
    credentials: 'omit',
  });
  config.catch(() => {});
  return { url, config };
}
