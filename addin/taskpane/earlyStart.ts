// taskpane.html's first script, a few hundred bytes in the page's head before Office.js: sends GET /config as
// soon as the page starts, while Office.js and the pane's bundle download and start (~150 ms on a quiet machine,
// more on a busy one). The bundle takes the answer over (earlyConfig.ts). Nothing here but fetch and the route.
import { apiPath } from '../../shared/api/routes.js';
import { EARLY_CONFIG_KEY, type EarlyConfigHolder } from './earlyConfigKey.js';

const url = `${location.origin}${apiPath('config')}`;
const config = fetch(url, {
  method: 'GET',
  headers: { accept: 'application/json, application/problem+json' },
  credentials: 'omit',
});
config.catch(() => {}); // the client's call reports a failure (and tries again, as for any read)
(globalThis as EarlyConfigHolder)[EARLY_CONFIG_KEY] = { url, config };
