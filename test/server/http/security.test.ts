import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { listenPages } from '../../support/pagesApp.js';

/** A page's CSP as directive -> sources. */
function directives(csp: string): Record<string, string[]> {
  return Object.fromEntries(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe("page security headers: what Outlook's host runtime needs, and nothing more", () => {
  let url: string;
  let close: () => Promise<void>;
  before(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'interlog-pages-'));
    for (const page of ['taskpane.html', 'admin.html'])
      fs.writeFileSync(path.join(dir, page), '<!doctype html>');
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'assets', 'icon-32.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    ({ url, close } = await listenPages(dir));
  });
  after(() => close?.());

  it('lets the task pane load Office.js, MicrosoftAjax.js and Office telemetry, and be framed by Outlook only', async () => {
    const r = await fetch(`${url}/taskpane.html`);
    assert.equal(r.status, 200);
    const csp = directives(r.headers.get('content-security-policy') ?? '');
    // Hard-coded on purpose: a change here is a change to what runs inside Outlook.
    assert.deepEqual(csp['script-src'], [
      "'self'",
      'https://appsforoffice.microsoft.com',
      'https://ajax.aspnetcdn.com',
    ]);
    assert.deepEqual(csp['connect-src'], [
      "'self'",
      'https://login.microsoftonline.com',
      'https://browser.pipe.aria.microsoft.com',
    ]);
    assert.deepEqual(csp['frame-ancestors'], [
      'https://outlook.office.com',
      'https://outlook.office365.com',
      'https://outlook.cloud.microsoft',
      'https://outlook.live.com',
    ]);
    assert.deepEqual(csp['frame-src'], [
      "'self'",
      'https://login.microsoftonline.com',
      'https://appsforoffice.microsoft.com',
    ]);
    assert.deepEqual(csp['object-src'], ["'none'"]);
    assert.ok(!JSON.stringify(csp).includes('unsafe-eval'), 'no eval anywhere');
    assert.equal(r.headers.get('x-frame-options'), null, 'frame-ancestors decides, not X-Frame-Options');
  });

  it('gives the admin console only its own scripts and no framing', async () => {
    const r = await fetch(`${url}/admin.html`);
    assert.equal(r.status, 200);
    const csp = directives(r.headers.get('content-security-policy') ?? '');
    assert.deepEqual(csp['script-src'], ["'self'"]);
    assert.deepEqual(csp['frame-ancestors'], ["'none'"]);
  });

  it('answers /favicon.ico with the add-in icon, not a 404', async () => {
    const r = await fetch(`${url}/favicon.ico`);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'image/png');
    assert.deepEqual([...new Uint8Array(await r.arrayBuffer())], [0x89, 0x50, 0x4e, 0x47]);
  });
});
