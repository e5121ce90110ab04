// `npm run bench`: runs every benchmark on this machine against a real database server and the Graph emulator
// (loopback only), prints a table and writes bench/results/latest.json plus a dated copy.
//   npm run bench                                 everything (about 10-15 minutes on 2 cores)
//   npm run bench -- --only engine.throughput,addin.taskpane_js_gzip
//   npm run bench -- --quick                      smaller, single runs: a smoke test, not a result
//   npm run bench -- --profile                    also write CPU profiles of the engine (bench/results/profiles/)
//   npm run bench -- --db sqlite|postgresql       force the FerretDB backend (default: PostgreSQL when installed)
// Results are not written with --only or --quick (partial figures must not replace the full set).
import fs from 'node:fs';
import path from 'node:path';
import { ensureDevCertificates } from '../scripts/lib/certs.js';
import { repoRoot } from '../scripts/lib/paths.js';
import { addinTaskpaneSize } from './addin/taskpaneSize.js';
import { engineChaos } from './engine/chaos.js';
import { engineLatency } from './engine/latency.js';
import { engineLatencyPush } from './engine/latencyPush.js';
import { engineRss } from './engine/rss.js';
import { engineThrottled } from './engine/throttled.js';
import { engineThroughput, type EngineRunResult } from './engine/throughput.js';
import { imapLatencyIdle } from './engine/imapLatencyIdle.js';
import { imapThroughput } from './engine/imapThroughput.js';
import { apiLookup } from './api/lookup.js';
import { addinTimeToHistory } from './addin/timeToHistory.js';
import type { BenchContext } from './lib/context.js';
import { startBenchDatabase, type DatabaseChoice } from './lib/database.js';
import {
  formatTable,
  machineInfo,
  writeResults,
  type BenchmarkResult,
  type ResultsFile,
} from './lib/results.js';
import { summarizeProfiles } from './lib/profile.js';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(name);
const option = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const only = option('--only')
  ?.split(',')
  .map((s) => s.trim());
const quick = flag('--quick');
const profile = flag('--profile');
const dbChoice = (option('--db') ?? 'auto') as DatabaseChoice;
const resultsDir = path.join(repoRoot, 'bench', 'results');

interface Benchmark {
  /** The result names it produces. */
  names: string[];
  needsDatabase: boolean;
  run(ctx: BenchContext, shared: Shared): Promise<BenchmarkResult[]>;
}

/** Figures one benchmark hands to another (the throttled ceiling needs the unthrottled requests/message). */
interface Shared {
  throughput?: EngineRunResult;
}

const BENCHMARKS: Benchmark[] = [
  {
    names: ['engine.throughput', 'engine.graph_requests_per_message'],
    needsDatabase: true,
    async run(ctx, shared) {
      const r = await engineThroughput(ctx);
      shared.throughput = r.best;
      return r.results;
    },
  },
  {
    names: ['engine.throttled_ceiling_ratio'],
    needsDatabase: true,
    run: (ctx, shared) => engineThrottled(ctx, shared.throughput?.batchSize),
  },
  { names: ['engine.latency_p95'], needsDatabase: true, run: (ctx) => engineLatency(ctx) },
  { names: ['engine.latency_push_p95'], needsDatabase: true, run: (ctx) => engineLatencyPush(ctx) },
  {
    names: ['server.rss_logging'],
    needsDatabase: true,
    run: (ctx, shared) => engineRss(ctx, shared.throughput?.batchSize),
  },
  // A real Dovecot (and Postfix) started by the benchmark; not measured where they are not installed.
  { names: ['imap.throughput'], needsDatabase: true, run: (ctx) => imapThroughput(ctx) },
  { names: ['imap.latency_idle_p95'], needsDatabase: true, run: (ctx) => imapLatencyIdle(ctx) },
  // Its own private database server, which it stops and restarts mid-run.
  { names: ['engine.chaos'], needsDatabase: false, run: (ctx) => engineChaos(ctx) },
  // Its data set lives in a database cluster of its own, kept between runs.
  {
    names: ['api.lookup_p95', 'api.lookup_capacity', 'api.lookup_alone_p50'],
    needsDatabase: false,
    run: (ctx) => apiLookup(ctx),
  },
  { names: ['addin.taskpane_js_gzip'], needsDatabase: false, run: (ctx) => addinTaskpaneSize(ctx) },
  // The real server on a fresh database of the suite's database server.
  { names: ['addin.time_to_history'], needsDatabase: true, run: (ctx) => addinTimeToHistory(ctx) },
];

function log(msg: string): void {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}`);
}

async function main(): Promise<void> {
  const selected = BENCHMARKS.filter((b) => !only || b.names.some((n) => only.includes(n)));
  if (selected.length === 0)
    throw new Error(`--only matches no benchmark; names: ${BENCHMARKS.flatMap((b) => b.names).join(', ')}`);
  const certs = ensureDevCertificates();
  const profileDir = profile ? path.join(resultsDir, 'profiles') : null;
  if (profileDir) fs.rmSync(profileDir, { recursive: true, force: true });
  const db = selected.some((b) => b.needsDatabase) ? await startBenchDatabase(dbChoice, log) : null;
  if (db) log(`database: ${db.description}${db.note ? ` (${db.note})` : ''}`);
  let dbCounter = 0;
  const ctx: BenchContext = {
    db: db!,
    certs,
    log,
    quick,
    profileDir,
    freshDbName: (label) =>
      `bench_${label.replace(/[^a-z0-9]/gi, '').slice(0, 30)}_${process.pid}_${dbCounter++}`,
  };
  const machine = machineInfo();
  const shared: Shared = {};
  const results: BenchmarkResult[] = [];
  const started = Date.now();
  try {
    for (const b of selected) {
      log(`${b.names.join(' + ')} ...`);
      const t0 = Date.now();
      try {
        results.push(...(await b.run(ctx, shared)));
      } catch (err) {
        console.error(err);
        // A benchmark that breaks is reported, not hidden; the others still run.
        for (const name of b.names) {
          results.push({
            name,
            unit: '',
            median: null,
            min: null,
            max: null,
            target: '',
            met: false,
            runs: [],
            notes: `failed: ${String(err).slice(0, 500)}`,
          });
        }
      }
      log(`  done in ${Math.round((Date.now() - t0) / 1000)} s`);
    }
  } finally {
    await db?.stop();
  }
  console.log(`\n${formatTable(results)}\n`);
  log(`suite took ${Math.round((Date.now() - started) / 1000)} s`);
  if (profileDir) console.log(summarizeProfiles(profileDir));
  const file: ResultsFile = {
    date: new Date().toISOString(),
    machine,
    database: db ? `${db.description}${db.note ? `; ${db.note}` : ''}` : 'none',
    benchmarks: results,
  };
  if (only || quick) {
    log('--only/--quick: results not written (bench/results/latest.json keeps the last full run)');
    console.log(JSON.stringify(file, null, 2));
  } else {
    for (const f of writeResults(resultsDir, file)) log(`wrote ${path.relative(repoRoot, f)}`);
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
