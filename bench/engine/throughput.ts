// engine.throughput and engine.graph_requests_per_message: one run of the engine over an Inbox of 5,000
// loggable messages, the emulator answering without latency or limits. Several page sizes (the setup's
// batchSize) are tried once; the best is repeated for the figure.
import { measured, round, type BenchmarkResult } from '../lib/results.js';
import { profilePath, startEngineSession, type BenchContext } from '../lib/context.js';
import type { DirectorySpec } from '../lib/dataset.js';
import type { StatsSnapshot } from '../workers/graphEmulator.js';
import type { JobRun } from '../../server/repositories/jobRuns.js';
import { cpuMeter, formatCpu } from '../lib/procstat.js';

export const ENGINE_DIRECTORY: DirectorySpec = { salespeople: 20, contacts: 1000, seed: 1 };
const MAILBOX = 'logging@contoso.example';

export interface EngineRunResult {
  batchSize: number;
  messages: number;
  seconds: number;
  perSecond: number;
  requests: number;
  requestsPerMessage: number;
  byStatus: Record<string, number>;
  tokenRequests: Record<string, number>;
  counts: JobRun['counts'];
  outcome: string;
  cpu: ReturnType<ReturnType<typeof cpuMeter>['stop']>;
  phases: Record<string, number>;
  timelines: { contacts: number; seconds: number };
}

interface RunOnceResult {
  startedAt: number;
  finishedAt: number;
  /** Making the run's contacts' timelines afterwards (in production: in the background, a second later). */
  timelines: { contacts: number; seconds: number };
  counts: JobRun['counts'];
  outcome: string;
  errors: unknown[];
  phases: Record<string, number>;
}

/** "db: write entries 1.2 s (20%), ..." of the wall time of a run. */
export function formatPhases(phases: Record<string, number>, wallMs: number): string {
  return Object.entries(phases)
    .sort((a, b) => b[1] - a[1])
    .map(([k, ms]) => `${k} ${round(ms / 1000, 2)} s (${Math.round((ms / wallMs) * 100)}%)`)
    .join(', ');
}

async function oneRun(
  ctx: BenchContext,
  batchSize: number,
  messages: number,
  seed: number,
  profile: boolean,
): Promise<EngineRunResult> {
  const s = await startEngineSession(ctx, {
    label: `throughput-b${batchSize}-s${seed}`,
    emulator: { enforceLimits: false, latencyMs: 0 },
    directory: ENGINE_DIRECTORY,
    setup: { batchSize },
    rateLimit: 'production',
  });
  try {
    const seeded = await s.emu.call<{ logged: number }>('seedMail', {
      mailbox: MAILBOX,
      spec: { count: messages, seed, directory: ENGINE_DIRECTORY, loggedShare: 1 },
    });
    await s.emu.call('resetStats');
    const meter = cpuMeter({ engine: s.engine.pid, emulator: s.emu.pid });
    const run = await s.engine.call<RunOnceResult>('runOnce', {
      profile: profile ? profilePath(ctx, `engine.throughput-batch${batchSize}`) : undefined,
    });
    const cpu = meter.stop();
    const stats = await s.emu.call<StatsSnapshot>('stats');
    if (run.outcome !== 'succeeded' || run.counts.logged !== seeded.logged) {
      throw new Error(
        `throughput run did not log everything: ${JSON.stringify({ outcome: run.outcome, counts: run.counts, errors: run.errors })}`,
      );
    }
    const seconds = (run.finishedAt - run.startedAt) / 1000;
    return {
      batchSize,
      messages: run.counts.logged,
      seconds,
      perSecond: run.counts.logged / seconds,
      requests: stats.total,
      requestsPerMessage: stats.total / run.counts.logged,
      byStatus: stats.byStatus,
      tokenRequests: stats.tokenRequests,
      counts: run.counts,
      outcome: run.outcome,
      cpu,
      phases: run.phases,
      timelines: run.timelines,
    };
  } finally {
    await s.stop();
  }
}

export async function engineThroughput(
  ctx: BenchContext,
): Promise<{ results: BenchmarkResult[]; best: EngineRunResult }> {
  const messages = ctx.quick ? 1000 : 5000;
  const sizes = ctx.quick ? [250] : [100, 250, 500];
  const repeats = ctx.quick ? 1 : 3;
  const explore: EngineRunResult[] = [];
  for (const b of sizes) {
    const r = await oneRun(ctx, b, messages, 100, repeats === 1);
    ctx.log(
      `  batchSize ${b}: ${round(r.perSecond, 1)} msgs/s, ${round(r.requestsPerMessage, 4)} requests/msg; ${formatCpu(r.cpu)}`,
    );
    ctx.log(`    time in steps: ${formatPhases(r.phases, r.seconds * 1000)}`);
    explore.push(r);
  }
  const best = explore.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
  const runs = [best];
  for (let i = 1; i < repeats; i++) {
    // The last repetition writes the CPU profile (when profiling), so the profile shows the measured setting.
    const r = await oneRun(ctx, best.batchSize, messages, 100 + i, i === repeats - 1);
    ctx.log(`  batchSize ${best.batchSize} again: ${round(r.perSecond, 1)} msgs/s`);
    runs.push(r);
  }
  const tried = explore.map((r) => `${r.batchSize}: ${round(r.perSecond, 0)}`).join(', ');
  const statuses = JSON.stringify(best.byStatus);
  const throughput = measured(
    'engine.throughput',
    'messages/s',
    '>= 1000',
    runs.map((r) => r.perSecond),
    `${messages} loggable messages (half inbound to 1-2 salespeople, half outbound to 1-3 contacts; ${ENGINE_DIRECTORY.contacts} contacts, ` +
      `${ENGINE_DIRECTORY.salespeople} salespeople) in one runMailbox, production wiring (MSAL, Graph SDK, 4-request gate), ` +
      `emulator in its own process without latency or limits, ${ctx.db.description}. Timed from run start to JobRun finished ` +
      `(token, folders, directory load included). batchSize tried once each (msgs/s): ${tried}; best ${best.batchSize}, ` +
      `repeated ${repeats}x. Time in the engine's steps (best run, parallel Graph calls add up): ` +
      `${formatPhases(best.phases, best.seconds * 1000)}. ${formatCpu(best.cpu)}. The run's ${best.timelines.contacts} ` +
      `contacts' timelines (the pane's read model) are made after it, not in it (repositories/timelineBacklog.ts): ` +
      `${round(best.timelines.seconds, 2)} s more in the background, so the run and its timelines together ` +
      `${round(best.messages / (best.seconds + best.timelines.seconds), 0)} msgs/s.`,
    true,
    1,
  );
  const rpm = runs.map((r) => r.requestsPerMessage);
  const requests = measured(
    'engine.graph_requests_per_message',
    'requests/message',
    '<= 1.02',
    rpm,
    `Graph operations counted by the emulator (stats.total) per logged message, batchSize ${best.batchSize}, same runs as ` +
      `engine.throughput (every message loggable, so per logged = per handled message). Best run: ${best.requests} ` +
      `requests for ${best.messages} messages = ${best.counts.archived} moves (one per message, to the archive folder) + ` +
      `${best.requests - best.counts.archived} others (Inbox pages of ${best.batchSize} incl. the final empty one, ` +
      `folder look-ups, creating the quarantine folder); HTTP statuses ${statuses}; token requests (not Graph ` +
      `operations) ${JSON.stringify(best.tokenRequests)}. Moves go out in JSON batches of 20; the emulator counts ` +
      `each part as a request (as Graph's throttling does), the batch envelopes not at all.`,
    true,
    4,
  );
  return { results: [throughput, requests], best };
}
