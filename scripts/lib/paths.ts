// Where the development tooling keeps what it builds or generates once per user (outside any clone),
// so that fresh clones and CI reuse the FerretDB binary and the development CA.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function userCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'interlog');
}

/** Persistent data of `npm start` (database files, generated keys): inside the clone, git-ignored. */
export const localDataDir = path.join(repoRoot, '.data');
