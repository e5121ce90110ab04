// GET /config, sent before the bundle runs: by taskpane.html's first script (earlyStart.ts), or, where that
// has not run (yet), when this module's body runs (imported first by main.ts, before React, Fluent and the rest are
// set up). The API client reads the answer as its first fetch's (validation, errors and retries as for any
// call): `withEarlyConfig`.
import { EARLY_CONFIG_KEY, configAnswer, type EarlyConfigHolder } from './earlyConfigKey.js';

const holder = globalThis as EarlyConfigHolder;
const early = holder[EARLY_CONFIG_KEY];
const sent = early && early !== 'taken' ? early : configAnswer();
holder[EARLY_CONFIG_KEY] = 'taken'; // an early script that runs after this sends nothing
const url = sent.url;
let answer: Promise<Response> | null = sent.config;

/** A fetch whose first GET /config gets the answer asked for at start; every other call is a plain fetch. */
export function withEarlyConfig(): typeof fetch {
  return (input, init) => {
    if (answer && String(input) === url && (init?.method ?? 'GET') === 'GET') {
      const first = answer;
      answer = null;
      return first;
    }
    return globalThis.fetch(input, init);
  };
}
