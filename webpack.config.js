// Builds the Outlook add-in into dist/addin/: one HTML page per entry in `pages`, the icons, a local copy of
// Office.js, and manifest.xml rewritten for PUBLIC_URL.
//   PUBLIC_URL     where the server is reached (default https://localhost:3000); written into the manifest.
//   OFFICE_JS_URL  the Office.js the pages load. Default: Microsoft's CDN copy in a production build (the only
//                  one Microsoft supports in production, and AppSource validation requires it), the local copy
//                  (office-js/office.js, from @microsoft/office-js) in a development build. `local` picks the
//                  local copy in any build: `npm start` does, so the demo runs offline. Tests build for
//                  production and route the CDN's URLs to the local files at the network layer.
//   API_CLIENT_ID  the Entra application id written into the manifest's WebApplicationInfo (optional).
import CopyWebpackPlugin from 'copy-webpack-plugin';
import HtmlWebpackPlugin from 'html-webpack-plugin';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { rewriteManifest } from './addin/build/manifest.js';
import { chunkFiles } from './addin/build/chunkFiles.js';
import { CompileHintsPlugin } from './addin/build/compileHints.js';
import { BUILD_INFO_FILE, officeJsUrlFor } from './addin/build/officeJs.js';
import { PrecompressPlugin } from './addin/build/precompress.js';

const root = path.dirname(fileURLToPath(import.meta.url));

/**
 * Every page of the add-in. To add one (admin.html, preview.html), add an entry: `officeJs` says whether the
 * page loads Office.js before its bundle; `early`, a tiny script run in the head before Office.js (the bundle
 * itself is deferred: it runs once the page is parsed); `preload`, lazy chunks the page asks for as it starts
 * (downloaded beside the bundle, run when the bundle asks for them); `eagerCompile`, the bundle and those chunks
 * marked for V8 to compile whole as they download (addin/build/compileHints.js), for a page whose start is timed.
 */
export const pages = [
  {
    name: 'taskpane',
    entry: './addin/taskpane/main.ts',
    early: './addin/taskpane/earlyStart.ts',
    // The answer schemas (the first answer, GET /config, waits for them) and the UI (ui.ts: React and the
    // views, run while the first token is on its way).
    preload: ['zod', 'contract', 'taskpane-ui'],
    eagerCompile: true,
    title: 'Interlog',
    officeJs: true,
  },
  { name: 'commands', entry: './addin/commands/commands.ts', title: 'Interlog', officeJs: true },
  { name: 'auth-dialog', entry: './addin/auth/dialog-page.ts', title: 'Interlog sign-in', officeJs: true },
  {
    name: 'auth-redirect',
    entry: './addin/auth/redirect-page.ts',
    title: 'Interlog sign-in',
    officeJs: false,
  },
  // Development/demo page (sample messages next to the real pane); the server refuses it in production.
  { name: 'preview', entry: './addin/preview/main.ts', title: 'Interlog preview', officeJs: true },
  // The admin console (/admin): a plain browser page, no Office.js.
  { name: 'admin', entry: './addin/admin/main.tsx', title: 'Interlog administration', officeJs: false },
];

export default (_env, argv) => {
  const production = argv.mode !== 'development';
  const officeJsUrl = officeJsUrlFor(production, process.env.OFFICE_JS_URL);
  const publicUrl = process.env.PUBLIC_URL || 'https://localhost:3000';
  const apiClientId = process.env.API_CLIENT_ID || undefined;

  return {
    mode: production ? 'production' : 'development',
    context: root,
    devtool: production ? false : 'eval-cheap-module-source-map',
    entry: Object.fromEntries(
      pages.flatMap((p) => [[p.name, p.entry], ...(p.early ? [[`${p.name}-early`, p.early]] : [])]),
    ),
    output: {
      path: path.join(root, 'dist/addin'),
      filename: production ? '[name].[contenthash:8].js' : '[name].js',
      chunkFilename: production ? '[name].[contenthash:8].js' : '[name].js',
      // Relative, so the pages work under any PUBLIC_URL path.
      publicPath: 'auto',
      clean: true,
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.js'],
      // Sources import './x.js' (TypeScript ESM style) for files that are x.ts / x.tsx.
      extensionAlias: { '.js': ['.ts', '.tsx', '.js'] },
    },
    module: {
      rules: [
        {
          // shared/ only declares (schemas, rules): a module none of whose exports a page uses is left out, so
          // the pane does not carry the console's schemas that shared/api/index.ts re-exports beside its own.
          test: /[\\/]shared[\\/].*\.ts$/,
          sideEffects: false,
        },
        {
          test: /\.tsx?$/,
          loader: 'esbuild-loader',
          options: { target: 'es2020', jsx: 'automatic', tsconfig: path.join(root, 'addin/tsconfig.json') },
        },
      ],
    },
    plugins: [
      ...pages.map(
        (page) =>
          new HtmlWebpackPlugin({
            filename: `${page.name}.html`,
            template: path.join(root, 'addin/pages/page.html'),
            chunks: page.early ? [`${page.name}-early`, page.name] : [page.name],
            chunksSortMode: 'manual',
            // The template places the scripts: the early one in the head before Office.js, the bundle deferred.
            inject: false,
            earlyChunk: page.early ? `${page.name}-early` : null,
            preloadChunks: page.preload ?? [],
            chunkFiles,
            title: page.title,
            officeJsUrl: page.officeJs ? officeJsUrl : null,
          }),
      ),
      new CopyWebpackPlugin({
        patterns: [
          // Already minified: keep Terser away from Microsoft's files.
          { from: 'node_modules/@microsoft/office-js/dist', to: 'office-js', info: { minimized: true } },
          { from: 'addin/assets/*.png', to: 'assets/[name][ext]' },
          {
            from: 'package.json',
            to: BUILD_INFO_FILE,
            transform: () => JSON.stringify({ mode: production ? 'production' : 'development', officeJsUrl }),
          },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform: (content) => rewriteManifest(content.toString('utf8'), { publicUrl, apiClientId }),
          },
        ],
      }),
      new CompileHintsPlugin({
        chunks: pages.filter((p) => p.eagerCompile).flatMap((p) => [p.name, ...(p.preload ?? [])]),
      }),
      // Brotli and gzip copies of our scripts (not the local Office.js, which production pages load from
      // Microsoft's CDN), sent by the server to browsers that accept them.
      ...(production ? [new PrecompressPlugin({ test: (name) => /^[^/]+\.js$/.test(name) })] : []),
    ],
    optimization: {
      splitChunks: {
        cacheGroups: {
          // zod, loaded on demand by the task pane (the answer schemas, the dialogs' forms): a chunk of its own
          // under a stable name, so the size benchmark can count it with the schemas.
          zod: { test: /[\\/]node_modules[\\/]zod[\\/]/, name: 'zod', chunks: 'async', enforce: true },
        },
      },
    },
    performance: {
      hints: production ? 'warning' : false,
      // Raw (not gzip) sizes of what a page loads first; the task pane aims at <= 150 KB gzip.
      maxEntrypointSize: 900_000,
      maxAssetSize: 900_000,
      assetFilter: (file) => file.endsWith('.js') && !file.startsWith('office-js/'),
    },
    stats: 'errors-warnings',
  };
};
