// api.lookup_capacity and api.lookup_alone_p50, against the same server and data set as api.lookup_p95.
// Capacity: open-loop arrivals (a Poisson process: exponential gaps, whatever the answers do), the rate stepped
// up until a step's p95 exceeds the target; the figure is the highest rate whose p95 stayed within it. Each
// arrival goes out on the next of the step's source addresses (the API rate-limits 1,200 a minute per address:
// a step uses one address per 10 lookups/s), on keep-alive connections opened before the step (a step measures
// lookups, not TLS handshakes: the server closes a connection idle for 5 s, so 500 addresses at 50/s meant a
// new handshake for every lookup). Alone: one client, one lookup after the other, no queueing.
import https from 'node:https';
import { createPrng } from '../../scripts/graph-emulator/prng.js';
import { measured, percentile, round, type BenchmarkResult } from '../lib/results.js';
import { contactEmail } from '../lib/dataset.js';
import { LOOKUP_DATASET, lookupRequest, messageKeyOf } from './lookupData.js';
import { request, TIMEOUT_MS } from './lookup.js';
import { cpuMeter, type CpuGroups } from '../lib/procstat.js';

const TARGET_P95_MS = 50;
const RATES = [50, 100, 200, 300, 400, 500, 600, 700, 800, 1000, 1200, 1500, 2000];
/** Source addresses 127.0.1.1 .. 127.0.2.250: 500 of them, 10,000 lookups a minute in all before any is limited. */
const SOURCES = Array.from({ length: 500 }, (_, i) => `127.0.${1 + Math.floor(i / 250)}.${1 + (i % 250)}`);
/** Lookups per second per source address in a step: half the API's limit (1,200 a minute). */
const PER_SOURCE_RATE = 10;
/** Arrivals beyond this many unanswered lookups are dropped (and the step fails): the client's own limit. */
const MAX_IN_FLIGHT = 4000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface CapacityStep {
  offered: number;
  started: number;
  answered: number;
  p50: number;
  p95: number;
  errors: Record<string, number>;
  /** CPU milliseconds per answered lookup, per process (group), over the step. */
  cpuPerLookup: CpuGroups;
}

/** A step of `seconds` at `rate` arrivals/s; latencies of every lookup started in it, to its answer. */
async function step(
  port: number,
  serverPid: number,
  sources: https.Agent[],
  token: string,
  rate: number,
  seconds: number,
  seed: number,
): Promise<CapacityStep> {
  const random = createPrng(seed);
  // The step's addresses, each connection opened (and the server's handshake done) before the step starts.
  const agents = sources.slice(0, Math.min(sources.length, Math.max(10, Math.ceil(rate / PER_SOURCE_RATE))));
  await Promise.all(agents.map((a) => request(a, port, 'GET', '/config', null)));
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  const pending: Promise<void>[] = [];
  let inFlight = 0;
  let next = 0;
  const meter = cpuMeter({ server: serverPid, client: process.pid });
  const start = performance.now();
  let due = start;
  while (due - start < seconds * 1000) {
    due += (-Math.log(1 - random()) / rate) * 1000; // exponential gap: a Poisson process
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    if (inFlight >= MAX_IN_FLIGHT) {
      errors.dropped = (errors.dropped ?? 0) + 1;
      continue;
    }
    const agent = agents[next++ % agents.length]!;
    const body = lookupRequest(random);
    inFlight++;
    const t0 = performance.now();
    pending.push(
      request(agent, port, 'POST', '/lookup', token, body)
        .then(
          (r) => {
            if (r.status === 200) latencies.push(performance.now() - t0);
            else errors[r.status] = (errors[r.status] ?? 0) + 1;
          },
          (e: Error) => {
            const kind = e.message === 'timeout' ? 'timeout' : 'network';
            errors[kind] = (errors[kind] ?? 0) + 1;
            if (kind === 'timeout') latencies.push(TIMEOUT_MS);
          },
        )
        .finally(() => inFlight--),
    );
  }
  await Promise.all(pending);
  const cpu = meter.stop().cpuSeconds;
  const cpuPerLookup: CpuGroups = {};
  for (const [group, seconds] of Object.entries(cpu))
    cpuPerLookup[group] = round((seconds * 1000) / Math.max(1, latencies.length), 2);
  const failed = Object.values(errors).reduce((a, b) => a + b, 0);
  return {
    offered: rate,
    started: pending.length,
    answered: latencies.length,
    p50: latencies.length ? round(percentile(latencies, 50), 1) : TIMEOUT_MS,
    // A failed lookup counts as too slow: it is in the percentile as the timeout.
    p95: latencies.length
      ? round(percentile([...latencies, ...Array(failed).fill(TIMEOUT_MS)], 95), 1)
      : TIMEOUT_MS,
    errors,
    cpuPerLookup,
  };
}

