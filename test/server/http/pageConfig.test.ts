// The task pane's page carries GET /config's answer (server/http/pageConfig.ts): where it goes, that nothing in it
// can end its data block, and how the page is served with it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { withPageConfig } from '../../../server/http/pageConfig.js';
import { PAGE_CONFIG_ELEMENT_ID } from '../../../shared/pageConfig.js';
import { listenPages } from '../../support/pagesApp.js';

const BLOCK = new RegExp(`<script type="application/json" id="${PAGE_CONFIG_ELEMENT_ID}">([^<]*)</script>`);
const PAGE =
  '<!doctype html><html><head><meta charset=utf-8><title>x</title><script async src=early.js></script>' +
  '<script src=office.js></script></head><body><div id=root></div></body></html>';

/** The configuration a page carries, parsed. */
function carried(html: string): unknown {
  const m = BLOCK.exec(html);
  assert.ok(m, 'a data block with the configuration');
  return JSON.parse(m[1]!);
}

describe("the task pane's page carries its configuration", () => {
  it('puts it before the first script, so that whichever script runs first finds it', () => {
    const config = { authMode: 'dev', internalDomains: ['contoso.example'] };
    const html = withPageConfig(PAGE, config);
    assert.deepEqual(carried(html), config);
    assert.ok(html.indexOf(PAGE_CONFIG_ELEMENT_ID) < html.indexOf('early.js'));
    assert.equal(html.replace(BLOCK, ''), PAGE, 'the page otherwise as built');
    const noScript = '<html><head><title>x</title></head><body></body></html>';
    assert.match(
      withPageConfig(noScript, config),
      /<\/title><script type="application\/json"[^>]*>.*<\/head>/,
    );
    assert.throws(() => withPageConfig('<p>no head</p>', config), /neither a script nor a <\/head>/);
  });

  it('writes every "<" escaped: a value cannot end the data block or start a script', () => {
    const config = { internalDomains: ['</script><script>alert(1)</script>', '<!--x'] };
    const html = withPageConfig(PAGE, config);
    assert.equal((html.match(/<script/g) ?? []).length, 3, 'the data block and the page two scripts');
    assert.deepEqual(carried(html), config, 'read back as it was');
  });

  describe('served', () => {
    let url: string;
    let close: () => Promise<void>;
    const config = { authMode: 'dev', internalDomains: ['contoso.example'] };
    before(async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'interlog-pageconfig-'));
      fs.writeFileSync(path.join(dir, 'taskpane.html'), PAGE);
      fs.writeFileSync(path.join(dir, 'other.html'), PAGE);
      ({ url, close } = await listenPages(dir, { paneConfig: () => config }));
    });
    after(() => close?.());

    it("with the page's security headers, revalidated (an ETag, 304 when unchanged)", async () => {
      const r = await fetch(`${url}/taskpane.html`);
      assert.equal(r.status, 200);
      assert.match(r.headers.get('content-type') ?? '', /^text\/html/);
      assert.deepEqual(carried(await r.text()), config);
      assert.equal(r.headers.get('cache-control'), 'no-cache');
      assert.match(r.headers.get('content-security-policy') ?? '', /frame-ancestors https:\/\/outlook/);
      const etag = r.headers.get('etag');
      assert.ok(etag);
      // As a browser revalidates (fetch would otherwise add "Cache-Control: no-cache", which skips the ETag).
      const again = await fetch(`${url}/taskpane.html`, {
        headers: { 'if-none-match': etag, 'cache-control': 'max-age=0' },
      });
      assert.equal(again.status, 304);
    });

    it('only in the task pane: other pages as built', async () => {
      assert.equal(await (await fetch(`${url}/other.html`)).text(), PAGE);
    });
  });
});
