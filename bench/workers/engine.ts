// The logging engine in a process of its own, wired as the server wires it (createEngine, runMailbox, the real
// Scheduler, MSAL and the Graph SDK), against the Graph emulator (another process) and a real database. The
// orchestrator measures it from outside (wall time, RSS from /proc) and asks it for its own view over IPC.
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createRepositories } from '../../server/repositories/index.js';
import { createEngine, type Engine } from '../../server/jobs/engine.js';
import { runMailbox } from '../../server/jobs/mailboxRun.js';
import { Scheduler } from '../../server/jobs/scheduler.js';
import { createMailSource } from '../../server/mailsource/factory.js';
import { MailboxLimiterRegistry } from '../../server/mailsource/graph/mailboxLimiter.js';
import type { MailMessage, MailOperation, MailSource } from '../../server/mailsource/MailSource.js';
import { openDatabase, type Database } from '../../server/repositories/db.js';
import type { LoggingSetup } from '../../server/repositories/loggingSetups.js';
import { BENCH_MAILBOX } from '../lib/seed.js';
import { serveWorker } from '../lib/worker.js';
import type { EmulatorInfo } from './graphEmulator.js';

interface PrepareArgs {
  uri: string;
  dbName: string;
  /** base64; the orchestrator sealed the client secret with it when it seeded the database. */
  secretsKey: string;
  emulator: EmulatorInfo;
  /** Client-side token bucket: 'production' (10,000 / 10 min), null (off) or a time-scaled one. */
  rateLimit: 'production' | null | { requests: number; perMs: number };
}

let db: Database | null = null;
let engine: Engine | null = null;
let prepared: PrepareArgs | null = null;
let scheduler: Scheduler | null = null;
/** Completion time (epoch ms) of every move/delete the engine made: one per handled message. */
let actionTimes: number[] = [];
/** Off for the memory benchmark: the list would be the benchmark's own allocation. */
let recordActions = true;

function need<T>(v: T | null, what: string): T {
  if (v === null) throw new Error(`${what}: call prepare first`);
  return v;
}

/** Wall time spent inside each wrapped step during a run, ms (steps that run in parallel overlap). */
let phases: Record<string, number> = {};

function phase<T>(name: string, work: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  return work().finally(() => (phases[name] = (phases[name] ?? 0) + performance.now() - t0));
}

/** Measures the engine's database steps in place (bench only: the instances are the engine's own). */
function instrument(e: Engine): void {
  const wrap = <O extends object>(obj: O, method: keyof O & string, name: string) => {
    const original = (obj[method] as (...a: unknown[]) => Promise<unknown>).bind(obj);
    (obj as Record<string, unknown>)[method] = (...a: unknown[]) => phase(name, () => original(...a));
  };
  wrap(e.deps.pending, 'record', 'db: record intents');
  wrap(e.deps.pending, 'settle', 'db: remove intents');
  wrap(e.deps.interactions, 'writeIdempotent', 'db: write entries');
  wrap(e.deps.masterData, 'directorySnapshot', 'db: load directory');
}

/** Counts when each message was acted on in Exchange (move or delete), to see the rate over time. */
function timed(source: MailSource): MailSource {
  const stamp = <T>(p: Promise<T>) => p.then((v) => (recordActions && actionTimes.push(Date.now()), v));
  return {
    ...source,
    listInbox: (q) => phase('graph: list inbox', () => source.listInbox(q)),
    listNext: (n) => phase('graph: list inbox', () => source.listNext(n)),
    move: (id: string, dest: string): Promise<MailMessage> =>
      stamp(phase('graph: move (4 at a time)', () => source.move(id, dest))),
    delete: (id: string) => stamp(phase('graph: delete (4 at a time)', () => source.delete(id))),
    applyMany: (ops: MailOperation[]) =>
      phase('graph: moves and deletes (batched)', () => source.applyMany(ops)).then((results) => {
        if (recordActions) for (const r of results) if (r.ok) actionTimes.push(Date.now());
        return results;
      }),
  };
}

/** The production wiring (engine.sourceFor), or the same configuration with another client-side rate limit. */
function sourceFor(setup: LoggingSetup): MailSource {
  const p = need(prepared, 'source');
  const e = need(engine, 'source');
  if (p.rateLimit === 'production') return timed(e.sourceFor(setup));
  return timed(
    createMailSource(
      {
        provider: 'graph',
        graph: {
          mailbox: setup.mailbox,
          auth: {
            tenantId: setup.tenantId!,
            clientId: setup.clientId!,
            credential: { kind: 'secret', clientSecret: e.secrets.open(setup.clientSecretSealed!) },
            mode: { kind: 'application' },
            authorityHost: p.emulator.baseUrl,
            graphBaseUrl: p.emulator.baseUrl,
          },
          rateLimit: p.rateLimit,
        },
      },
      { limiters: new MailboxLimiterRegistry() },
    ),
  );
}

