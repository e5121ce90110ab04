// engine.latency_push_p95: how long after a mail lands in the Inbox its entry can be read through the API when
// change notifications work. The real server (server/main.ts in its own process: scheduler, subscription
// manager, the public notification endpoints, the API) runs against the Graph emulator (another process), which
// validates the server's endpoints, then POSTs a notification when mail arrives. The mailbox's own interval is
// an hour, so polling cannot explain a figure of seconds. Mail arrives at seeded random moments; the orchestrator
// reads GET /api/v1/interactions (newest first) as an admin every 100 ms until each mail's entry shows.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { createPrng } from '../../scripts/graph-emulator/prng.js';
import { freePort } from '../../scripts/lib/mongo.js';
import { repoRoot } from '../../scripts/lib/paths.js';
import { databaseUri } from '../lib/database.js';
import { measured, percentile, round, type BenchmarkResult } from '../lib/results.js';
import { workerEnv, type BenchContext } from '../lib/context.js';
import { BENCH_MAILBOX, seedEngineDatabase } from '../lib/seed.js';
import { startWorker } from '../lib/worker.js';
import type { EmulatorInfo } from '../workers/graphEmulator.js';
import { ENGINE_DIRECTORY } from './throughput.js';

const TICK_MS = 1000; // SCHEDULER_TICK_MS default
const POLL_MS = 100;
const TARGET_S = 3;
const ADMIN = 'bench.admin@contoso.example';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * GET as JSON over HTTPS trusting the development CA (this orchestrator created it, so Node's own trust store,
 * read at start-up, does not have it). `null` for a refused connection (the server still starting).
 */
export function get<T>(agent: https.Agent, url: string, token: string | null): Promise<T | null> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = https.get(
      {
        host: '127.0.0.1',
        servername: u.hostname,
        port: u.port,
        path: u.pathname + u.search,
        agent,
        headers: token ? { authorization: `Bearer ${token}` } : {},
      },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => {
          if (res.statusCode !== 200)
            reject(new Error(`${u.pathname}: ${res.statusCode} ${body.slice(0, 200)}`));
          else resolve(JSON.parse(body) as T);
        });
      },
    );
    req.on('error', () => resolve(null));
  });
}

export async function api<T>(agent: https.Agent, url: string, token: string | null): Promise<T> {
  const r = await get<T>(agent, url, token);
  if (r === null) throw new Error(`${url}: no answer`);
  return r;
}

export async function engineLatencyPush(ctx: BenchContext): Promise<BenchmarkResult[]> {
  const rounds = ctx.quick ? 1 : 3;
  const perRound = ctx.quick ? 8 : 20;
  const spanMs = ctx.quick ? 15_000 : 30_000;
  const env = workerEnv(ctx);
  const emu = await startWorker('workers/graphEmulator.ts', { env });
  const emulator = await emu.call<EmulatorInfo>('start', {
    options: { enforceLimits: true, latencyMs: 0 },
    mailbox: BENCH_MAILBOX,
  });
  const dbName = ctx.freshDbName('latency-push');
  const seeded = await seedEngineDatabase(ctx.db.uri, dbName, ENGINE_DIRECTORY, emulator, {
    intervalSeconds: 3600,
  });
  ctx.db.tune(dbName);
  const port = await freePort();
  const base = `https://localhost:${port}`;
  const server = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'server/main.ts')], {
    cwd: repoRoot,
    env: {
      ...process.env,
      ...env,
      NODE_ENV: 'test', // development sign-in (the admin token) needs it
      MONGODB_URI: databaseUri(ctx.db.uri, dbName),
      PUBLIC_URL: base,
      TLS_CERT_FILE: ctx.certs.certPath,
      TLS_KEY_FILE: ctx.certs.keyPath,
      SECRETS_KEY: seeded.secretsKey,
      GRAPH_BASE_URL: emulator.baseUrl,
      AUTHORITY_HOST: emulator.baseUrl,
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
  const random = createPrng(500);
  const agent = new https.Agent({ ca: fs.readFileSync(ctx.certs.caCertPath), keepAlive: true });
  const latencies: number[][] = [];
  /** Entries already read (the catch-up run's and earlier rounds'). */
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
    const status = async () =>
      (
        await api<{ items: Array<{ notifications?: { state: string } | null }> }>(
          agent,
          `${base}/api/v1/logging/status`,
          token,
        )
      ).items[0]?.notifications?.state;
    for (const end = Date.now() + 30_000; (await status()) !== 'active';) {
      if (Date.now() > end) throw new Error(`no active subscription after 30 s (state ${await status()})`);
      await sleep(250);
    }
    await sleep(3000); // the catch-up run after the subscription was made starts at once; arrivals begin after it

    for (let r = 0; r < rounds; r++) {
      const at = Array.from({ length: perRound }, () => random() * spanMs).sort((a, b) => a - b);
      const waiting = new Map<string, number>(); // internetMessageId -> arrival, epoch ms
      const l: number[] = [];
      const start = Date.now();
      // One reader for every mail in flight, as a console would refresh: newest entries first.
      const reader = (async () => {
        while (l.length < perRound) {
          const page = await api<{ items: Array<{ entryNumber: number }> }>(
            agent,
            `${base}/api/v1/interactions?limit=100`,
            token,
          );
          // The list shows no message id: each new entry's detail (read once) says which mail it logged.
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
          const seen = Date.now();
          for (const [key, t0] of waiting)
            if (seen - t0 > 60_000) throw new Error(`entry of ${key} not visible after 60 s`);
          await sleep(POLL_MS);
        }
      })();
      for (let i = 0; i < at.length; i++) {
        await sleep(Math.max(0, start + at[i]! - Date.now()));
        const arrived = await emu.call<{ arrivedAt: number[]; loggedKeys: string[] }>('arrive', {
          mailbox: BENCH_MAILBOX,
          spec: {
            count: 1,
            seed: 2000 * r + i,
            directory: ENGINE_DIRECTORY,
            loggedShare: 1,
            prefix: `push${r}`,
          },
        });
        waiting.set(arrived.loggedKeys[0]!, arrived.arrivedAt[0]!);
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
        'engine.latency_push_p95',
        's',
        `<= ${TARGET_S}`,
        latencies.map((l) => percentile(l, 95)),
        `p95 of (entry listed by GET /api/v1/interactions as an admin - mail added to the emulator Inbox), in seconds; ` +
          `one figure per round of ${perRound} mails at seeded random moments over ${spanMs / 1000} s. The real ` +
          `server process (scheduler tick ${TICK_MS} ms, subscription made by its manager after the emulator validated ` +
          `its endpoints), the mailbox's own interval 3600 s (so only notifications explain seconds), emulator in its ` +
          `own process enforcing Graph's real limits, API read every ${POLL_MS} ms. All ${all.length} mails: p50 ` +
          `${round(percentile(all, 50), 2)} s, p95 ${round(percentile(all, 95), 2)} s, max ${round(Math.max(...all), 2)} s.`,
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
    await emu.call('close').catch(() => {});
    await emu.stop();
  }
}
