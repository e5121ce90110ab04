// taskpane.html's first script, a few hundred bytes in the page's head before Office.js: sends GET /config as
// soon as the page starts, while Office.js and the pane's bundle download and start (~150 ms on a quiet machine,
// more on a busy one). The bundle takes the answer over (earlyConfig.ts). Nothing here but fetch and the route.
import { EARLY_CONFIG_KEY, sendConfigRequest, type EarlyConfigHolder } from './earlyConfigKey.js';

(globalThis as EarlyConfigHolder)[EARLY_CONFIG_KEY] = sendConfigRequest();
