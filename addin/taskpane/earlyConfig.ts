// GET /config, sent before the bundle runs: by taskpane.html's first script (earlyStart.ts), or, where that
// did not run, when this module's body runs (imported first by main.ts, before React, Fluent and the rest are
// set up). The API client reads the answer as its first fetch's (validation, errors and retries as for any
// call): `withEarlyConfig`.
import { apiPath } from '../../shared/api/routes.js';
import { EARLY_CONFIG_KEY, type EarlyConfigHolder } from './earlyConfigKey.js';

const url = `${location.origin}${apiPath('config')}`;
const holder = globalThis as EarlyConfigHolder;
let early: Promise<Response> | null =
  holder[EARLY_CONFIG_KEY]?.url === url
    ? holder[EARLY_CONFIG_KEY].config
    : fetch(url, {
        method: 'GET',
        headers: { accept: 'application/json, application/problem+json' },
        credentials: 'omit',
      });
delete holder[EARLY_CONFIG_KEY];
early.catch(() => {}); // The client's call reports a failure (and tries again, as for any read).

/** A fetch whose first GET /config gets the answer asked for at start; every other call is a plain fetch. */
export function withEarlyConfig(): typeof fetch {
  return (input, init) => {
    if (early && String(input) === url && (init?.method ?? 'GET') === 'GET') {
      const answer = early;
      early = null;
      return answer;
    }
    return globalThis.fetch(input, init);
  };
}