/** "server 1.31, ferretdb 0.7, ...": the step's CPU ms per lookup, largest first. */
const formatPerLookup = (c: CpuGroups): string =>
  Object.entries(c)
    .sort((a, b) => b[1] - a[1])
    .map(([g, ms]) => `${g} ${ms}`)
    .join(', ');

export async function lookupCapacity(
  port: number,
  serverPid: number,
  ca: Buffer,
  token: string,
  o: { quick: boolean; log: (m: string) => void; setting: string },
): Promise<BenchmarkResult> {
  const agents = SOURCES.map((localAddress) => new https.Agent({ ca, keepAlive: true, localAddress }));
  const seconds = o.quick ? 3 : 8;
  const steps: CapacityStep[] = [];
  try {
    for (const [i, rate] of RATES.entries()) {
      const s = await step(port, serverPid, agents, token, rate, seconds, 900 + i);
      steps.push(s);
      o.log(
        `  capacity step ${rate}/s: ${s.started} started, p50 ${s.p50} ms, p95 ${s.p95} ms, errors ${JSON.stringify(s.errors)}; CPU ms per lookup: ${formatPerLookup(s.cpuPerLookup)}`,
      );
      if (s.p95 > TARGET_P95_MS) break;
      await sleep(1000); // idle keep-alive connections stay; the server's queues are empty
    }
  } finally {
    for (const a of agents) a.destroy();
  }
  const within = steps.filter((s) => s.p95 <= TARGET_P95_MS && Object.keys(s.errors).length === 0);
  const capacity = within.length ? Math.max(...within.map((s) => s.offered)) : 0;
  const table = steps
    .map(
      (s) =>
        `${s.offered}/s: p50 ${s.p50}, p95 ${s.p95} ms${Object.keys(s.errors).length ? ` ${JSON.stringify(s.errors)}` : ''} (CPU ms per lookup: ${formatPerLookup(s.cpuPerLookup)})`,
    )
    .join('; ');
  return measured(
    'api.lookup_capacity',
    'lookups/s',
    '>= 500',
    [capacity],
    `Highest offered rate whose p95 stayed <= ${TARGET_P95_MS} ms with no failed lookup. Open-loop arrivals (Poisson: ` +
      `exponential gaps drawn from a seeded PRNG, independent of the answers), ${seconds} s per step, rates ` +
      `${RATES.join(', ')}/s in turn until a step's p95 exceeds the target; every lookup started in a step is timed to ` +
      `its answer; each step's CPU milliseconds per answered lookup are per process, from /proc (the server, ` +
      `FerretDB, PostgreSQL, the client: this process, and other processes). Requests as in api.lookup_p95, spread over one source address per ${PER_SOURCE_RATE} lookups/s of ` +
      `the step (at least 10; keep-alive HTTPS, each connection opened by a GET /config before the step). ` +
      `The client (this process) shares the 2 cores with the server and the database. Steps: ${table}. ${o.setting}`,
    true,
    0,
  );
}

/** One client, lookups of random messages, every fifth for the busiest contact (the longest history). */
export async function lookupAlone(
  port: number,
  ca: Buffer,
  token: string,
  o: { quick: boolean; setting: string },
): Promise<BenchmarkResult> {
  const agent = new https.Agent({ ca, keepAlive: true, maxSockets: 1 });
  const random = createPrng(499);
  const n = o.quick ? 60 : 300;
  const all: number[] = [];
  const busiest: number[] = [];
  let failed = 0;
  try {
    for (let i = 0; i < n + 10; i++) {
      const body =
        i % 5 === 0
          ? {
              addresses: [contactEmail(0)],
              internetMessageId: messageKeyOf(Math.floor(random() * LOOKUP_DATASET.interactions)),
            }
          : lookupRequest(random);
      const t0 = performance.now();
      const r = await request(agent, port, 'POST', '/lookup', token, body).catch(() => ({ status: 0 }));
      const ms = performance.now() - t0;
      if (i < 10) continue; // the first few warm the connection and the process
      if (r.status !== 200) failed++;
      all.push(r.status === 200 ? ms : TIMEOUT_MS);
      if (i % 5 === 0) busiest.push(ms);
    }
  } finally {
    agent.destroy();
  }
  return measured(
    'api.lookup_alone_p50',
    'ms',
    '<= 10',
    [percentile(all, 50)],
    `p50 of ${n} lookups by one client, one after the other on one keep-alive HTTPS connection (after 10 not ` +
      `counted), requests as in api.lookup_p95 but every fifth for the busiest contact (CT000000, ~500 entries) with a ` +
      `logged message: all p95 ${round(percentile(all, 95), 1)} ms; busiest contact p50 ${round(percentile(busiest, 50), 1)} ms, ` +
      `p95 ${round(percentile(busiest, 95), 1)} ms; failed ${failed}. ${o.setting}`,
    failed === 0,
    1,
  );
}
