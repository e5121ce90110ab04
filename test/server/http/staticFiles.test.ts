import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { PRECOMPRESSED as BUILD_ENCODINGS } from '../../../addin/build/precompress.js';
import {
  CACHE_IMMUTABLE,
  PRECOMPRESSED,
  cacheControlFor,
  chooseEncoding,
} from '../../../server/http/staticFiles.js';
import { listenPages } from '../../support/pagesApp.js';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A raw request: no client-side decompression, so the bytes on the wire are what the test sees. */
function get(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

const CHROMIUM = 'gzip, deflate, br, zstd';

describe('add-in files: precompressed scripts by Accept-Encoding, cache policy by kind (issue 15)', () => {
  const bundle = Buffer.from(`console.log(${JSON.stringify('interlog '.repeat(2000))});`);
  let url: string;
  let close: () => Promise<void>;
  before(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'interlog-static-'));
    const write = (name: string, content: string | Buffer) => fs.writeFileSync(path.join(dir, name), content);
    write('taskpane.html', '<!doctype html><script src="taskpane.0123abcd.js"></script>');
    write('admin.html', '<!doctype html>');
    write('taskpane.0123abcd.js', bundle);
    write('taskpane.0123abcd.js.br', zlib.brotliCompressSync(bundle));
    write('taskpane.0123abcd.js.gz', zlib.gzipSync(bundle));
    write('commands.4567cdef.js', 'void 0;'); // Too small to be worth a compressed copy: the build writes none.
    write('build-info.json', '{}');
    ({ url, close } = await listenPages(dir));
  });
  after(() => close?.());

  it('sends a hashed bundle as brotli to Chromium, immutable for a year, with Vary and the page headers', async () => {
    const r = await get(`${url}/taskpane.0123abcd.js`, { 'accept-encoding': CHROMIUM });
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-encoding'], 'br');
    assert.match(r.headers['content-type'] ?? '', /^text\/javascript/);
    assert.equal(r.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.match(r.headers.vary ?? '', /Accept-Encoding/i);
    assert.equal(Number(r.headers['content-length']), r.body.length);
    assert.ok(r.body.length < bundle.length / 10, 'compressed on the wire');
    assert.deepEqual(zlib.brotliDecompressSync(r.body), bundle);
    assert.ok(r.headers['content-security-policy'], 'the same security headers as the plain file');
  });

  it('sends gzip to a client without brotli, and the plain file to one that accepts neither', async () => {
    const gz = await get(`${url}/taskpane.0123abcd.js`, { 'accept-encoding': 'br;q=0, gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.deepEqual(zlib.gunzipSync(gz.body), bundle);
    const clients: Record<string, string>[] = [
      {},
      { 'accept-encoding': 'identity' },
      { 'accept-encoding': 'gzip;q=0, br;q=0' },
    ];
    for (const headers of clients) {
      const plain = await get(`${url}/taskpane.0123abcd.js`, headers);
      assert.equal(plain.headers['content-encoding'], undefined, JSON.stringify(headers));
      assert.deepEqual(plain.body, bundle);
      assert.equal(plain.headers['cache-control'], CACHE_IMMUTABLE);
      assert.match(plain.headers.vary ?? '', /Accept-Encoding/i, 'a cache must not give it to a br client');
    }
  });

  it('revalidates a compressed copy by its own ETag, and answers HEAD without a body', async () => {
    const first = await get(`${url}/taskpane.0123abcd.js`, { 'accept-encoding': CHROMIUM });
    const plain = await get(`${url}/taskpane.0123abcd.js`);
    assert.ok(first.headers.etag);
    assert.notEqual(first.headers.etag, plain.headers.etag, 'each encoding is its own representation');
    const again = await get(`${url}/taskpane.0123abcd.js`, {
      'accept-encoding': CHROMIUM,
      'if-none-match': first.headers.etag!,
    });
    assert.equal(again.status, 304);
    const head = await get(`${url}/taskpane.0123abcd.js`, { 'accept-encoding': CHROMIUM }, 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.headers['content-encoding'], 'br');
    assert.equal(head.body.length, 0);
  });

  it('sends a file without compressed copies as it is, without Vary', async () => {
    const r = await get(`${url}/commands.4567cdef.js`, { 'accept-encoding': CHROMIUM });
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-encoding'], undefined);
    assert.equal(r.headers.vary, undefined);
    assert.equal(r.body.toString(), 'void 0;');
    assert.equal(r.headers['cache-control'], CACHE_IMMUTABLE);
  });

  it('has pages revalidated (they name the build bundles) and other files cached for an hour', async () => {
    for (const page of ['/taskpane.html', '/admin.html']) {
      const r = await get(`${url}${page}`, { 'accept-encoding': CHROMIUM });
      assert.equal(r.status, 200, page);
      assert.equal(r.headers['cache-control'], 'no-cache', page);
      assert.equal(r.headers['content-encoding'], undefined, page);
      const again = await get(`${url}${page}`, { 'if-none-match': r.headers.etag! });
      assert.equal(again.status, 304, `${page}: a revalidation costs no body`);
    }
    assert.equal((await get(`${url}/build-info.json`)).headers['cache-control'], 'public, max-age=3600');
  });

  it('never serves a compressed copy of something outside the folder, nor the copies by odd paths', async () => {
    for (const p of [
      '/..%2f..%2fetc%2fpasswd',
      '/%2e%2e/package.json',
      '/.hidden.js',
      '/missing.0123abcd.js',
    ]) {
      const r = await get(`${url}${p}`, { 'accept-encoding': CHROMIUM });
      assert.equal(r.status, 404, p);
      assert.equal(r.headers['content-encoding'], undefined, p);
    }
  });

  it('chooses by q-value, the server order (brotli first) breaking ties', () => {
    const both = ['br', 'gzip'];
    assert.equal(chooseEncoding(CHROMIUM, both), 'br');
    assert.equal(chooseEncoding('gzip;q=1.0, br;q=0.5', both), 'gzip');
    assert.equal(chooseEncoding('*', both), 'br');
    assert.equal(chooseEncoding('*;q=0.1, br;q=0', both), 'gzip');
    assert.equal(chooseEncoding('deflate', both), null);
    assert.equal(chooseEncoding(undefined, both), null);
    assert.equal(chooseEncoding('GZIP;Q=0.8', both), 'gzip');
    assert.equal(cacheControlFor('msal.3f13f352.js'), CACHE_IMMUTABLE);
    assert.equal(cacheControlFor('office-js/office.js'), 'public, max-age=3600');
    assert.equal(cacheControlFor('preview.html'), 'no-cache');
  });

  it('reads the copies the build writes (addin/build/precompress.js), by the same suffixes', () => {
    assert.deepEqual(
      BUILD_ENCODINGS.map((e) => [e.encoding, e.suffix]),
      PRECOMPRESSED.map((e) => [e.encoding, e.suffix]),
    );
  });
});
