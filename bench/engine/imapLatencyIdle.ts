// imap.latency_idle_p95: how long after a mail is handed to the company's mail server its entry can be read
// through the API, when the logging mailbox is IMAP with IDLE. The real server (server/main.ts in its own
// process: scheduler, the IDLE watch, the API) against a real Postfix + Dovecot: each mail is submitted to
// Postfix over SMTP, which BCCs it to the logging mailbox (sender_bcc_maps / recipient_bcc_maps) and delivers it
// to Dovecot over LMTP; Dovecot announces it on the server's IDLE connection. The mailbox's own interval is an
// hour, so polling cannot explain a figure of seconds. The orchestrator reads GET /api/v1/interactions as an
// admin every 100 ms until each mail's entry shows.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { createPrng } from '../../scripts/graph-emulator/prng.js';
import { freePort } from '../../scripts/lib/mongo.js';
import { repoRoot } from '../../scripts/lib/paths.js';
import { rfc5322Of } from '../../test/support/imapEngineHarness.js';
import { sendMail } from '../../test/support/smtp.js';
import { generateMail } from '../lib/dataset.js';
import { databaseUri } from '../lib/database.js';
import { seedImapDatabase, startBenchMailServers } from '../lib/mailServers.js';
import { measured, notMeasured, percentile, round, type BenchmarkResult } from '../lib/results.js';
import { workerEnv, type BenchContext } from '../lib/context.js';
import { api, get } from './latencyPush.js';
import { ENGINE_DIRECTORY } from './throughput.js';

