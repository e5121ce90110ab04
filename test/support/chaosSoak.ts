// The chaos soak of the logging engine, shared by test/server/jobs/chaos.test.ts and bench/engine/chaos.ts:
// generated mail arrives while the engine runs as separate CLI processes (server/cli/logging.ts run-once) that
// are SIGKILLed at seeded random moments, the Graph emulator injects faults into ~10% of mail calls, a private
// database server is stopped (workers started meanwhile must fail) and restarted, and the archive folder is
// deleted mid-run and recreated by "the admin". Then clean runs, and the invariant checker (invariants.ts).
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { databaseUri, startMongo, type MongoServer } from '../../scripts/lib/mongo.js';
import { writeConcernFor } from '../../server/repositories/db.js';
import { DEFAULT_QUARANTINE_FOLDER } from '../../server/domain/policy.js';
import { createPrng } from '../../scripts/graph-emulator/prng.js';
import type { FaultRule } from '../../scripts/graph-emulator/types.js';
import { exitOf, spawnCli } from './cliProcess.js';
import { MAILBOX, startEngineHarness } from './engineHarness.js';
import { checkInvariants, type InvariantReport } from './invariants.js';
import { generateMail } from './mailGenerator.js';
import { startTcpProxy } from './tcpProxy.js';

/** A custom top-level folder: the well-known Archive folder cannot be deleted. */
export const CHAOS_ARCHIVE = 'CRM archive';
const MAIL_CALLS = /\/v1\.0\/users\//;

export interface ChaosOptions {
  messages: number;
  /** Worker runs with mail arriving before each (more follow, without mail, until `minKills` kills landed). */
  rounds: number;
  minKills: number;
  seed: number;
  batchSize: number;
  log?: (msg: string) => void;
  /** Extra environment of the CLI workers and the emulator's TLS (the benchmark has no `npm test` env). */
  workerEnv?: Record<string, string>;
  tls?: { cert: string; key: string };
}

export interface ChaosStats {
  workers: number;
  killedMidRun: number;
  /** Exit codes of the workers that were not killed ('killed' for ours, 'hung' when it had to be killed). */
  exits: Record<string, number>;
  /** Exit codes of the workers started while the database server was down. */
  dbDownExits: (number | null)[];
  dbDownMs: number;
  /** Messages that were in the archive folder when it was deleted. */
  lostWithFolder: number;
  cleanRuns: number;
  /** Job runs by outcome, and the error codes they recorded (which of the engine's paths the soak took). */
  runOutcomes: Record<string, number>;
  errorCodes: Record<string, number>;
  /** The emulator's answers by HTTP status (0: connection reset), and Graph operations in all. */
  graphByStatus: Record<string, number>;
  graphOperations: number;
  seconds: number;
}

