// Imported first by main.ts, so that this body runs when the bundle starts to run, before React, Fluent and the
// contract's schemas are set up (~200 ms on a quiet machine, more on a busy one): GET /config leaves then, not
// after. Nothing here but fetch and the routes table. The API client reads the answer as its first fetch's
// (validation, errors and retries as for any call): `withEarlyConfig`.
import { apiPath } from '../../shared/api/routes.js';

const url = `${location.origin}${apiPath('config')}`;
let early: Promise<Response> | null = fetch(url, {
  method: 'GET',
  headers: { accept: 'application/json, application/problem+json' },
  credentials: 'omit',
});
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
