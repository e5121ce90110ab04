// Where taskpane.html's first script (earlyStart.ts) leaves the GET /config it sent for the bundle
// (earlyConfig.ts): two entries of the build, so a global rather than a shared module.
export const EARLY_CONFIG_KEY = '__interlogEarlyConfig';

export interface EarlyConfigHolder {
  [EARLY_CONFIG_KEY]?: { url: string; config: Promise<Response> };
}
