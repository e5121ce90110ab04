// addin.taskpane_js_gzip: the JavaScript the task pane downloads before it can show anything, gzipped: the
// scripts taskpane.html names and the UI's chunks it preloads (dist/addin, the production webpack build), without
// Office.js, which is Microsoft's and comes from Microsoft's CDN in production.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { repoRoot } from '../../scripts/lib/paths.js';
import { measured, round, type BenchmarkResult } from '../lib/results.js';
import type { BenchContext } from '../lib/context.js';

const DIST = path.join(repoRoot, 'dist', 'addin');

/** `src` of every <script> in an HTML page (quoted or not, as html-webpack-plugin's minifier writes them). */
export function scriptSources(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*?\bsrc=("([^"]+)"|'([^']+)'|([^\s>]+))/gi)].map(
    (m) => m[2] ?? m[3] ?? m[4]!,
  );
}

/** `href` of every <link rel=preload as=script> in an HTML page. */
export function preloadedScripts(html: string): string[] {
  return [...html.matchAll(/<link\b[^>]*?\brel=("preload"|preload)[^>]*>/gi)]
    .filter((m) => /\bas=("script"|script)/.test(m[0]))
    .map((m) => /\bhref=("([^"]+)"|([^\s>]+))/.exec(m[0]))
    .flatMap((h) => (h ? [h[2] ?? h[3]!] : []));
}

const gzipKb = (file: string) => zlib.gzipSync(fs.readFileSync(file)).length / 1024;

export async function addinTaskpaneSize(ctx: BenchContext): Promise<BenchmarkResult[]> {
  const page = path.join(DIST, 'taskpane.html');
  let built = 'existing build';
  if (!fs.existsSync(page)) {
    ctx.log('  dist/addin/taskpane.html missing: building the add-in (npx webpack --mode production)');
    execFileSync('npx', ['webpack', '--mode', 'production'], { cwd: repoRoot, stdio: 'inherit' });
    built = 'built by the benchmark';
  }
  const html = fs.readFileSync(page, 'utf8');
  // The answer schemas (zod) are preloaded too, but reported on their own (below).
  const isSchemas = (f: string) => /^(contract|zod)\./.test(f);
  const ours = [
    ...scriptSources(html).filter((src) => !/^(https?:)?\/\//.test(src) && !src.startsWith('office-js/')),
    // The UI's chunks (React and the views): the entry runs them before it mounts the pane.
    ...preloadedScripts(html).filter((f) => !isSchemas(f)),
  ];
  if (ours.length === 0) throw new Error('taskpane.html names no script of ours');
  const officeSrc = scriptSources(html).find((src) => src.endsWith('office.js')) ?? 'not named';
  const parts = ours.map((src) => {
    const file = path.join(DIST, src);
    return { src, raw: fs.statSync(file).size / 1024, gz: gzipKb(file) };
  });
  const total = parts.reduce((n, p) => n + p.gz, 0);
  // Chunks other pages or lazy imports load are not part of the initial download; list them for reference.
  const entryFiles = new Set(
    fs
      .readdirSync(DIST)
      .filter((f) => f.endsWith('.html'))
      .flatMap((f) => scriptSources(fs.readFileSync(path.join(DIST, f), 'utf8'))),
  );
  const others = fs
    .readdirSync(DIST)
    .filter((f) => f.endsWith('.js') && !entryFiles.has(f) && !ours.includes(f));
  const bundles = ours.map((src) => fs.readFileSync(path.join(DIST, src), 'utf8'));
  // A lazy chunk's name is put together at run time from a map of chunk ids to content hashes: its hash is in
  // the bundle that loads it, not always its whole file name.
  const hashOf = (f: string) => /\.([0-9a-f]{8})\.js$/.exec(f)?.[1] ?? f;
  const lazy = others.filter((f) => bundles.some((b) => b.includes(f) || b.includes(hashOf(f))));
  const lazyKb = lazy.reduce((n, f) => n + gzipKb(path.join(DIST, f)), 0);
  const leftovers = others.filter((f) => !lazy.includes(f));
  // The answer schemas (zod) are preloaded by the page, downloaded beside the bundle, and every answer waits for
  // them: reported on their own, so the figure is not read as all the pane needs before its history shows.
  const contract = lazy.filter(isSchemas);
  const contractKb = contract.reduce((n, f) => n + gzipKb(path.join(DIST, f)), 0);
  const when = fs.statSync(page).mtime.toISOString();
  return [
    measured(
      'addin.taskpane_js_gzip',
      'KB',
      '<= 150',
      [total],
      `gzip (level 6, KB = 1024 bytes) of the scripts taskpane.html loads and the UI chunks it preloads (run ` +
        `before the pane mounts): ` +
        parts.map((p) => `${p.src} ${round(p.raw, 1)} KB raw / ${round(p.gz, 1)} KB gzip`).join('; ') +
        `. Office.js (${officeSrc}; Microsoft's, from their CDN in production) not counted. Deterministic: one ` +
        `measurement. dist/addin ${built} (taskpane.html of ${when}).` +
        (contract.length
          ? ` The answer schemas (${contract.join(' + ')}, ${round(contractKb, 1)} KB gzip: zod and the contract), preloaded by ` +
            `the page (<link rel=preload>) and run when the bundle asks for them, are needed before the first answer is used: ` +
            `${round(total + contractKb, 1)} KB with them.`
          : '') +
        (lazy.length
          ? ` Lazy chunks the task pane loads on demand (the schemas above; MSAL for Entra sign-in; the dialogs once the history shows), not counted: ` +
            `${lazy.join(', ')}, ${round(lazyKb, 1)} KB gzip (with them: ${round(total + lazyKb, 1)} KB).`
          : '') +
        (leftovers.length ? ` Other scripts no page names: ${leftovers.join(', ')}.` : ''),
      true,
      1,
    ),
  ];
}
