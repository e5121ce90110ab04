// api.lookup_p95: POST /api/v1/lookup p95 with 100,000 contacts and 1,000,000 interactions, 50 concurrent
// clients. Not measured yet: see the reason below (and bench/README.md).
import { notMeasured, type BenchmarkResult } from '../lib/results.js';
import type { BenchContext } from '../lib/context.js';

/** Interactions per second a bulk insert (50 per command) reaches on FerretDB 1.24 + PostgreSQL here. */
const MEASURED_SEED_RATE = 3000;

export async function apiLookup(_ctx: BenchContext): Promise<BenchmarkResult[]> {
  return [
    notMeasured(
      'api.lookup_p95',
      'ms',
      '<= 50',
      `the lookup route exists (server/routes/lookup, in progress by the API work), but the data set does not: ` +
        `seeding 1,000,000 interactions into FerretDB takes ~${Math.round(1_000_000 / MEASURED_SEED_RATE / 60)} min ` +
        `(${MEASURED_SEED_RATE}/s measured, 50-document inserts), beyond the suite's time budget. Needs a seeded ` +
        `database kept between runs (a cached PostgreSQL cluster keyed by the generator seed) and a 50-client load ` +
        `generator against server/main.ts with AUTH_MODE=dev tokens.`,
    ),
  ];
}
