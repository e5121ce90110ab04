// Marks the scripts a page runs as it starts for eager compilation: V8's explicit compile hint, a
// `//# allFunctionsCalledOnLoad` comment at the top of a file (Chromium 136+, so Outlook's WebView2 and Outlook on
// the web in Edge or Chrome; other engines read a comment). V8 otherwise compiles each function on its first call,
// on the page's one thread; with the hint it compiles the whole file on a background thread while the file
// downloads. In a cold task pane load (bench/addin: a trace of the page) the main thread's lazy compiling fell from
// ~77 to ~17 ms, for ~30 ms more work on the background threads; the first history row came ~40 ms sooner in
// paired loads. Only a page's start-up chunks: a file whose functions mostly never run at start (the dialogs,
// MSAL, the admin console) would be compiled for nothing. Plain JavaScript because webpack.config.js imports it
// (types in compileHints.d.ts).

import { chunkFiles } from './chunkFiles.js';

export const COMPILE_HINT = '//# allFunctionsCalledOnLoad';
const NAME = 'CompileHintsPlugin';

export class CompileHintsPlugin {
  /** @param {{ chunks: string[] }} options Entry points and named chunk groups (`import()` with a
   *  webpackChunkName), whose scripts with every chunk they need get the hint, or named chunks (a cache group's). */
  constructor(options) {
    this.chunks = options.chunks;
  }

  /** @param {import('webpack').Compiler} compiler */
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap(NAME, (compilation) => {
      compilation.hooks.processAssets.tap(
        // After Terser (which drops comments) and before the source maps, the content hashes and the compressed
        // copies, so that all of them include the line.
        { name: NAME, stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_SIZE + 1 },
        () => {
          const { files, missing } = chunkFiles(compilation, this.chunks);
          for (const name of missing) {
            compilation.errors.push(new compiler.webpack.WebpackError(`${NAME}: no chunk "${name}"`));
          }
          for (const file of files) {
            compilation.updateAsset(file, (source) => new sources.ConcatSource(`${COMPILE_HINT}\n`, source));
          }
        },
      );
    });
  }
}
