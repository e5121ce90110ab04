// GET /config sent ahead of the bundle, and where taskpane.html's first script (earlyStart.ts) leaves it for the
// bundle (earlyConfig.ts): two entries of the build, so a global rather than a shared module instance.
import { apiPath } from '../../shared/api/routes.js';

export const EARLY_CONFIG_KEY = '__interlogEarlyConfig';

export interface EarlyConfigHolder {
  /** The early request, until the bundle takes it; 'taken' once the bundle has its /config (sent by whichever
   *  script ran first: the early one is async, and may arrive after the bundle has run). */
  [EARLY_CONFIG_KEY]?: { url: string; config: Promise<Response> } | 'taken';
}

/** Sends GET /config as the API client would (no token); a failure is reported by the client's own call. */
export function sendConfigRequest(): { url: string; config: Promise<Response> } {
  const url = `${location.origin}${apiPath('config')}`;
  const config = fetch(url, {
    method: 'GET',
    headers: { accept: 'application/json, application/problem+json' },
    credentials: 'omit',
  });
  config.catch(() => {});
  return { url, config };
}
