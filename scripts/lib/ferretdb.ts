// Builds FerretDB v1.24.2 once per user with Go from the module proxy. A plain `go install` binary panics at
// start because build/version/version.txt is not part of the module (FerretDB issue #2982), so we build from a
// copy of the module's source with that file written in.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { userCacheDir } from './paths.js';

export const FERRETDB_VERSION = 'v1.24.2';
const MODULE = 'github.com/FerretDB/FerretDB';

export function ferretDbBinaryPath(): string {
  return path.join(userCacheDir(), `ferretdb-${FERRETDB_VERSION}`, 'ferretdb');
}

/** FerretDB v1.24.2's go.mod asks for Go 1.24 (an older Go would try to download that toolchain, offline too). */
export const GO_MINIMUM = [1, 24] as const;

/** Why the installed Go cannot build FerretDB (null: it can), from `go version`'s output (null: no Go). */
export function goProblem(versionOutput: string | null): string | null {
  const need = `Go ${GO_MINIMUM.join('.')} or newer`;
  const how = "install it from https://go.dev/dl/ (Debian 12's golang-go is Go 1.19, too old)";
  if (versionOutput === null)
    return `Go is not installed: building FerretDB ${FERRETDB_VERSION} needs ${need}; ${how}`;
  const m = /go(\d+)\.(\d+)/.exec(versionOutput);
  if (!m) return `cannot read the Go version from "${versionOutput.trim()}": FerretDB needs ${need}`;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  if (major > GO_MINIMUM[0] || (major === GO_MINIMUM[0] && minor >= GO_MINIMUM[1])) return null;
  return `Go ${major}.${minor} is too old: building FerretDB ${FERRETDB_VERSION} needs ${need}; ${how}`;
}

function goVersion(): string | null {
  try {
    return execFileSync('go', ['version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Returns the path of a working FerretDB binary, building it first if needed. Safe to call concurrently.
 * Without a Go that can build it: `{ problem }`, the reason in one sentence.
 */
export async function ensureFerretDb(
  log: (msg: string) => void = () => {},
): Promise<string | { problem: string }> {
  const bin = ferretDbBinaryPath();
  if (fs.existsSync(bin)) return bin;
  const problem = goProblem(goVersion());
  if (problem) return { problem };
  const dir = path.dirname(bin);
  fs.mkdirSync(dir, { recursive: true });
  const lock = path.join(dir, 'build.lock');
  // mkdir is atomic: whoever creates the lock builds, the others wait for the binary to appear.
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      if (fs.existsSync(bin)) return bin;
      const age = Date.now() - fs.statSync(lock).mtimeMs;
      if (age > 15 * 60 * 1000) fs.rmSync(lock, { recursive: true, force: true });
      await sleep(1000);
    }
  }
  try {
    if (fs.existsSync(bin)) return bin;
    log(`Building FerretDB ${FERRETDB_VERSION} with Go (once; cached in ${dir}) ...`);
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'interlog-ferretdb-'));
    const env = { ...process.env, GOFLAGS: '-mod=mod', CGO_ENABLED: '0' };
    const info = JSON.parse(
      execFileSync('go', ['mod', 'download', '-json', `${MODULE}@${FERRETDB_VERSION}`], {
        cwd: work,
        env,
        encoding: 'utf8',
      }),
    ) as { Dir?: string; Error?: string };
    if (!info.Dir) throw new Error(`go mod download failed: ${info.Error ?? 'no Dir'}`);
    const src = path.join(work, 'src');
    fs.cpSync(info.Dir, src, { recursive: true });
    execFileSync('chmod', ['-R', 'u+w', src]);
    fs.writeFileSync(path.join(src, 'build', 'version', 'version.txt'), FERRETDB_VERSION);
    const tmpBin = `${bin}.${process.pid}.tmp`;
    execFileSync('go', ['build', '-o', tmpBin, './cmd/ferretdb'], {
      cwd: src,
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    fs.renameSync(tmpBin, bin);
    fs.rmSync(work, { recursive: true, force: true });
    log(`FerretDB built: ${bin}`);
    return bin;
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}
