// `npm start`: Interlog on embedded defaults. Provisions the database (persistent, in .data/), the development
// certificate and secrets key, builds if needed, seeds demo data, then runs the server until Ctrl+C.
// `npm start -- --imap`: the demo logging mailbox on the local Dovecot (IMAP) instead of the Graph emulator.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../server/config/env.js';
import { exitOnStartupFailure } from '../server/config/startupFailure.js';
import { connectDatabase } from '../server/repositories/db.js';
import { ensureDevCertificates } from './lib/certs.js';
import { startMongo } from './lib/mongo.js';
import { localDataDir, repoRoot } from './lib/paths.js';
import { seedDemoData } from './demo/seed.js';
import { DEMO_MAILBOX, startDemoMailbox } from './demo/mailbox.js';
import { startDemoImapMailbox, type DemoImapMailbox } from './demo/imapMailbox.js';
import { mailServersInstalled } from './lib/mailServers.js';
import { createSecretBox } from '../server/security/secretBox.js';
import { BUILD_INFO_FILE, officeJsUrlFor } from '../addin/build/officeJs.js';

const PUBLIC_URL = process.env.PUBLIC_URL ?? 'https://localhost:3000';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile())
      newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** The demo runs offline: its pages load the local Office.js unless OFFICE_JS_URL says otherwise. */
const OFFICE_JS_SETTING = process.env.OFFICE_JS_URL ?? 'local';

function builtOfficeJs(): string | null {
  try {
    const info = JSON.parse(fs.readFileSync(path.join(repoRoot, 'dist', 'addin', BUILD_INFO_FILE), 'utf8'));
    return typeof info.officeJsUrl === 'string' ? info.officeJsUrl : null;
  } catch {
    return null;
  }
}

function buildIfNeeded(): void {
  const marker = path.join(repoRoot, 'dist', 'addin', 'taskpane.html');
  const sources = Math.max(
    ...['addin', 'shared', 'manifest.xml'].map((p) => {
      const full = path.join(repoRoot, p);
      return fs.statSync(full).isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs;
    }),
  );
  const upToDate = fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= sources;
  if (upToDate && builtOfficeJs() === officeJsUrlFor(true, OFFICE_JS_SETTING)) return;
  console.log('Building the add-in pages (webpack) ...');
  const r = spawnSync('npx', ['webpack', '--mode', 'production'], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, OFFICE_JS_URL: OFFICE_JS_SETTING },
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function secretsKey(): string {
  const file = path.join(localDataDir, 'secrets.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(localDataDir, { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  return fs.readFileSync(file, 'utf8').trim();
}

const certs = ensureDevCertificates();
// The demo mailbox (the Graph emulator) runs in this process and POSTs change notifications to the server over
// HTTPS, so this process must trust the development CA too; Node reads NODE_EXTRA_CA_CERTS only at start-up.
if (process.env.NODE_EXTRA_CA_CERTS !== certs.caCertPath) {
  const again = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, NODE_EXTRA_CA_CERTS: certs.caCertPath },
  });
  // Ctrl+C in a terminal reaches both (same process group); a signal sent to this one alone is passed on (the
  // launcher stops once whichever comes first).
  process.on('SIGTERM', () => again.kill('SIGTERM'));
  process.on('SIGINT', () => again.kill('SIGINT'));
  again.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  await run().catch(exitOnStartupFailure);
}

/** What the server is started with; `mongoUri` and `demo` are known once they run. */
function serverEnv(mongoUri: string, secrets: string, demo: { baseUrl: string } | null): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    PUBLIC_URL,
    MONGODB_URI: withDbName(mongoUri, 'interlog'),
    TLS_CERT_FILE: certs.certPath,
    TLS_KEY_FILE: certs.keyPath,
    SECRETS_KEY: secrets,
    ...(demo ? { GRAPH_BASE_URL: demo.baseUrl, AUTHORITY_HOST: demo.baseUrl } : {}),
    AUTH_MODE: process.env.AUTH_MODE ?? 'dev',
    LOG_FORMAT: process.env.LOG_FORMAT ?? 'pretty',
    ADMIN_EMAILS: process.env.ADMIN_EMAILS ?? 'annette.hill@contoso.example',
    INTERNAL_DOMAINS: process.env.INTERNAL_DOMAINS ?? 'contoso.example',
    NODE_EXTRA_CA_CERTS: certs.caCertPath,
  };
}

function withDbName(uri: string, name: string): string {
  const u = new URL(uri);
  if (u.pathname === '/' || u.pathname === '') u.pathname = `/${name}`;
  return u.toString();
}

