// `npm run screenshots`: builds the add-in pages, runs the e2e suites that take the README's pictures (the pane
// through Outlook's host script, the console) and copies them into docs/screenshots/, to commit.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './lib/paths.js';
import { PICTURE_DIR, README_PICTURES, SCREENSHOT_DIR } from './lib/readmePictures.js';

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

run('npx', ['webpack', '--mode', 'production']);
run('npx', ['tsx', 'scripts/test.ts', '--quick', ...new Set(README_PICTURES.map((p) => p.suite))]);
fs.mkdirSync(path.join(repoRoot, PICTURE_DIR), { recursive: true });
for (const p of README_PICTURES) {
  fs.copyFileSync(path.join(repoRoot, SCREENSHOT_DIR, p.from), path.join(repoRoot, PICTURE_DIR, p.to));
  console.log(`${PICTURE_DIR}/${p.to} <- ${SCREENSHOT_DIR}/${p.from}`);
}
