// `npm test`: lint, type-check, build the add-in, then run every mocha test against a real database server
// (provisioned here, stopped afterwards) with the development CA trusted by the test process.
//   npm test                          everything, as CI runs it
//   npm test -- --quick [mocha args]  only mocha (e.g. `npm test -- --quick test/server/domain`)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureDevCertificates } from './lib/certs.js';
import { startMongo } from './lib/mongo.js';
import { repoRoot } from './lib/paths.js';
import { ensureSystemTools } from './lib/system.js';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
// A folder argument means the tests in it (not its helper modules or worker scripts).
const mochaArgs = argv
  .filter((a) => a !== '--quick')
  .map((a) =>
    !a.startsWith('-') && fs.existsSync(a) && fs.statSync(a).isDirectory()
      ? `${a.replace(/\/$/, '')}/**/*.test.ts`
      : a,
  );
// Mocha appends CLI specs to a config's spec, so the default lives here: no file arguments -> every test.
if (!mochaArgs.some((a) => !a.startsWith('-'))) mochaArgs.push('test/**/*.test.ts');

function step(name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  console.log(`\n== ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: repoRoot, stdio: 'inherit', env });
  if (r.status !== 0) {
    console.error(`\n${name} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
}

if (!quick) {
  step('lint', 'npx', ['eslint', '.']);
  step('format', 'npx', ['prettier', '--check', '.']);
  step('typecheck', 'npm', ['run', '--silent', 'typecheck']);
  step('build add-in', 'npx', ['webpack', '--mode', 'production']);
}

ensureSystemTools();
const certs = ensureDevCertificates();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'interlog-test-db-'));
const db = await startMongo({ dataDir, log: (m) => console.log(m) });
let status = 1;
try {
  const env = {
    ...process.env,
    MONGODB_URI: db.uri,
    INTERLOG_TEST_DB_KIND: db.kind,
    NODE_EXTRA_CA_CERTS: certs.caCertPath,
    INTERLOG_DEV_CERT: certs.certPath,
    INTERLOG_DEV_KEY: certs.keyPath,
    INTERLOG_DEV_CA: certs.caCertPath,
  };
  console.log(`\n== mocha ${mochaArgs.join(' ')}`);
  const r = spawnSync('npx', ['mocha', ...mochaArgs], { cwd: repoRoot, stdio: 'inherit', env });
  status = r.status ?? 1;
} finally {
  await db.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
process.exit(status);
