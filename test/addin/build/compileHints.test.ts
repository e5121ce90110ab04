import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COMPILE_HINT, CompileHintsPlugin } from '../../../addin/build/compileHints.js';
import { ADDIN_DIST, assertAddinBuilt } from '../../e2e/support/addinServer.js';
import { buildWebpack } from '../../support/webpackBuild.js';

/** A page whose entry loads two chunks by name: `ui` at start, `later` on demand. Returns the built files. */
async function buildPage(dir: string, out: string, hinted: string[] | null): Promise<Map<string, string>> {
  fs.writeFileSync(
    path.join(dir, 'page.js'),
    [
      "import(/* webpackChunkName: 'ui' */ './ui.js').then((m) => m.show());",
      "globalThis.later = () => import(/* webpackChunkName: 'later' */ './later.js');",
    ].join('\n'),
  );
  fs.writeFileSync(path.join(dir, 'ui.js'), "export function show() { document.title = 'ui'; }");
  fs.writeFileSync(path.join(dir, 'later.js'), "export function run() { document.title = 'later'; }");
  await buildWebpack({
    mode: 'production',
    context: dir,
    entry: { page: './page.js' },
    output: { path: out, filename: '[name].[contenthash:8].js', chunkFilename: '[name].[contenthash:8].js' },
    plugins: hinted ? [new CompileHintsPlugin({ chunks: hinted })] : [],
  });
  const files = new Map<string, string>();
  for (const f of fs.readdirSync(out)) files.set(f.split('.')[0]!, f);
  return files;
}

describe('addin/build/compileHints: the start-up scripts marked for eager compilation (issue 15)', function () {
  this.timeout(60_000);

  it("puts V8's hint first in the named chunks' files only, before their content hashes are taken", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'interlog-hints-'));
    try {
      const hinted = await buildPage(dir, path.join(dir, 'hinted'), ['page', 'ui']);
      const plain = await buildPage(dir, path.join(dir, 'plain'), null);
      const read = (sub: string, f: string) => fs.readFileSync(path.join(dir, sub, f), 'utf8');
      for (const name of ['page', 'ui']) {
        const text = read('hinted', hinted.get(name)!);
        assert.ok(text.startsWith(`${COMPILE_HINT}\n`), `${name}: ${text.slice(0, 40)}`);
        // The name's hash is the file's: a cache that holds the file without the line never gets it under this name.
        assert.notEqual(hinted.get(name), plain.get(name));
      }
      assert.ok(
        !read('hinted', hinted.get('later')!).includes(COMPILE_HINT),
        'a chunk loaded on demand is not',
      );
      assert.equal(hinted.get('later'), plain.get('later'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails the build for a name that is no chunk (a renamed chunk must not silently lose its hint)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'interlog-hints-'));
    try {
      await assert.rejects(buildPage(dir, path.join(dir, 'out'), ['page', 'renamed']), /no chunk "renamed"/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("marks every script taskpane.html loads at start but its early one, and none of the other pages' or dialogs'", () => {
    assertAddinBuilt();
    const html = fs.readFileSync(path.join(ADDIN_DIST, 'taskpane.html'), 'utf8');
    const scripts = [...html.matchAll(/(?:src|href)="?([\w-]+\.[0-9a-f]{8}\.js)/g)].map((m) => m[1]!);
    const startsWithHint = (f: string) =>
      fs.readFileSync(path.join(ADDIN_DIST, f), 'utf8').startsWith(`${COMPILE_HINT}\n`);
    const early = scripts.filter((f) => f.startsWith('taskpane-early.'));
    const rest = scripts.filter((f) => !early.includes(f));
    assert.equal(early.length, 1);
    assert.ok(rest.length >= 4, scripts.join(', '));
    for (const f of rest) assert.ok(startsWithHint(f), f);
    assert.ok(!startsWithHint(early[0]!));
    const others = fs
      .readdirSync(ADDIN_DIST)
      .filter((f) => /^(admin|dialogs|msal|auth-dialog)\.[0-9a-f]{8}\.js$/.test(f));
    assert.equal(others.length, 4, others.join(', '));
    for (const f of others) assert.ok(!startsWithHint(f), f);
  });
});
