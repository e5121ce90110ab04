// `npm start` (scripts/start.ts) as a user runs it: a bad setting ends with one line and the server's exit code
// before anything is started or announced.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../../scripts/lib/paths.js';

function runStart(
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'scripts/start.ts')], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm start', function () {
  this.timeout(60_000);

  it('a secrets key that is not 32 bytes ends with one line and exit 78, before anything starts', async () => {
    const r = await runStart({ SECRETS_KEY: 'abc' });
    assert.equal(r.code, 78, r.stderr);
    assert.equal(
      r.stderr.trim(),
      'Interlog cannot start: invalid configuration: SECRETS_KEY: must be 32 bytes, base64 (openssl rand -base64 32)',
    );
    assert.doesNotMatch(r.stdout, /FerretDB|Building|ready/);
  });

  it('an unreachable MONGODB_URI ends with one line and exit 69, without a banner', async () => {
    const r = await runStart({ MONGODB_URI: 'mongodb://127.0.0.1:1/interlog' });
    assert.equal(r.code, 69, r.stderr);
    assert.match(
      r.stderr.trim(),
      /^Interlog cannot start: cannot reach the database at mongodb:\/\/127\.0\.0\.1:1\//,
    );
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.doesNotMatch(r.stdout, /ready/);
  });
});
