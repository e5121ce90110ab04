// engine.throttled_ceiling_ratio: the engine against an emulator that enforces Graph's per-app-and-mailbox
// limits (request budget per sliding window, 4 concurrent), time-scaled so a window lasts seconds. The budget
// allows at most B requests in any window of W seconds, so over whole windows at most B/W requests per second;
// divided by the requests one message costs, that is the ceiling in messages per second. The figure is the
// messages handled per second in steady state (after the first window, whose full budget is a one-off burst)
// divided by that ceiling.
import { measured, round, type BenchmarkResult } from '../lib/results.js';
import { startEngineSession, type BenchContext } from '../lib/context.js';
import { cpuMeter, formatCpu } from '../lib/procstat.js';
import type { StatsSnapshot } from '../workers/graphEmulator.js';
import { ENGINE_DIRECTORY } from './throughput.js';
import type { JobRun } from '../../server/repositories/jobRuns.js';

const MAILBOX = 'logging@contoso.example';
/** Graph: 10,000 requests per 10 minutes. Here: time runs 60x faster and the budget is a tenth, so the ceiling
 *  (100 requests/s) is well below what the engine does unthrottled and the budget, not the engine, is the limit. */
export const THROTTLE = { requestsPer10Min: 1000, timeScale: 60 };
const WINDOW_MS = 600_000 / THROTTLE.timeScale;
const CEILING_REQUESTS_PER_S = THROTTLE.requestsPer10Min / (WINDOW_MS / 1000);
/** Steady state measured over this many whole windows, after the first. */
const MEASURED_WINDOWS = 2;

interface RunOnceResult {
  startedAt: number;
  finishedAt: number;
  counts: JobRun['counts'];
  outcome: string;
  errors: unknown[];
  actionTimes: number[];
}

interface ThrottledRun {
  ratio: number;
  sustained: number;
  ceiling: number;
  requestsPerMessage: number;
  failed: number;
  throttled: number;
  retryAfterWaits: number;
  perWindow: number[];
  cpu: string;
}

async function oneRun(
  ctx: BenchContext,
  batchSize: number,
  messages: number,
  seed: number,
): Promise<ThrottledRun> {
  const s = await startEngineSession(ctx, {
    label: `throttled-s${seed}`,
    emulator: { enforceLimits: true, limits: THROTTLE, latencyMs: 0 },
    directory: ENGINE_DIRECTORY,
    setup: { batchSize },
    // The client's own token bucket is Graph's budget time-scaled like the emulator's (production: 10,000 per
    // 10 minutes of real time); without scaling it would allow a tenth of a request per emulated second.
    rateLimit: { requests: THROTTLE.requestsPer10Min, perMs: WINDOW_MS },
  });
  try {
    await s.emu.call('seedMail', {
      mailbox: MAILBOX,
      spec: { count: messages, seed, directory: ENGINE_DIRECTORY },
    });
    await s.emu.call('resetStats');
    const meter = cpuMeter({ engine: s.engine.pid, emulator: s.emu.pid });
    const run = await s.engine.call<RunOnceResult>('runOnce');
    const cpu = meter.stop();
    const stats = await s.emu.call<StatsSnapshot>('stats');
    const handled = run.counts.logged + run.counts.deleted;
    // A failed message stays in the Inbox for the next run: every message not handled in this run failed.
    const failed = Math.max(run.counts.failed, messages - handled);
    const admitted = stats.total - stats.throttled;
    const requestsPerMessage = admitted / handled;
    const from = run.startedAt + WINDOW_MS;
    const to = from + MEASURED_WINDOWS * WINDOW_MS;
    if (run.finishedAt < to)
      throw new Error(
        `run ended before the measured windows (${(run.finishedAt - run.startedAt) / 1000} s): use more messages`,
      );
    const inSteadyState = run.actionTimes.filter((t) => t >= from && t < to).length;
    const sustained = inSteadyState / ((to - from) / 1000);
    const ceiling = CEILING_REQUESTS_PER_S / requestsPerMessage;
    const perWindow = Array.from(
      { length: Math.ceil((run.finishedAt - run.startedAt) / WINDOW_MS) },
      (_, w) =>
        run.actionTimes.filter(
          (t) => t >= run.startedAt + w * WINDOW_MS && t < run.startedAt + (w + 1) * WINDOW_MS,
        ).length,
    );
    ctx.log(
      `  ${round(sustained, 1)} msgs/s sustained, ceiling ${round(ceiling, 1)} -> ratio ${round(sustained / ceiling, 3)}; ` +
        `messages per ${WINDOW_MS / 1000}-s window: ${perWindow.join(', ')}; 429 ApplicationThrottled: ${stats.throttled} ` +
        `(budget ${stats.throttledBudget}, concurrency ${stats.throttledConcurrency}); failed ${failed}; ${formatCpu(cpu)}`,
    );
    if (failed > 0 || run.outcome !== 'succeeded') {
      const first = (run.errors as { context: string; code: string; at: string }[]).map(
        (e) => `${e.context}/${e.code} at ${e.at}`,
      );
      ctx.log(
        `  run ${run.outcome}, counts ${JSON.stringify(run.counts)}, first errors: ${first.join('; ')}`,
      );
    }
    return {
      ratio: sustained / ceiling,
      sustained,
      ceiling,
      requestsPerMessage,
      failed,
      throttled: stats.throttled,
      retryAfterWaits: stats.throttledBudget,
      perWindow,
      cpu: formatCpu(cpu),
    };
  } finally {
    await s.stop();
  }
}

