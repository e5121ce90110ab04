// api.lookup_p95: POST /api/v1/lookup against the real server (server/main.ts in its own process, development
// sign-in) over HTTPS, with 100,000 contacts and 1,000,000 interactions, 50 concurrent clients. Each client is a
// task pane with its own connection and source address (127.0.0.2-51, so the API's per-address rate limit of
// 1,200 a minute applies per pane, as in production) asking at most 10 lookups a second, back to back when slower.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../scripts/lib/mongo.js';
import { repoRoot } from '../../scripts/lib/paths.js';
import { createPrng } from '../../scripts/graph-emulator/prng.js';
import { measured, notMeasured, percentile, round, type BenchmarkResult } from '../lib/results.js';
import { profilePath, serverEnv, type BenchContext } from '../lib/context.js';
import { databaseUri, startKeptDatabase, STATS_FLUSH_MS } from '../lib/database.js';
import { salespersonEmail } from '../lib/dataset.js';
import { cpuMeter, formatCpu, rssMb } from '../lib/procstat.js';
import {
  ensureLookupData,
  ensureLookupTimelines,
  LOOKUP_DATASET,
  LOOKUP_DB,
  lookupRequest,
} from './lookupData.js';
import { lookupAlone, lookupCapacity } from './lookupCapacity.js';
import { countLookupQueries, formatQueryCount, formatServerScans } from './lookupQueries.js';

