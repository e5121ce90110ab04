// System tools the test suite needs besides npm packages: Debian's chromium (browser tests), xmllint (manifest
// schema check) and PostgreSQL (FerretDB's PostgreSQL backend, as the benchmarks use it). Installed with apt-get
// when missing and we are root; otherwise we say what to install.
import { execFileSync, spawnSync } from 'node:child_process';
import { findPgBin } from './postgres.js';

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

const TOOLS = [
  { present: () => has('chromium'), pkg: 'chromium' },
  { present: () => has('xmllint'), pkg: 'libxml2-utils' },
  // Debian keeps initdb and pg_ctl off PATH (/usr/lib/postgresql/<version>/bin).
  { present: () => findPgBin() !== null, pkg: 'postgresql' },
];

export function ensureSystemTools(): void {
  const missing = TOOLS.filter((t) => !t.present()).map((t) => t.pkg);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0 || !has('apt-get')) {
    throw new Error(
      `Missing system packages: ${missing.join(', ')}. Install them, e.g. sudo apt-get install -y ${missing.join(' ')}`,
    );
  }
  console.log(`Installing Debian packages: ${missing.join(' ')}`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}