/** Profiles this process's main thread between start and stop (only the measured run, not start-up). */
async function startProfiler(): Promise<{ stop(file: string): Promise<void> }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  return {
    async stop(file) {
      const { profile } = await session.post('Profiler.stop');
      fs.writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

interface HeapSampler {
  /** Takes a sample now; the fullest one (most bytes on the heap) is kept. */
  sample(): Promise<void>;
  stop(file: string): Promise<void>;
}
let heapSampler: HeapSampler | null = null;

/**
 * Sampling heap profile: where the objects on the heap (live or garbage not yet collected) were allocated. The
 * orchestrator asks for samples during the run; the fullest is written, as it shows what fills the heap at its peak.
 */
async function startHeapSampling(): Promise<HeapSampler> {
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.enable');
  await session.post('HeapProfiler.startSampling', { samplingInterval: 64 * 1024 });
  let fullest: { bytes: number; profile: unknown } = { bytes: -1, profile: null };
  type Node = { selfSize: number; children: Node[] };
  const bytes = (n: Node): number => n.selfSize + n.children.reduce((sum, c) => sum + bytes(c), 0);
  const sample = async () => {
    const { profile } = await session.post('HeapProfiler.getSamplingProfile');
    const b = bytes(profile.head as unknown as Node);
    if (b > fullest.bytes) fullest = { bytes: b, profile };
  };
  return {
    sample,
    async stop(file) {
      await sample();
      await session.post('HeapProfiler.stopSampling');
      fs.writeFileSync(file, JSON.stringify(fullest.profile));
      session.disconnect();
    },
  };
}

serveWorker({
  /** What the server does at start-up: open the database (indexes ensured) and wire the engine. */
  async prepare(args: PrepareArgs) {
    prepared = args;
    db = await openDatabase(args.uri, { dbName: args.dbName });
    const instanceId = `bench-${process.pid}`;
    engine = createEngine(createRepositories(db, { instanceId }), {
      secretsKey: Buffer.from(args.secretsKey, 'base64'),
      GRAPH_BASE_URL: args.emulator.baseUrl,
      AUTHORITY_HOST: args.emulator.baseUrl,
      INSTANCE_ID: instanceId,
    });
    instrument(engine);
  },

  /** One run over the whole Inbox, as `npm run logging -- run-once` does; `profile`: write a CPU profile of it. */
  async runOnce(args: { profile?: string; heapProfile?: string; recordActions?: boolean } = {}) {
    const e = need(engine, 'runOnce');
    const setup = (await e.deps.setups.get(BENCH_MAILBOX))!;
    actionTimes = [];
    recordActions = args.recordActions ?? true;
    phases = {};
    const profiler = args.profile ? await startProfiler() : null;
    const heapProfiler = args.heapProfile ? await startHeapSampling() : null;
    heapSampler = heapProfiler;
    const t0 = Date.now();
    const run = await runMailbox(e.deps, setup, sourceFor(setup), { trigger: 'manual' });
    const t1 = Date.now();
    // The contacts' timelines, made after the run's pages (repositories/timelineBacklog.ts): timed apart.
    const pending = (await e.deps.interactions.timelines.backlog.pending()).size;
    await e.deps.interactions.timelines.backlog.drain();
    const timelines = { contacts: pending, seconds: (Date.now() - t1) / 1000 };
    if (profiler && args.profile) await profiler.stop(args.profile);
    heapSampler = null;
    if (heapProfiler && args.heapProfile) await heapProfiler.stop(args.heapProfile);
    return {
      startedAt: t0,
      finishedAt: t1,
      timelines,
      counts: run.counts,
      outcome: run.outcome,
      errors: run.errors.slice(0, 5),
      actionTimes,
      phases,
    };
  },

  startScheduler(args: { tickMs: number; leaseTtlMs: number }) {
    const e = need(engine, 'startScheduler');
    scheduler = new Scheduler(e.deps, e.leases, sourceFor, {
      tickMs: args.tickMs,
      leaseTtlMs: args.leaseTtlMs,
      onError: (err) => console.error('scheduler error', err),
    });
    scheduler.start();
  },

  async stopScheduler() {
    await scheduler?.stop();
    scheduler = null;
    const runs = await need(engine, 'stopScheduler').deps.jobRuns.recent(BENCH_MAILBOX, 1000);
    return { runs: runs.length, failed: runs.filter((r) => r.outcome === 'failed').length };
  },

  async entries() {
    return need(db, 'entries').models.Interaction.estimatedDocumentCount();
  },

  memory: () => process.memoryUsage(),
  heapSample: () => heapSampler?.sample(),
  /** A full garbage collection, then memoryUsage: the live heap (diagnostics; never during a measured run). */
  async liveMemory() {
    const session = new Session();
    session.connect();
    await session.post('HeapProfiler.collectGarbage');
    session.disconnect();
    return process.memoryUsage();
  },

  async close(args: { drop: boolean }) {
    await scheduler?.stop();
    if (db && args.drop) await db.conn.dropDatabase().catch(() => {});
    await db?.close();
    db = null;
  },
});
