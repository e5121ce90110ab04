import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  BUILD_INFO_FILE,
  CDN_OFFICE_JS,
  LOCAL_OFFICE_JS,
  officeJsUrlFor,
} from '../../../addin/build/officeJs.js';
import { ADDIN_DIST, assertAddinBuilt } from '../../e2e/support/addinServer.js';

interface HtmlPlugin {
  userOptions?: { filename: string; officeJsUrl: string | null };
}

interface WebpackConfigModule {
  default: (env: object, argv: { mode: string }) => { plugins: HtmlPlugin[] };
  pages: { name: string; officeJs: boolean }[];
}

// Plain JavaScript without type declarations: imported through a variable so TypeScript does not resolve it.
const WEBPACK_CONFIG = '../../../webpack.config.js';
const webpackConfig = async () => (await import(WEBPACK_CONFIG)) as WebpackConfigModule;

/** The Office.js URL each page of a webpack configuration is built with (null: the page loads none). */
async function officeJsOfPages(mode: 'production' | 'development'): Promise<Record<string, string | null>> {
  const config = (await webpackConfig()).default({}, { mode });
  return Object.fromEntries(
    config.plugins
      .filter((p) => p.userOptions?.filename?.endsWith('.html'))
      .map((p) => [p.userOptions!.filename, p.userOptions!.officeJsUrl]),
  );
}

describe('which Office.js the add-in pages load', () => {
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env.OFFICE_JS_URL;
    delete process.env.OFFICE_JS_URL;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.OFFICE_JS_URL;
    else process.env.OFFICE_JS_URL = saved;
  });

  it("production builds load Microsoft's CDN copy, development builds the local one, `local` forces it", () => {
    assert.equal(CDN_OFFICE_JS, 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js');
    assert.equal(officeJsUrlFor(true, undefined), CDN_OFFICE_JS);
    assert.equal(officeJsUrlFor(false, undefined), LOCAL_OFFICE_JS);
    assert.equal(officeJsUrlFor(true, 'local'), LOCAL_OFFICE_JS);
    assert.equal(officeJsUrlFor(false, 'https://example.org/office.js'), 'https://example.org/office.js');
  });

  it('the webpack configuration gives every Office page that URL, and the admin console none', async () => {
    const { pages } = await webpackConfig();
    const production = await officeJsOfPages('production');
    const development = await officeJsOfPages('development');
    assert.equal(Object.keys(production).length, pages.length);
    for (const page of pages) {
      const file = `${page.name}.html`;
      assert.equal(production[file], page.officeJs ? CDN_OFFICE_JS : null, file);
      assert.equal(development[file], page.officeJs ? LOCAL_OFFICE_JS : null, file);
    }
    assert.equal(production['admin.html'], null);
  });

  it("the production build npm test made references the CDN's Office.js and says so in its build info", () => {
    assertAddinBuilt();
    const html = fs.readFileSync(path.join(ADDIN_DIST, 'taskpane.html'), 'utf8');
    assert.match(
      html,
      /<script src="?https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js"?>/,
    );
    assert.doesNotMatch(html, /office-js\/office\.js/);
    const info = JSON.parse(fs.readFileSync(path.join(ADDIN_DIST, BUILD_INFO_FILE), 'utf8'));
    assert.deepEqual(info, { mode: 'production', officeJsUrl: CDN_OFFICE_JS });
  });
});
