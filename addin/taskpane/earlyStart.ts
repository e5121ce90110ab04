// taskpane.html's first script, a few hundred bytes in the page's head before Office.js: sends GET /config as
// soon as it arrives, while Office.js and the pane's bundle download and start (~150 ms on a quiet machine, more
// on a busy one). The bundle takes the answer over (earlyConfig.ts). Nothing here but fetch and the route.
// Async: it does not hold up the parser (Office.js waited for it while it was a plain script, 100-150 ms of a
// busy cold load); if it comes after the bundle has run, the bundle has sent its own and this sends nothing.
import { EARLY_CONFIG_KEY, configAnswer, type EarlyConfigHolder } from './earlyConfigKey.js';

const holder = globalThis as EarlyConfigHolder;
holder[EARLY_CONFIG_KEY] ??= configAnswer();
