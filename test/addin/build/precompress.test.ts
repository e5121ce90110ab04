import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { PrecompressPlugin } from '../../../addin/build/precompress.js';
import { ADDIN_DIST, assertAddinBuilt } from '../../e2e/support/addinServer.js';
import { buildWebpack } from '../../support/webpackBuild.js';

describe('addin/build/precompress: brotli and gzip copies of the scripts (issue 15)', function () {
  this.timeout(60_000);

  it('writes .br and .gz next to each matching script, the same bytes once decompressed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'interlog-precompress-'));
    const words = Array.from({ length: 400 }, (_, i) => `word${i}`);
    fs.writeFileSync(path.join(dir, 'big.js'), `console.log(${JSON.stringify(words)}.join(' '));`);
    fs.writeFileSync(path.join(dir, 'tiny.js'), 'console.log(1);');
    await buildWebpack({
      mode: 'production',
      context: dir,
      entry: { big: './big.js', tiny: './tiny.js' },
      output: { path: path.join(dir, 'out'), filename: '[name].[contenthash:8].js' },
      plugins: [new PrecompressPlugin({ test: (name) => name.endsWith('.js') })],
    });
    const files = fs.readdirSync(path.join(dir, 'out')).sort();
    const big = files.find((f) => /^big\.[0-9a-f]{8}\.js$/.test(f))!;
    const tiny = files.find((f) => /^tiny\.[0-9a-f]{8}\.js$/.test(f))!;
    assert.deepEqual(files, [big, `${big}.br`, `${big}.gz`, tiny], 'a tiny file gains nothing: no copies');
    const read = (f: string) => fs.readFileSync(path.join(dir, 'out', f));
    assert.deepEqual(zlib.brotliDecompressSync(read(`${big}.br`)), read(big));
    assert.deepEqual(zlib.gunzipSync(read(`${big}.gz`)), read(big));
    assert.ok(read(`${big}.br`).length <= read(`${big}.gz`).length, 'brotli at its best beats gzip');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('left compressed copies of every script of the production build, none of the local Office.js', () => {
    assertAddinBuilt();
    const files = fs.readdirSync(ADDIN_DIST);
    const html = fs.readFileSync(path.join(ADDIN_DIST, 'taskpane.html'), 'utf8');
    // The scripts the pane loads first: the entry, and the chunks it preloads (the UI, the answer schemas).
    const scripts = [...html.matchAll(/(?:src|href)="?([\w-]+\.[0-9a-f]{8}\.js)/g)].map((m) => m[1]!);
    const size = (f: string) => fs.statSync(path.join(ADDIN_DIST, f)).size;
    const worthIt = scripts.filter((f) => size(f) >= 10_000);
    assert.ok(worthIt.some((f) => /^taskpane\./.test(f)) && worthIt.length >= 3, scripts.join(', '));
    for (const f of worthIt) assert.ok(files.includes(`${f}.br`) && files.includes(`${f}.gz`), f);
    const largest = worthIt.sort((a, b) => size(b) - size(a))[0]!;
    assert.ok(size(`${largest}.br`) < size(largest) / 3, `brotli: under a third (${largest})`);
    assert.ok(!fs.readdirSync(path.join(ADDIN_DIST, 'office-js')).some((f) => /\.(br|gz)$/.test(f)));
  });
});
