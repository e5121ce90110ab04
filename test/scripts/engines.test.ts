// The README promises Node.js 20.19+ (package.json "engines"): every installed package must accept it, or
// `npm ci` warns (EBADENGINE) and may break on the Node version users are told is enough.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { repoRoot } from '../../scripts/lib/paths.js';

describe('Node.js version the project promises', () => {
  it('is accepted by every package in the lock file', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    const minimum = semver.minVersion(pkg.engines.node)!.version;
    assert.equal(minimum, '20.19.0');
    const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    assert.match(readme, /Node\.js 20\.19\+/);
    const lock = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8'));
    const refusing = Object.entries(lock.packages as Record<string, { engines?: { node?: string } }>)
      .filter(([, p]) => typeof p.engines?.node === 'string' && !semver.satisfies(minimum, p.engines.node))
      .map(([name, p]) => `${name} (${p.engines!.node})`);
    assert.deepEqual(refusing, []);
  });
});
