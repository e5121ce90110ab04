// Writes a brotli (.br) and a gzip (.gz) copy next to each script of a production build. Compressed once here at
// the strongest settings (brotli 11 takes ~1 s per MB: far too slow per request, nothing at build time); the
// server sends the copy the browser accepts (server/http/staticFiles.ts), so Outlook downloads ~150 KB of brotli
// instead of ~650 KB for the task pane's bundle. Plain JavaScript because webpack.config.js imports it (types in
// precompress.d.ts).
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const NAME = 'PrecompressPlugin';

/** The encodings written, by file suffix, as the server names them in Content-Encoding. */
export const PRECOMPRESSED = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
];

/** @param {Buffer} input @param {'br' | 'gzip'} encoding */
export function compress(input, encoding) {
  if (encoding === 'gzip') return gzip(input, { level: zlib.constants.Z_BEST_COMPRESSION });
  return brotli(input, {
    params: {
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: input.length,
    },
  });
}

export class PrecompressPlugin {
  /**
   * @param {{ test: (assetName: string) => boolean, minRatio?: number }} options `minRatio`: a copy that is not
   *   smaller than this share of the original is left out (tiny files), and the server sends the original.
   */
  constructor(options) {
    this.test = options.test;
    this.minRatio = options.minRatio ?? 0.8;
  }

  /** @param {import('webpack').Compiler} compiler */
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap(NAME, (compilation) => {
      compilation.hooks.processAssets.tapPromise(
        // After minification and the content hashes: the names and bytes are final.
        { name: NAME, stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_TRANSFER },
        async () => {
          const assets = compilation.getAssets().filter((a) => this.test(a.name));
          await Promise.all(
            assets.flatMap((asset) => {
              const input = asset.source.buffer();
              return PRECOMPRESSED.map(async ({ encoding, suffix }) => {
                const output = await compress(input, encoding);
                if (output.length >= input.length * this.minRatio) return;
                compilation.emitAsset(`${asset.name}${suffix}`, new sources.RawSource(output), {
                  immutable: asset.info.immutable,
                });
              });
            }),
          );
        },
      );
    });
  }
}