const CLIENTS = 50;
const MIN_GAP_MS = 100;
/** A lookup slower than this is given up (counted as an error, and as this long in the percentiles). */
export const TIMEOUT_MS = 30_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function request(
  agent: https.Agent,
  port: number,
  method: string,
  p: string,
  token: string | null,
  body?: unknown,
) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = https.request(
      {
        host: '127.0.0.1',
        servername: 'localhost',
        port,
        method,
        path: `/api/v1${p}`,
        agent,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(data ? { 'content-type': 'application/json' } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.setTimeout(TIMEOUT_MS, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(data);
  });
}

async function startServer(
  ctx: BenchContext,
  uri: string,
): Promise<{ child: ChildProcess; port: number; startup: string; stop(): Promise<void> }> {
  const port = await freePort();
  // With --profile, the server's CPU profile over all three benchmarks, written when it stops: Node writes one per
  // thread (tsx's loader has its own) into a folder of their own; the main thread's, the largest, is kept.
  const profile = profilePath(ctx, 'api.lookup.server');
  const threads = profile && fs.mkdtempSync(path.join(path.dirname(profile), 'threads-'));
  const profiling = threads ? ['--cpu-prof', `--cpu-prof-dir=${threads}`] : [];
  const child = spawn(
    process.execPath,
    [...profiling, '--import', 'tsx', path.join(repoRoot, 'server/main.ts')],
    {
      cwd: repoRoot,
      env: serverEnv(ctx, {
        uri,
        publicUrl: `https://localhost:${port}`,
        // Answers are not checked again before they are sent, as in production.
        extra: { RESPONSE_VALIDATION: 'off' },
      }),
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  // Measured once the server holds its directory of every contact and has filled its timelines' cache (both at
  // start, in the background, one after the other), as a server that has been running does.
  const started = (type: string) =>
    new Promise<{ count: number | null; ms: number }>((resolve) =>
      child.on(
        'message',
        (m: { type?: string; contacts?: number | null; timelines?: number | null; ms: number }) => {
          if (m.type === type) resolve({ count: m.contacts ?? m.timelines ?? null, ms: m.ms });
        },
      ),
    );
  const directory = started('interlog:contact-directory');
  const timelines = started('interlog:timelines-held');
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  const agent = new https.Agent({ ca: fs.readFileSync(ctx.certs.caCertPath) });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const up = await new Promise<boolean>((resolve) => {
      const req = https.get(
        { host: '127.0.0.1', servername: 'localhost', port, path: '/healthz', agent },
        (res) => {
          res.resume();
          resolve(res.statusCode === 200);
        },
      );
      req.on('error', () => resolve(false));
    });
    if (up) break;
    if (Date.now() > deadline) throw new Error('server did not start within 60 s');
    await sleep(250);
  }
  agent.destroy();
  const held = await Promise.race([directory, sleep(120_000).then(() => null)]);
  ctx.log(
    held
      ? `  contact directory: ${held.count} contacts in ${held.ms} ms`
      : '  contact directory: not loaded in 120 s',
  );
  const filled = await Promise.race([timelines, sleep(120_000).then(() => null)]);
  ctx.log(
    filled
      ? `  timelines held at start: ${filled.count} in ${filled.ms} ms`
      : '  timelines: not held in 120 s',
  );
  const startup = [
    held
      ? `contact directory ${held.count} contacts in ${round(held.ms / 1000, 1)} s`
      : 'contact directory not loaded',
    filled ? `timelines held ${filled.count} in ${round(filled.ms / 1000, 1)} s` : 'timelines not held',
  ].join(', ');
  return {
    child,
    port,
    startup,
    stop: () =>
      new Promise<void>((resolve) => {
        process.removeListener('exit', kill);
        if (child.exitCode !== null) return resolve();
        // A graceful stop would wait for every lookup still queued in the database: 5 s, then SIGKILL.
        const hard = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(hard);
          if (profile && threads) keepLargest(threads, profile);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** Moves the largest file of `dir` to `to` and removes `dir`. */
function keepLargest(dir: string, to: string): void {
  const files = fs.readdirSync(dir).map((f) => path.join(dir, f));
  const largest = files.sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
  if (largest) fs.renameSync(largest, to);
  fs.rmSync(dir, { recursive: true, force: true });
}

interface LoadResult {
  /** ms of every lookup started in the measured window; a timed-out one counts as TIMEOUT_MS. */
  latencies: number[];
  errors: Record<string, number>;
  seconds: number;
}

/**
 * CLIENTS panes; the lookups they start during `seconds` (after `warmup` seconds) are measured to their end,
 * however long that takes (up to TIMEOUT_MS each).
 */
async function load(
  port: number,
  ca: Buffer,
  token: string,
  seed: number,
  warmup: number,
  seconds: number,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  const start = performance.now();
  const measureFrom = start + warmup * 1000;
  const end = measureFrom + seconds * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      const agent = new https.Agent({ ca, keepAlive: true, maxSockets: 1, localAddress: `127.0.0.${c + 2}` });
      const random = createPrng(seed * 1000 + c);
      await sleep(random() * MIN_GAP_MS); // panes do not start in step
      try {
        while (performance.now() < end) {
          const t0 = performance.now();
          const r = await request(agent, port, 'POST', '/lookup', token, lookupRequest(random)).catch(
            (e: Error) => ({
              status: e.message === 'timeout' ? 'timeout' : 'network',
              body: e.message,
            }),
          );
          const t1 = performance.now();
          if (t0 >= measureFrom) {
            if (r.status === 200) latencies.push(t1 - t0);
            else {
              errors[r.status] = (errors[r.status] ?? 0) + 1;
              if (r.status === 'timeout') latencies.push(TIMEOUT_MS);
            }
          }
          await sleep(Math.max(0, t0 + MIN_GAP_MS - performance.now()));
        }
      } finally {
        agent.destroy();
      }
    }),
  );
  return { latencies, errors, seconds };
}

/** One pane alone, one lookup after the other: what a lookup costs without any queueing. */
async function single(port: number, ca: Buffer, token: string, n: number): Promise<number[]> {
  const agent = new https.Agent({ ca, keepAlive: true, maxSockets: 1 });
  const random = createPrng(499);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const r = await request(agent, port, 'POST', '/lookup', token, lookupRequest(random)).catch(() => ({
      status: 0,
      body: '',
    }));
    out.push(r.status === 200 ? performance.now() - t0 : TIMEOUT_MS);
  }
  agent.destroy();
  return out;
}

export async function apiLookup(ctx: BenchContext): Promise<BenchmarkResult[]> {
  // Kept between runs: seeding takes minutes. Root's home is closed to the postgres user, hence /var/tmp.
  const keep = path.join(
    process.getuid?.() === 0 ? '/var/tmp' : os.tmpdir(),
    `interlog-bench-lookup-v${LOOKUP_DATASET.version}`,
  );
  const db = await startKeptDatabase(keep, () => {});
  if (!db)
    return [
      ['api.lookup_p95', 'ms', '<= 50'],
      ['api.lookup_capacity', 'lookups/s', '>= 500'],
      ['api.lookup_alone_p50', 'ms', '<= 10'],
    ].map(([name, unit, target]) =>
      notMeasured(name!, unit!, target!, 'PostgreSQL is not installed (the data set needs a kept cluster)'),
    );
  try {
    const seeded = await ensureLookupData(db.uri, ctx.log);
    if (seeded.seededSeconds !== null) ctx.log(`  data set seeded in ${Math.round(seeded.seededSeconds)} s`);
    const t0 = performance.now();
    const created = db.tune(LOOKUP_DB);
    if (created > 0)
      ctx.log(`  ${created} pushdown indexes ensured in ${Math.round((performance.now() - t0) / 1000)} s`);
    const built = await ensureLookupTimelines(databaseUri(db.uri, LOOKUP_DB), ctx.log);
    if (built !== null) ctx.log(`  timelines built in ${Math.round(built)} s`);
    const queries = formatQueryCount(
      await countLookupQueries(databaseUri(db.uri, LOOKUP_DB), LOOKUP_DB, ctx.quick ? 100 : 500),
    );
    ctx.log(`  ${queries}`);
    const server = await startServer(ctx, databaseUri(db.uri, LOOKUP_DB));
    try {
      const ca = fs.readFileSync(ctx.certs.caCertPath);
      const agent = new https.Agent({ ca });
      const t = await request(
        agent,
        server.port,
        'GET',
        `/dev/token?email=${encodeURIComponent(salespersonEmail(0))}`,
        null,
      );
      agent.destroy();
      if (t.status !== 200) throw new Error(`dev token: ${t.status} ${t.body.slice(0, 200)}`);
      const token = (JSON.parse(t.body) as { access_token: string }).access_token;
      const alone = await single(server.port, ca, token, 3);
      ctx.log(`  one client alone: ${alone.map((ms) => Math.round(ms)).join(', ')} ms`);
      const setting = () =>
        `1-minute load average ${os.loadavg()[0]!.toFixed(1)} at the end (2 cores shared). Queries: ${queries}.`;
      const aloneResult = await lookupAlone(server.port, ca, token, { quick: ctx.quick, setting: setting() });
      ctx.log(`  alone: p50 ${aloneResult.median} ms`);
      const repeats = ctx.quick ? 1 : 3;
      const runs: LoadResult[] = [];
      // The commands the server sends under load, counted by PostgreSQL around the runs (its statistics of what
      // ran before have arrived once its backends were idle for STATS_FLUSH_MS).
      await sleep(STATS_FLUSH_MS);
      const scansBefore = db.scans(LOOKUP_DB);
      let cpu = '';
      let peakRss = 0;
      for (let i = 0; i < repeats; i++) {
        // Lookups the server had not finished when the clients gave up still occupy the database: when lookups
        // time out, another run would only measure that backlog, so the figure stays at this run.
        if (runs.some((r) => r.errors.timeout)) break;
        const meter = cpuMeter({ server: server.child.pid! });
        const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, rssMb(server.child.pid!) ?? 0)), 250);
        const r = await load(server.port, ca, token, 500 + i, 0, ctx.quick ? 5 : 15);
        clearInterval(rssTimer);
        cpu = formatCpu(meter.stop());
        runs.push(r);
        if (r.latencies.length === 0)
          throw new Error(`no lookup answered or timed out: ${JSON.stringify(r.errors)}`);
        ctx.log(
          `  p50 ${round(percentile(r.latencies, 50), 1)} ms, p95 ${round(percentile(r.latencies, 95), 1)} ms, ` +
            `${round(r.latencies.length / r.seconds, 1)} lookups/s, errors ${JSON.stringify(r.errors)}; ${cpu}`,
        );
      }
      const failed = runs.reduce((n, r) => n + Object.values(r.errors).reduce((a, b) => a + b, 0), 0);
      const all = runs.flatMap((r) => r.latencies);
      const timedOut = runs.reduce((n, r) => n + (r.errors.timeout ?? 0), 0); // in `all` too
      await sleep(STATS_FLUSH_MS);
      const scansAfter = db.scans(LOOKUP_DB);
      const sent =
        scansBefore && scansAfter
          ? formatServerScans(scansBefore, scansAfter, all.length + failed - timedOut)
          : null;
      if (sent) ctx.log(`  ${sent}`);
      const capacity = await lookupCapacity(server.port, server.child.pid!, ca, token, {
        quick: ctx.quick,
        log: ctx.log,
        setting: setting(),
      });
      return [
        measured(
          'api.lookup_p95',
          'ms',
          '<= 50',
          runs.map((r) => percentile(r.latencies, 95)),
          `POST /api/v1/lookup p95 per run of ${CLIENTS} concurrent clients (each its own keep-alive HTTPS connection ` +
            `and 127.0.0.x address, at most one lookup per ${MIN_GAP_MS} ms); every lookup started in ${runs[0]!.seconds} s ` +
            `is measured to its answer (given up after ${TIMEOUT_MS / 1000} s and counted as that); median of ` +
            `${runs.length} run(s)${runs.length < repeats ? ' (stopped after timeouts: the database was still working off the queue)' : ''}. ` +
            `One client alone first (no queueing): ${alone.map((ms) => Math.round(ms)).join(', ')} ms. Requests: 1-3 known addresses (skewed ` +
            `towards contacts with long histories), 20% with an unknown one, 50% with a logged internetMessageId. ` +
            `Data: ${LOOKUP_DATASET.directory.contacts} persons + companies = 100,001 contacts, ` +
            `${LOOKUP_DATASET.interactions} interactions, ${LOOKUP_DATASET.opportunities} opportunities (seeded once ` +
            `from fixed seeds, kept in ${keep}). Server: server/main.ts via tsx, AUTH_MODE=dev, NODE_ENV=test, ` +
            `RESPONSE_VALIDATION=off (as in production), ${db.description}. All runs: ${all.length} answers, p50 ` +
            `${round(percentile(all, 50), 1)} ms, p99 ${round(percentile(all, 99), 1)} ms, ` +
            `${round(all.length / runs.reduce((n, r) => n + r.seconds, 0), 1)} lookups started/s; not answered in ` +
            `time or not 200: ${failed} (${JSON.stringify(runs.map((r) => r.errors))}); ` +
            `server at start: ${server.startup}; server peak RSS ${Math.round(peakRss)} MB; last run ${cpu}. ${sent ? `${sent}. ` : ''}${setting()}`,
          failed === 0,
          1,
        ),
        capacity,
        aloneResult,
      ];
    } finally {
      await server.stop();
    }
  } finally {
    await db.stop();
  }
}
