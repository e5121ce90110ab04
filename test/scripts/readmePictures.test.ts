// The README's pictures stay what `npm run screenshots` makes: each listed picture is committed and shown, and
// nothing else sits in docs/screenshots/ or is linked from there.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../scripts/lib/paths.js';
import { PICTURE_DIR, README_PICTURES } from '../../scripts/lib/readmePictures.js';

describe('README pictures', () => {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const linked = [...readme.matchAll(/\]\((docs\/screenshots\/[^)]+)\)/g)].map((m) => m[1]!);
  const listed = README_PICTURES.map((p) => `${PICTURE_DIR}/${p.to}`);

  it('shows every picture the screenshot command makes, each committed as a PNG taken by a suite that exists', () => {
    assert.deepEqual([...linked].sort(), [...listed].sort());
    for (const p of README_PICTURES) {
      const file = fs.readFileSync(path.join(repoRoot, PICTURE_DIR, p.to));
      assert.equal(file.subarray(1, 4).toString(), 'PNG', p.to);
      assert.ok(fs.existsSync(path.join(repoRoot, p.suite)), p.suite);
      const source = fs.readFileSync(path.join(repoRoot, p.suite), 'utf8');
      const name = path.basename(p.from, '.png');
      assert.ok(
        source.includes(`'${name}'`) || source.includes(`'${p.from.replace('.png', '')}'`),
        `${p.suite} takes ${p.from}`,
      );
    }
  });

  it('keeps nothing else in docs/screenshots', () => {
    const files = fs.readdirSync(path.join(repoRoot, PICTURE_DIR)).map((f) => `${PICTURE_DIR}/${f}`);
    assert.deepEqual(files.sort(), [...listed].sort());
  });
});