async function run(): Promise<void> {
  const SECRETS_KEY = process.env.SECRETS_KEY ?? secretsKey();
  // The server's own rules, checked before anything starts: a bad value ends here, in one line.
  loadConfig(serverEnv(process.env.MONGODB_URI ?? 'mongodb://127.0.0.1', SECRETS_KEY, null));
  const mongo = await startMongo({ dataDir: path.join(localDataDir, 'db'), log: console.log });
  const db = await connectDatabase(mongo.uri, { dbName: 'interlog' });
  buildIfNeeded();
  const seeded = await seedDemoData(db);
  if (seeded) console.log('Demo data seeded (salespeople AH, BD, JO, their contacts and a week of mail).');
  // Seeded at an earlier start: the history holds the demo's week already, so the Inbox gets other mail.
  const demoSeed = seeded ? {} : { seed: Date.now() };
  const imapDemo = process.argv.includes('--imap') ? await startImapDemo(db, SECRETS_KEY, demoSeed) : null;
  // The demo shared mailbox: the Graph emulator on loopback, unless a real Graph is configured or it is on IMAP.
  const demo =
    process.env.GRAPH_BASE_URL || imapDemo
      ? null
      : await startDemoMailbox(
          db,
          createSecretBox(Buffer.from(SECRETS_KEY, 'base64')),
          { cert: fs.readFileSync(certs.certPath, 'utf8'), key: fs.readFileSync(certs.keyPath, 'utf8') },
          demoSeed,
        );
  await db.close();

  // An IPC channel: the server says when it listens (then, and only then, the banner) and is asked to stop.
  const server = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'server', 'main.ts')], {
    cwd: repoRoot,
    env: serverEnv(mongo.uri, SECRETS_KEY, demo),
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
  });
  server.on('message', (m) => {
    if ((m as { type?: string }).type !== 'interlog:listening') return;
    console.log(`
Interlog is ready on ${PUBLIC_URL}
  Preview:        ${PUBLIC_URL}/preview.html  (the task pane next to sample messages, outside Outlook)
  Admin console:  ${PUBLIC_URL}/admin
  Task pane:      ${PUBLIC_URL}/taskpane.html
  Health:         ${PUBLIC_URL}/healthz
  API (OpenAPI):  ${PUBLIC_URL}/api/v1/openapi.json
  Manifest:       ${PUBLIC_URL}/manifest.xml  (Outlook: My add-ins > Add a custom add-in > Add from file)
  Demo mailbox:   ${demoMailboxLine(demo, imapDemo)}
  Database:       ${mongo.kind} (data in ${path.join(localDataDir, 'db')})
  Development CA: ${certs.caCertPath} (trust it in your browser/OS to avoid certificate warnings)
Press Ctrl+C to stop.
`);
  });

  // The server drains its requests and stops its jobs; the demo mailbox and the database stop after it.
  const stop = () => {
    if (server.connected) server.send({ type: 'interlog:stop' });
    else server.kill('SIGTERM');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.on('exit', async (code, signal) => {
    await demo?.close();
    await imapDemo?.close();
    await mongo.stop();
    process.exit(code ?? (signal ? 1 : 0));
  });
}

/**
 * The demo mailbox on the local Dovecot and Postfix (`--imap`), or null with the reason when they are not
 * installed or do not start (the Graph emulator stands in then).
 */
async function startImapDemo(
  db: Awaited<ReturnType<typeof connectDatabase>>,
  secretsKey: string,
  options: { seed?: number },
): Promise<DemoImapMailbox | null> {
  if (!mailServersInstalled()) {
    console.log(
      '--imap: Dovecot and Postfix are not installed (apt-get install dovecot-imapd dovecot-lmtpd postfix); the demo mailbox runs on the Graph emulator.',
    );
    return null;
  }
  try {
    return await startDemoImapMailbox(
      db,
      createSecretBox(Buffer.from(secretsKey, 'base64')),
      { cert: certs.certPath, key: certs.keyPath, ca: certs.caCertPath },
      options,
    );
  } catch (err) {
    console.log(
      `--imap: the mail servers did not start (${(err as Error).message.split('\n')[0]}); the demo mailbox runs on the Graph emulator.`,
    );
    return null;
  }
}

function demoMailboxLine(demo: { baseUrl: string } | null, imap: DemoImapMailbox | null): string {
  if (imap) {
    const s = imap.servers;
    return `${DEMO_MAILBOX} on Dovecot, IMAP ${s.host}:${s.imapPort} (STARTTLS); Postfix BCCs mail sent to SMTP ${s.host}:${s.smtpPort} (new mail every 45 s)`;
  }
  return demo
    ? `${DEMO_MAILBOX} on the Graph emulator ${demo.baseUrl} (new mail every 45 s)`
    : 'none (GRAPH_BASE_URL set)';
}