export interface ChaosResult {
  report: InvariantReport;
  stats: ChaosStats;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits for the process to exit; kills it after `ms` ('hung'). */
async function exitWithin(child: ChildProcess, ms: number): Promise<number | null | 'hung'> {
  let hung = false;
  const timer = setTimeout(() => {
    hung = true;
    child.kill('SIGKILL');
  }, ms);
  const code = await exitOf(child);
  clearTimeout(timer);
  return hung ? 'hung' : code;
}

export async function runChaosSoak(o: ChaosOptions): Promise<ChaosResult> {
  const started = Date.now();
  const log = o.log ?? (() => {});
  const random = createPrng(o.seed);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'interlog-chaos-db-'));
  const portOf = (uri: string) => Number(new URL(uri.replace(/^mongodb:/, 'http:')).port);
  // The same kind of server as the test run's (mongod if on PATH, else FerretDB on SQLite), private to us.
  const startDb = () => startMongo({ dataDir, privateServer: true });
  let server: MongoServer | null = await startDb();
  const proxy = await startTcpProxy(portOf(server.uri));
  const serverUri = server.uri.replace(/127\.0\.0\.1:\d+/, `127.0.0.1:${proxy.port}`);
  const dbUri = databaseUri(serverUri, 'chaos');
  const conn = mongoose.createConnection(dbUri, { autoIndex: false, ...writeConcernFor(dbUri) });
  conn.on('error', () => {}); // the server goes away on purpose
  const children = new Set<ChildProcess>();
  const timers: NodeJS.Timeout[] = [];
  try {
    await conn.asPromise();
    const h = await startEngineHarness(conn, {
      emulator: { seed: o.seed, latencyMs: 5, limits: { requestsPer10Min: 1_000_000 }, tls: o.tls },
      setup: { batchSize: o.batchSize, policy: { archiveFolder: CHAOS_ARCHIVE } as never },
    });
    try {
      const stats: ChaosStats = {
        workers: 0,
        killedMidRun: 0,
        exits: {},
        dbDownExits: [],
        dbDownMs: 0,
        lostWithFolder: 0,
        cleanRuns: 0,
        runOutcomes: {},
        errorCodes: {},
        graphByStatus: {},
        graphOperations: 0,
        seconds: 0,
      };
      // As cliEnv (cliProcess.ts) builds it, on our database server (the benchmark has no test MONGODB_URI).
      const env = (label: string): NodeJS.ProcessEnv => ({
        ...process.env,
        NODE_ENV: 'test',
        MONGODB_URI: dbUri,
        TLS_CERT_FILE: process.env.INTERLOG_DEV_CERT,
        TLS_KEY_FILE: process.env.INTERLOG_DEV_KEY,
        SECRETS_KEY: h.secretsKey.toString('base64'),
        GRAPH_BASE_URL: h.emu.baseUrl,
        AUTHORITY_HOST: h.emu.baseUrl,
        AUTH_MODE: 'dev',
        LOG_LEVEL: 'silent',
        LEASE_TTL_SECONDS: '1',
        INSTANCE_ID: label,
        ...o.workerEnv,
      });
      const spawn = () => {
        const child = spawnCli(['run-once', '--mailbox', MAILBOX], env(`chaos-${stats.workers++}`));
        children.add(child);
        child.once('exit', () => children.delete(child));
        return child;
      };
      type RunDoc = { outcome: string; counts: Record<string, number>; errors: { code: string }[] };
      const runs = () => conn.db!.collection<RunDoc>('jobRuns');
      const codesOf = (r: RunDoc) => [...new Set(r.errors.map((e) => e.code))].join(',');
      const lastRun = async () => {
        const [r] = await runs().find({ mailbox: MAILBOX }).sort({ startedAt: -1 }).limit(1).toArray();
        return r ? `run ${r.outcome} ${JSON.stringify(r.counts)} ${codesOf(r)}` : 'no run';
      };
      const tally = (code: number | null | 'hung') => {
        const k = String(code ?? 'killed');
        stats.exits[k] = (stats.exits[k] ?? 0) + 1;
      };

      // ~10% of mail calls: throttled (short Retry-After), 503, 504, resets, slow answers, and moves that
      // moved the item yet answered 404.
      const fault = (rule: Omit<FaultRule, 'pathPattern'>) =>
        h.emu.faults.add({ pathPattern: MAIL_CALLS, ...rule });
      fault({ kind: '429', probability: 0.025, retryAfterSeconds: 0.05 });
      fault({ kind: '503', probability: 0.02 });
      fault({ kind: '504', probability: 0.015 });
      fault({ kind: 'reset', probability: 0.015 });
      fault({ kind: 'latency', probability: 0.01, latencyMs: 400 });
      h.emu.faults.add({ method: 'POST', pathPattern: /\/move$/, kind: '404-after', probability: 0.03 });

      const mail = generateMail(o.messages, '2026-01-05T08:00:00Z', 'chaos');
      const arriving = [...mail.messages];
      const perRound = Math.ceil(o.messages / o.rounds);
      const dbRound = Math.floor(o.rounds * (0.3 + 0.2 * random()));
      const folderRound = Math.floor(o.rounds * (0.6 + 0.2 * random()));
      const lostWithFolder = new Map<string, string>();
      let folderBack: Promise<void> = Promise.resolve();
      let typicalOps = perRound; // Graph operations of the last run that ended by itself

      for (let round = 0; round < o.rounds * 3; round++) {
        if (round >= o.rounds && stats.killedMidRun >= o.minKills) break;
        for (const m of arriving.splice(0, perRound)) h.emu.addMessage(MAILBOX, 'inbox', m);
        const child = spawn();
        const before = h.emu.stats.total;
        // Act at a random moment of the run: after a seeded share of the Graph operations a whole run took last
        // time (start-up time varies with load, work does not), plus up to 200 ms (database work between calls).
        const atOps = async (share: number) => {
          const ops = before + 1 + Math.floor(random() * share * typicalOps);
          const deadline = Date.now() + 60_000;
          while (h.emu.stats.total < ops && child.exitCode === null && Date.now() < deadline) await sleep(5);
          await sleep(random() * 200);
        };
        let code: number | null | 'hung';
        if (round === dbRound) {
          await atOps(0.5);
          const down = Date.now();
          proxy.setTarget(null);
          await server!.stop();
          server = null;
          log(`round ${round}: database server stopped after ${h.emu.stats.total - before} Graph operations`);
          const refused = await Promise.all([spawn(), spawn()].map((c) => exitWithin(c, 60_000)));
          stats.dbDownExits.push(...refused.map((c) => (c === 'hung' ? null : c)));
          server = await startDb();
          proxy.setTarget(portOf(server.uri));
          stats.dbDownMs = Date.now() - down;
          log(
            `round ${round}: database server back after ${stats.dbDownMs} ms (workers meanwhile: ${refused})`,
          );
          code = await exitWithin(child, 120_000);
        } else if (round === folderRound) {
          await atOps(0.5);
          for (const m of h.emu.listFolder(MAILBOX, CHAOS_ARCHIVE))
            lostWithFolder.set(m.internetMessageId as string, m.id);
          h.emu.removeFolder(MAILBOX, CHAOS_ARCHIVE);
          const adminDelay = 300 + random() * 2000;
          log(
            `round ${round}: archive folder deleted with ${lostWithFolder.size} messages after ` +
              `${h.emu.stats.total - before} Graph operations; recreated in ${Math.round(adminDelay)} ms`,
          );
          folderBack = new Promise((resolve) => {
            timers.push(
              setTimeout(() => {
                // addMailbox only adds what is missing: a folder the engine created meanwhile stays.
                h.emu.addMailbox({ address: MAILBOX, folders: [{ displayName: CHAOS_ARCHIVE }] });
                resolve();
              }, adminDelay),
            );
          });
          code = await exitWithin(child, 120_000);
        } else if (random() < 0.8) {
          await atOps(1);
          if (child.exitCode === null) {
            child.kill('SIGKILL');
            if (h.emu.stats.total > before) stats.killedMidRun++;
          }
          code = await exitWithin(child, 60_000);
        } else {
          code = await exitWithin(child, 120_000);
        }
        tally(code);
        if (code !== null) typicalOps = Math.max(4, h.emu.stats.total - before);
        log(
          `round ${round}: exit ${code ?? 'killed'}, ${h.emu.stats.total - before} Graph operations, ${await lastRun()}`,
        );
        if (code !== 0) await sleep(1100); // a dead worker's lease expires (LEASE_TTL_SECONDS=1)
      }
      for (const m of arriving.splice(0)) h.emu.addMessage(MAILBOX, 'inbox', m);
      await folderBack;
      stats.graphByStatus = { ...h.emu.stats.byStatus };
      stats.graphOperations = h.emu.stats.total;

      // Clean runs (no faults, no kills) until the Inbox holds only what legitimately stays there.
      h.emu.faults.clear();
      const db = conn.db!;
      for (let i = 0; i < 10; i++) {
        const code = await exitWithin(spawn(), 180_000);
        stats.cleanRuns++;
        tally(code);
        const inPlace = new Set(
          (
            await db
              .collection<{ messageId: string }>('messageStates')
              .find({ mailbox: MAILBOX, state: 'quarantined', inInbox: true })
              .toArray()
          ).map((s) => s.messageId),
        );
        const inbox = h.emu.listFolder(MAILBOX, 'inbox').filter((m) => !inPlace.has(m.id));
        const intents = await db.collection('pendingArchives').countDocuments({ mailbox: MAILBOX });
        log(
          `clean run ${i}: exit ${code}, Inbox ${inbox.length}, intent pages ${intents}, ${await lastRun()}`,
        );
        if (code === 0 && inbox.length === 0 && intents === 0) break;
        await sleep(1100);
      }
      stats.lostWithFolder = lostWithFolder.size;
      for (const r of await runs().find({ mailbox: MAILBOX }).toArray()) {
        stats.runOutcomes[r.outcome] = (stats.runOutcomes[r.outcome] ?? 0) + 1;
        for (const e of r.errors) stats.errorCodes[e.code] = (stats.errorCodes[e.code] ?? 0) + 1;
      }
      const report = await checkInvariants({
        emu: h.emu,
        mailbox: MAILBOX,
        archiveFolder: CHAOS_ARCHIVE,
        quarantineFolder: DEFAULT_QUARANTINE_FOLDER,
        db,
        mail,
        lostWithFolder,
      });
      stats.seconds = (Date.now() - started) / 1000;
      return { report, stats };
    } finally {
      await h.close();
    }
  } finally {
    for (const t of timers) clearTimeout(t);
    for (const c of children) c.kill('SIGKILL');
    await conn.close().catch(() => {});
    await proxy.close();
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
