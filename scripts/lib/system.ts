// System tools the test suite needs besides npm packages: Debian's chromium (browser tests) and xmllint
// (manifest schema check). Installed with apt-get when missing and we are root; otherwise we say what to install.
import { execFileSync, spawnSync } from 'node:child_process';

const TOOLS = [
  { command: 'chromium', pkg: 'chromium' },
  { command: 'xmllint', pkg: 'libxml2-utils' },
];

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

export function ensureSystemTools(): void {
  const missing = TOOLS.filter((t) => !has(t.command)).map((t) => t.pkg);
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
