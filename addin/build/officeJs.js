// Which Office.js the add-in pages load: the one decision, read by webpack.config.js, `npm start` and the tests.
// Plain JavaScript because webpack.config.js imports it (types in officeJs.d.ts).

/** Microsoft's CDN copy: the only Office.js Microsoft supports in production (AppSource validation requires it). */
export const CDN_OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
/** The copy of @microsoft/office-js that every build carries, for development, the offline demo and tests. */
export const LOCAL_OFFICE_JS = 'office-js/office.js';
/** Written next to the pages: what a build references (`npm start` rebuilds when it is not what it needs). */
export const BUILD_INFO_FILE = 'build-info.json';

/**
 * `setting` is OFFICE_JS_URL: a URL, or `local` for the local copy. Unset: the CDN in a production build, the
 * local copy in a development build.
 */
export function officeJsUrlFor(production, setting) {
  if (setting === 'local') return LOCAL_OFFICE_JS;
  return setting || (production ? CDN_OFFICE_JS : LOCAL_OFFICE_JS);
}
