// engine.latency_p95: how long after a mail lands in the shared mailbox's Inbox its entry can be read. The real
// Scheduler runs in the engine process with the shortest interval a setup accepts (10 s) and the server's
// default tick (1 s); mail arrives at seeded random moments; the orchestrator polls the entries through the
// repository (InteractionRepository.byMessageKey, what the API's lookup uses) every 50 ms.
// A mail waits for the next run (up to one interval), so the figure is p95 minus the interval: the seconds the
// engine adds beyond the polling interval (tick granularity, run time, database).
import { createPrng } from '../../scripts/graph-emulator/prng.js';
import { openDatabase } from '../../server/repositories/db.js';
import { InteractionRepository } from '../../server/repositories/interactions.js';
import { NumberSeries } from '../../server/repositories/numberSeries.js';
import { measured, percentile, round, type BenchmarkResult } from '../lib/results.js';
import { startEngineSession, type BenchContext } from '../lib/context.js';
import { BENCH_MAILBOX } from '../lib/seed.js';
import { ENGINE_DIRECTORY } from './throughput.js';

const INTERVAL_SECONDS = 10; // the minimum intervalSeconds of a logging setup
const TICK_MS = 1000; // SCHEDULER_TICK_MS default
const POLL_MS = 50;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function engineLatency(ctx: BenchContext): Promise<BenchmarkResult[]> {
  const rounds = ctx.quick ? 1 : 3;
  const perRound = ctx.quick ? 8 : 20;
  const spanMs = ctx.quick ? 20_000 : 40_000;
  const s = await startEngineSession(ctx, {
    label: 'latency',
    // Graph's real limits, not time-scaled: a trickle of mail is far below them.
    emulator: { enforceLimits: true, latencyMs: 0 },
    directory: ENGINE_DIRECTORY,
    setup: { intervalSeconds: INTERVAL_SECONDS },
    rateLimit: 'production',
  });
  const db = await openDatabase(ctx.db.uri, { dbName: s.dbName });
  const entries = new InteractionRepository(db.models, new NumberSeries(db.models, 'bench-observer'));
  const random = createPrng(400);
  const latencies: number[][] = [];
  try {
    await s.engine.call('startScheduler', { tickMs: TICK_MS, leaseTtlMs: 60_000 });
    await sleep(3000); // the first run (the Inbox is empty) starts at once; arrivals begin after it
    for (let r = 0; r < rounds; r++) {
      const at = Array.from({ length: perRound }, () => random() * spanMs).sort((a, b) => a - b);
      const start = Date.now();
      const waits: Promise<number>[] = [];
      for (let i = 0; i < at.length; i++) {
        await sleep(Math.max(0, start + at[i]! - Date.now()));
        const arrived = await s.emu.call<{ arrivedAt: number[]; loggedKeys: string[] }>('arrive', {
          mailbox: BENCH_MAILBOX,
          spec: {
            count: 1,
            seed: 1000 * r + i,
            directory: ENGINE_DIRECTORY,
            loggedShare: 1,
            prefix: `latency${r}`,
          },
        });
        const key = arrived.loggedKeys[0]!;
        const t0 = arrived.arrivedAt[0]!;
        waits.push(
          (async () => {
            const deadline = t0 + 4 * INTERVAL_SECONDS * 1000;
            while (Date.now() < deadline) {
              if ((await entries.byMessageKey(key)).length > 0) return (Date.now() - t0) / 1000;
              await sleep(POLL_MS);
            }
            throw new Error(`entry of ${key} not visible after ${4 * INTERVAL_SECONDS} s`);
          })(),
        );
      }
      const l = await Promise.all(waits);
      latencies.push(l);
      ctx.log(
        `  round ${r + 1}: p50 ${round(percentile(l, 50), 2)} s, p95 ${round(percentile(l, 95), 2)} s, max ` +
          `${round(Math.max(...l), 2)} s (interval ${INTERVAL_SECONDS} s, ${l.length} mails)`,
      );
    }
    const runs = await s.engine.call<{ runs: number; failed: number }>('stopScheduler');
    const all = latencies.flat();
    return [
      measured(
        'engine.latency_p95',
        's beyond interval',
        '<= 1',
        latencies.map((l) => percentile(l, 95) - INTERVAL_SECONDS),
        `p95 of (entry readable through InteractionRepository.byMessageKey - mail added to the emulator Inbox) minus the ` +
          `polling interval, in seconds; one figure per round of ${perRound} mails at seeded random moments over ` +
          `${spanMs / 1000} s. Real Scheduler (tick ${TICK_MS} ms, lease 60 s), intervalSeconds ${INTERVAL_SECONDS} (the ` +
          `minimum a setup accepts), production wiring, emulator enforcing Graph's real limits, poll every ${POLL_MS} ms. ` +
          `All ${all.length} mails: p50 ${round(percentile(all, 50), 2)} s, p95 ${round(percentile(all, 95), 2)} s, max ` +
          `${round(Math.max(...all), 2)} s. Target: p95 <= interval + 1 s. Scheduler ran ${runs.runs} JobRuns ` +
          `(${runs.failed} failed).`,
        true,
        3,
      ),
    ];
  } finally {
    await db.close();
    await s.stop();
  }
}
