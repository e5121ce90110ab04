// The task pane's page with the client configuration in it (shared/pageConfig.ts): a JSON data block, which no
// browser runs (the page's Content-Security-Policy has nothing to allow), placed before the page's first script so
// that whichever script runs first finds it. The page is small and read per request: a new build is served at
// once, and its Cache-Control (no-cache) and ETag are those of any page that names its build's bundles.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { RequestHandler } from 'express';
import { PAGE_CONFIG_ELEMENT_ID } from '../../shared/pageConfig.js';
import { CACHE_REVALIDATE } from './staticFiles.js';

/** JSON that cannot end the data block or open a comment in it: every `<` written as `\u003c`. */
const scriptSafeJson = (value: unknown) => JSON.stringify(value).replaceAll('<', '\\u003c');

/** `html` with `config` in a data block before its first script (at the end of its head if it has none). */
export function withPageConfig(html: string, config: unknown): string {
  const block = `<script type="application/json" id="${PAGE_CONFIG_ELEMENT_ID}">${scriptSafeJson(config)}</script>`;
  const at = html.search(/<script\b|<\/head>/i);
  if (at < 0) throw new Error('the page has neither a script nor a </head> to put its configuration before');
  return html.slice(0, at) + block + html.slice(at);
}

/** Serves `file` (the built taskpane.html) with `config()` in it; passes on when the build has no such page. */
export function pageWithConfig(file: string, config: () => unknown): RequestHandler {
  return (_req, res, next) => {
    fs.readFile(path.resolve(file), 'utf8').then(
      (html) => {
        res.setHeader('Cache-Control', CACHE_REVALIDATE);
        res.type('html').send(withPageConfig(html, config()));
      },
      () => next(),
    );
  };
}
