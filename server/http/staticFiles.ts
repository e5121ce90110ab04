// The add-in's built files (dist/addin): each response gets the cache policy of its kind, and a script the build
// precompressed (addin/build/precompress.js writes x.js.br and x.js.gz) goes out compressed to a browser that
// accepts it. Precompressed once at build time at brotli's strongest setting instead of per request: the task
// pane's ~650 KB bundle travels as ~150 KB, at no CPU cost per request.
import express, { type RequestHandler, type Response } from 'express';
import fs from 'node:fs/promises';
import path from 'node:path';

/** The precompressed copies the build writes, best first (the same list as addin/build/precompress.js). */
export const PRECOMPRESSED = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;

export const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';
/** Pages name the bundles of their build, so a browser must ask again (a 304 when unchanged) to see a new one. */
export const CACHE_REVALIDATE = 'no-cache';
const CACHE_DEFAULT = 'public, max-age=3600';

/** webpack's `[name].[contenthash:8].js`: new content gets a new name, so a name's content never changes. */
const HASHED_BUNDLE = /^[\w-]+\.[0-9a-f]{8}\.js$/;

/** Cache-Control for a file of the build, by its path relative to the build's folder. */
export function cacheControlFor(relativePath: string): string {
  if (HASHED_BUNDLE.test(relativePath)) return CACHE_IMMUTABLE;
  if (relativePath.endsWith('.html')) return CACHE_REVALIDATE;
  return CACHE_DEFAULT;
}

/**
 * The content coding to send, among `available` (the server's order of preference), for an Accept-Encoding
 * header: the highest q wins, the server's order breaks ties (Chromium sends "gzip, deflate, br, zstd", all
 * q=1, and brotli is the smaller). No header: none (identity), which any client can read.
 */
export function chooseEncoding(
  acceptEncoding: string | undefined,
  available: readonly string[],
): string | null {
  if (!acceptEncoding) return null;
  const q = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [coding, ...params] = part.split(';').map((s) => s.trim());
    if (!coding) continue;
    const qParam = params.find((p) => p.startsWith('q='));
    const value = qParam === undefined ? 1 : Number(qParam.slice(2));
    q.set(coding, Number.isFinite(value) ? value : 0);
  }
  let best: string | null = null;
  let bestQ = 0;
  for (const coding of available) {
    const value = q.get(coding) ?? q.get('*') ?? 0;
    if (value > bestQ) [best, bestQ] = [coding, value];
  }
  return best;
}

async function isFile(file: string): Promise<boolean> {
  return fs.stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}

/** The request's path inside `root`, or null when it is not a plain file path there (traversal, dot files). */
function relativeFile(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = path.posix.normalize(decoded).replace(/^\/+/, '');
  if (relative === '' || relative.split('/').some((s) => s === '..' || s.startsWith('.'))) return null;
  return relative;
}

/** Serves `root` (no index pages) with cache policies by kind and precompressed copies where they exist. */
export function addinStatic(root: string): RequestHandler {
  const plain = express.static(root, {
    index: false,
    setHeaders: (res, file) => res.setHeader('Cache-Control', cacheControlFor(path.relative(root, file))),
  });
  return (req, res, next) => {
    const relative = req.method === 'GET' || req.method === 'HEAD' ? relativeFile(root, req.path) : null;
    if (relative === null) return plain(req, res, next);
    void (async () => {
      const variants: (typeof PRECOMPRESSED)[number][] = [];
      for (const v of PRECOMPRESSED) if (await isFile(path.join(root, relative + v.suffix))) variants.push(v);
      if (variants.length === 0) return plain(req, res, next);
      // The answer depends on the header whichever copy goes out: caches must keep them apart.
      res.vary('Accept-Encoding');
      const chosen = chooseEncoding(
        req.get('accept-encoding'),
        variants.map((v) => v.encoding),
      );
      const variant = variants.find((v) => v.encoding === chosen);
      if (!variant) return plain(req, res, next);
      sendVariant(res, root, relative, variant, () => plain(req, res, next), next);
    })().catch(next);
  };
}

function sendVariant(
  res: Response,
  root: string,
  relative: string,
  variant: (typeof PRECOMPRESSED)[number],
  fallBack: () => void,
  next: (err?: unknown) => void,
): void {
  // Set before sending: `send` keeps a Content-Type and a Cache-Control it finds (the copy's own name would
  // make it application/octet-stream).
  res.type(path.extname(relative));
  res.setHeader('Content-Encoding', variant.encoding);
  res.setHeader('Cache-Control', cacheControlFor(relative));
  res.sendFile(relative + variant.suffix, { root }, (err?: Error & { status?: number; code?: string }) => {
    if (!err || err.code === 'ECONNABORTED') return; // Done, or the browser went away.
    if (res.headersSent) return next(err);
    // The copy went away between the check and the send (a new build): the original, if any, as usual.
    res.removeHeader('Content-Encoding');
    res.removeHeader('Content-Type');
    res.removeHeader('Cache-Control');
    if (err.status === 404) return fallBack();
    next(err);
  });
}