export async function engineThrottled(ctx: BenchContext, batchSize = 250): Promise<BenchmarkResult[]> {
  const repeats = ctx.quick ? 1 : 3;
  // Enough mail for the first window's burst, the measured windows and a little more.
  const messages = Math.ceil(THROTTLE.requestsPer10Min * (MEASURED_WINDOWS + 1.6));
  const runs: ThrottledRun[] = [];
  for (let i = 0; i < repeats; i++) runs.push(await oneRun(ctx, batchSize, messages, 200 + i));
  const failed = runs.reduce((n, r) => n + r.failed, 0);
  const mid = [...runs].sort((a, b) => a.ratio - b.ratio)[Math.floor(runs.length / 2)]!;
  return [
    measured(
      'engine.throttled_ceiling_ratio',
      'ratio',
      '>= 0.90',
      runs.map((r) => r.ratio),
      `Emulator enforcing ${THROTTLE.requestsPer10Min} requests per 10 min and 4 concurrent per app+mailbox, timeScale ` +
        `${THROTTLE.timeScale} (window ${WINDOW_MS / 1000} s, ceiling ${CEILING_REQUESTS_PER_S} requests/s): Graph's ` +
        `10,000/10 min time-scaled 60x with a tenth of the budget, so the ceiling sits below the engine's unthrottled ` +
        `speed. Client token bucket scaled the same way (bench-built MailSource; production's is fixed at 10,000/10 min). ` +
        `${messages} mixed messages (60% logged, 40% deleted), batchSize ${batchSize}. Sustained = messages handled ` +
        `(moved or deleted) in windows 2-${MEASURED_WINDOWS + 1} / ${MEASURED_WINDOWS * (WINDOW_MS / 1000)} s; ceiling = ` +
        `${CEILING_REQUESTS_PER_S} / admitted requests per message (${round(mid.requestsPerMessage, 4)} in the median run: ` +
        `${round(mid.ceiling, 1)} msgs/s). Median run: ${round(mid.sustained, 1)} msgs/s, messages per window ` +
        `${mid.perWindow.join('/')}, ${mid.throttled} requests answered 429 (budget ${mid.retryAfterWaits}). ` +
        `Failed messages over all runs: ${failed} (target 0): a move or delete still answered 429 after the adapter's ` +
        `5 attempts (honouring Retry-After) fails for this run and is retried by the next. Median run ${mid.cpu}.`,
      failed === 0,
      3,
    ),
  ];
}
