// server.rss_logging: resident memory of the process that runs the logging engine while it logs 100,000
// messages in one run. The engine runs in its own process (the Graph emulator, which holds the mailbox, in
// another), and the orchestrator samples its RSS from /proc every 250 ms. The figure is the peak.
import fs from 'node:fs';
import { measured, round, type BenchmarkResult } from '../lib/results.js';
import { profilePath, startEngineSession, type BenchContext } from '../lib/context.js';
import { cpuMeter, formatCpu, rssMb } from '../lib/procstat.js';
import type { DirectorySpec } from '../lib/dataset.js';
import type { JobRun } from '../../server/repositories/jobRuns.js';
import { formatPhases } from './throughput.js';

const MAILBOX = 'logging@contoso.example';
/** A large customer: the directory the run loads into memory is part of what is measured. */
export const RSS_DIRECTORY: DirectorySpec = { salespeople: 50, contacts: 20_000, seed: 3 };

interface RunOnceResult {
  startedAt: number;
  finishedAt: number;
  counts: JobRun['counts'];
  outcome: string;
  errors: unknown[];
  phases: Record<string, number>;
}

/** The `--flags` of package.json's `serve` script (the production start command). */
export function productionNodeArgs(): string[] {
  const pkg = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    scripts: Record<string, string>;
  };
  return (pkg.scripts.serve ?? '').split(/\s+/).filter((a) => a.startsWith('--'));
}

export async function engineRss(ctx: BenchContext, batchSize = 250): Promise<BenchmarkResult[]> {
  const messages = ctx.quick ? 10_000 : 100_000;
  const s = await startEngineSession(ctx, {
    label: 'rss',
    emulator: { enforceLimits: false, latencyMs: 0 },
    directory: RSS_DIRECTORY,
    setup: { batchSize },
    // 100,000 messages are ten times Graph's 10-minute budget: with production's client-side bucket the run
    // would take 100 minutes, so the bucket is off (the emulator does not enforce limits either).
    rateLimit: null,
    compiled: true,
    // The Node flags production runs the server with (`npm run serve`), read from package.json: one place decides.
    engineNodeArgs: productionNodeArgs(),
  });
  try {
    const t0 = Date.now();
    await s.emu.call('seedMail', {
      mailbox: MAILBOX,
      spec: { count: messages, seed: 300, directory: RSS_DIRECTORY },
    });
    ctx.log(`  ${messages} messages in the emulator's Inbox (${Math.round((Date.now() - t0) / 1000)} s)`);
    const baseline = rssMb(s.engine.pid)!;
    const samples: { t: number; mb: number }[] = [];
    let heapPeak = 0;
    const timer = setInterval(() => {
      const mb = rssMb(s.engine.pid);
      if (mb !== null) samples.push({ t: Date.now(), mb });
    }, 250);
    // The V8 heap as the process sees it (live objects plus garbage not yet collected), once a second; when
    // profiling, a heap sample too whenever heapUsed reaches a new peak.
    const heapTimer = setInterval(() => {
      void s.engine
        .call<NodeJS.MemoryUsage>('memory')
        .then(async (m) => {
          const mb = m.heapUsed / 2 ** 20;
          if (mb > heapPeak && ctx.profileDir) await s.engine.call('heapSample');
          heapPeak = Math.max(heapPeak, mb);
        })
        .catch(() => {});
    }, 1000);
    const meter = cpuMeter({ engine: s.engine.pid, emulator: s.emu.pid });
    let run: RunOnceResult;
    try {
      // With --profile: a CPU profile and a sampling heap profile at the heap's peak (sampling costs a little).
      run = await s.engine.call<RunOnceResult>('runOnce', {
        recordActions: false,
        profile: profilePath(ctx, 'server.rss_logging'),
        heapProfile: profilePath(ctx, 'server.rss_logging')?.replace(/\.cpuprofile$/, '.heapprofile'),
      });
    } finally {
      clearInterval(timer);
      clearInterval(heapTimer);
    }
    const cpu = meter.stop();
    const heap = await s.engine.call<NodeJS.MemoryUsage>('memory');
    // After the measurement: a full GC shows what is really retained (a leak) versus garbage V8 had not collected.
    const live = await s.engine.call<NodeJS.MemoryUsage>('liveMemory');
    const handled = run.counts.logged + run.counts.deleted;
    if (handled !== messages)
      throw new Error(`run handled ${handled} of ${messages}: ${JSON.stringify(run.errors)}`);
    const mbs = samples.map((x) => x.mb);
    const peak = Math.max(baseline, ...mbs);
    // Memory at each tenth of the run: growth with the number of messages shows as a rising series.
    const tenths = Array.from({ length: 10 }, (_, i) => {
      const at = run.startedAt + ((i + 1) / 10) * (run.finishedAt - run.startedAt);
      const near = samples.filter((x) => x.t <= at).at(-1);
      return near ? Math.round(near.mb) : null;
    });
    const seconds = (run.finishedAt - run.startedAt) / 1000;
    ctx.log(
      `  peak RSS ${round(peak, 1)} MB (idle before the run ${round(baseline, 1)} MB, peak heapUsed ${Math.round(heapPeak)} MB); ` +
        `by tenths of the run: ${tenths.join(', ')}`,
    );
    ctx.log(
      `  after a full GC: heapUsed ${Math.round(live.heapUsed / 2 ** 20)} MB, RSS ${Math.round(live.rss / 2 ** 20)} MB`,
    );
    ctx.log(`  ${round(handled / seconds, 1)} msgs/s over ${round(seconds, 1)} s; ${formatCpu(cpu)}`);
    ctx.log(`  time in steps: ${formatPhases(run.phases, seconds * 1000)}`);
    return [
      measured(
        'server.rss_logging',
        'MB',
        '<= 200',
        [peak],
        `Peak RSS of the engine process (sampled every 250 ms from /proc; Node flags of npm run serve: ${productionNodeArgs().join(' ') || 'none'}) during one run over ${messages} messages ` +
          `(60% logged, 40% deleted; directory of ${RSS_DIRECTORY.contacts} person contacts + companies, ` +
          `${RSS_DIRECTORY.salespeople} salespeople), batchSize ${batchSize}, ${ctx.db.description}. One run only ` +
          `(it takes ${Math.round(seconds)} s), so min = max = median. RSS idle before the run ${round(baseline, 1)} MB ` +
          `(plain Node running the engine bundled by esbuild, as the compiled server runs; mongoose, MSAL, Graph SDK loaded); at each tenth of the run: ${tenths.join(', ')} MB; ` +
          `peak heapUsed ${Math.round(heapPeak)} MB; after: heapUsed ${Math.round(heap.heapUsed / 2 ** 20)} MB, heapTotal ${Math.round(heap.heapTotal / 2 ** 20)} MB, ` +
          `external ${Math.round(heap.external / 2 ** 20)} MB; after a forced full GC: heapUsed ` +
          `${Math.round(live.heapUsed / 2 ** 20)} MB, RSS ${Math.round(live.rss / 2 ** 20)} MB. Engine process only: emulator and database in other ` +
          `processes; no HTTP API loaded. Client-side Graph rate limit off (see code comment). ` +
          `${round(handled / seconds, 1)} msgs/s; ${formatCpu(cpu)}.`,
        true,
        1,
      ),
    ];
  } finally {
    await s.stop();
  }
}