const NAME = 'imap.latency_idle_p95';
const TARGET_S = 3;
const TICK_MS = 1000; // SCHEDULER_TICK_MS default
const POLL_MS = 100;
const ADMIN = 'bench.admin@contoso.example';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function imapLatencyIdle(ctx: BenchContext): Promise<BenchmarkResult[]> {
  const started = await startBenchMailServers(ctx);
  if ('missing' in started) return [notMeasured(NAME, 's', `<= ${TARGET_S}`, started.missing)];
  const { servers } = started;
  const rounds = ctx.quick ? 1 : 3;
  const perRound = ctx.quick ? 8 : 20;
  const spanMs = ctx.quick ? 15_000 : 30_000;
  const dbName = ctx.freshDbName('imap-latency-idle');
  const { secretsKey } = await seedImapDatabase(ctx, dbName, ENGINE_DIRECTORY, servers, {
    intervalSeconds: 3600,
  });
  const port = await freePort();
  const base = `https://localhost:${port}`;
  const server = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'server/main.ts')], {
    cwd: repoRoot,
    env: {
      ...process.env,
      ...workerEnv(ctx),
      NODE_ENV: 'test', // development sign-in (the admin token) needs it
      MONGODB_URI: databaseUri(ctx.db.uri, dbName),
      PUBLIC_URL: base,
      TLS_CERT_FILE: ctx.certs.certPath,
      TLS_KEY_FILE: ctx.certs.keyPath,
      SECRETS_KEY: secretsKey,
      AUTH_MODE: 'dev',
      ADMIN_EMAILS: ADMIN,
      LOG_LEVEL: 'warn',
      SCHEDULER_ENABLED: 'true',
      SCHEDULER_TICK_MS: String(TICK_MS),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const kill = () => server.kill('SIGKILL');
  process.once('exit', kill);
  const random = createPrng(700);
  const agent = new https.Agent({ ca: fs.readFileSync(ctx.certs.caCertPath), keepAlive: true });
  const latencies: number[][] = [];
  const known = new Set<number>();
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
      if (await get(agent, `${base}/healthz`, null).catch(() => null)) break;
      if (Date.now() > deadline) throw new Error('server did not start within 60 s');
      await sleep(250);
    }
    const { access_token: token } = await api<{ access_token: string }>(
      agent,
      `${base}/api/v1/dev/token?email=${encodeURIComponent(ADMIN)}`,
      null,
    );
    type Status = { items: Array<{ notifications?: { state: string; channel?: string } | null }> };
    const status = async () =>
      (await api<Status>(agent, `${base}/api/v1/logging/status`, token)).items[0]?.notifications;
    for (const end = Date.now() + 60_000; ; await sleep(250)) {
      const n = await status();
      if (n?.state === 'active' && n.channel === 'imap_idle') break;
      if (Date.now() > end) throw new Error(`IDLE not active after 60 s (${JSON.stringify(n)})`);
    }
    await sleep(3000); // the catch-up run once IDLE is in place starts at once; arrivals begin after it

    for (let r = 0; r < rounds; r++) {
      const at = Array.from({ length: perRound }, () => random() * spanMs).sort((a, b) => a - b);
      const waiting = new Map<string, number>(); // Message-ID -> submitted, epoch ms
      const l: number[] = [];
      const start = Date.now();
      const reader = (async () => {
        while (l.length < perRound) {
          const page = await api<{ items: Array<{ entryNumber: number }> }>(
            agent,
            `${base}/api/v1/interactions?limit=100`,
            token,
          );
          for (const e of page.items) {
            if (known.has(e.entryNumber)) continue;
            known.add(e.entryNumber);
            const detail = await api<{ message: { internetMessageId: string | null } | null }>(
              agent,
              `${base}/api/v1/interactions/${e.entryNumber}`,
              token,
            );
            const id = detail.message?.internetMessageId;
            const t0 = id ? waiting.get(id) : undefined;
            if (t0 === undefined) continue;
            waiting.delete(id!);
            l.push((Date.now() - t0) / 1000);
          }
          for (const [key, t0] of waiting)
            if (Date.now() - t0 > 60_000) throw new Error(`entry of ${key} not visible after 60 s`);
          await sleep(POLL_MS);
        }
      })();
      for (let i = 0; i < at.length; i++) {
        await sleep(Math.max(0, start + at[i]! - Date.now()));
        const [seed] = generateMail({
          count: 1,
          seed: 3000 * r + i,
          directory: ENGINE_DIRECTORY,
          loggedShare: 1,
          prefix: `idle${r}`,
          stampOnArrival: true,
        }).messages;
        // Generated mail always has a sender and recipients (loggedShare 1): the envelope Postfix gets.
        const to = [...(seed!.toRecipients ?? []), ...(seed!.ccRecipients ?? [])].map((a) => a.address!);
        waiting.set(seed!.internetMessageId!, Date.now());
        await sendMail(servers.smtpPort, { from: seed!.from!.address!, to }, rfc5322Of(seed!, new Date()));
      }
      await reader;
      latencies.push(l);
      ctx.log(
        `  round ${r + 1}: p50 ${round(percentile(l, 50), 2)} s, p95 ${round(percentile(l, 95), 2)} s, max ` +
          `${round(Math.max(...l), 2)} s (${l.length} mails)`,
      );
    }
    const all = latencies.flat();
    return [
      measured(
        NAME,
        's',
        `<= ${TARGET_S}`,
        latencies.map((l) => percentile(l, 95)),
        `p95 of (entry listed by GET /api/v1/interactions as an admin - mail submitted to Postfix over SMTP), in ` +
          `seconds; one figure per round of ${perRound} mails at seeded random moments over ${spanMs / 1000} s, ` +
          `median of ${rounds}. Postfix BCCs each to the logging mailbox and delivers it to Dovecot over LMTP; the ` +
          `real server process (scheduler tick ${TICK_MS} ms) holds an IDLE connection that marks the mailbox due and has its scheduler look at once (not at the next tick); ` +
          `the mailbox's own interval is 3600 s (so only IDLE explains seconds); API read every ${POLL_MS} ms; ` +
          `${ctx.db.description}. All ${all.length} mails: p50 ${round(percentile(all, 50), 2)} s, p95 ` +
          `${round(percentile(all, 95), 2)} s, max ${round(Math.max(...all), 2)} s.`,
        true,
        3,
      ),
    ];
  } finally {
    process.removeListener('exit', kill);
    await new Promise<void>((resolve) => {
      if (server.exitCode !== null) return resolve();
      const hard = setTimeout(kill, 5000);
      server.once('exit', () => (clearTimeout(hard), resolve()));
      server.kill('SIGTERM');
    });
    agent.destroy();
    await servers.stop();
  }
}
