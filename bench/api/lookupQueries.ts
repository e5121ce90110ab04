// What one lookup asks the database: the server's LookupService, wired as in production, in this process on a
// connection that counts the commands it sends (the driver's command monitoring), over the lookup data set.
import mongoose from 'mongoose';
import { wrapConnection } from '../../server/repositories/db.js';
import { createRepositories } from '../../server/repositories/index.js';
import { LookupService } from '../../server/services/lookup.js';
import { VisibilityService } from '../../server/services/visibility.js';
import type { Caller } from '../../server/http/auth/identity.js';
import { createPrng } from '../../scripts/graph-emulator/prng.js';
import { median, percentile, round } from '../lib/results.js';
import { salespersonEmail } from '../lib/dataset.js';
import { lookupRequest } from './lookupData.js';

export interface QueryCount {
  lookups: number;
  mean: number;
  median: number;
  max: number;
  /** Commands per lookup by collection and command name, e.g. "contacts.find": 3.1. */
  byKind: Record<string, number>;
  /** In-process latency (no HTTP, no authentication), ms. */
  p50Ms: number;
  p95Ms: number;
}

export async function countLookupQueries(uri: string, dbName: string, lookups: number): Promise<QueryCount> {
  const conn = mongoose.createConnection(uri, { dbName, autoIndex: false, monitorCommands: true });
  await conn.asPromise();
  try {
    const db = await wrapConnection(conn);
    const repos = createRepositories(db, { instanceId: 'bench-queries' });
    const visibility = new VisibilityService({ settings: repos.settings, contacts: repos.contacts });
    const service = new LookupService({ ...repos, visibility });
    let current: Record<string, number> | null = null;
    conn.getClient().on('commandStarted', (e) => {
      if (!current) return;
      const collection = typeof e.command[e.commandName] === 'string' ? e.command[e.commandName] : '';
      const key = `${collection}.${e.commandName}`;
      current[key] = (current[key] ?? 0) + 1;
    });
    const caller = (): Caller => ({
      userId: 'bench',
      tenantId: 'bench',
      email: salespersonEmail(0),
      displayName: 'Bench',
      roles: ['salesperson'],
      salespersonCode: 'SP000',
      kind: 'user',
    });
    const random = createPrng(77);
    // As the server does at start: the contact directory, then the timelines' cache.
    await repos.masterData.loadContactDirectory();
    await repos.interactions.timelines.fillCache();
    await service.lookup(caller(), lookupRequest(random)); // the process's first lookup fills its caches
    const counts: number[] = [];
    const ms: number[] = [];
    const byKind: Record<string, number> = {};
    for (let i = 0; i < lookups; i++) {
      current = {};
      const t0 = performance.now();
      await service.lookup(caller(), lookupRequest(random));
      ms.push(performance.now() - t0);
      const seen: Record<string, number> = current;
      current = null;
      counts.push(Object.values(seen).reduce((a, b) => a + b, 0));
      for (const [k, n] of Object.entries(seen)) byKind[k] = (byKind[k] ?? 0) + n;
    }
    return {
      lookups,
      mean: round(counts.reduce((a, b) => a + b, 0) / lookups, 2),
      median: median(counts),
      max: Math.max(...counts),
      byKind: Object.fromEntries(
        Object.entries(byKind)
          .sort((a, b) => b[1] - a[1])
          .map(([k, n]) => [k, round(n / lookups, 2)]),
      ),
      p50Ms: round(percentile(ms, 50), 1),
      p95Ms: round(percentile(ms, 95), 1),
    };
  } finally {
    await conn.close();
  }
}

export function formatQueryCount(q: QueryCount): string {
  const kinds = Object.entries(q.byKind)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  return (
    `${q.mean} database commands per lookup on average (median ${q.median}, max ${q.max}; ${q.lookups} lookups ` +
    `of the same mix, in-process, after the contact directory and the timelines were loaded as the server does at ` +
    `start): ${kinds}; in-process p50 ${q.p50Ms} ms, p95 ${q.p95Ms} ms`
  );
}

/**
 * The database commands the server itself sent per lookup over a measured stretch, from the table scans PostgreSQL
 * counted (BenchDatabase.scans): with its caches as they were, and the reads concurrent lookups share.
 */
export function formatServerScans(
  before: ReadonlyMap<string, number>,
  after: ReadonlyMap<string, number>,
  lookups: number,
): string {
  const per = [...after]
    .map(([collection, n]) => [collection, (n - (before.get(collection) ?? 0)) / lookups] as const)
    .filter(([, n]) => n >= 0.005)
    .sort((a, b) => b[1] - a[1]);
  const total = per.reduce((a, [, n]) => a + n, 0);
  return (
    `${round(total, 2)} database commands per lookup sent by the server in the 50-client runs (${lookups} lookups; ` +
    `PostgreSQL's scans of FerretDB's tables): ${per.map(([c, n]) => `${c} ${round(n, 2)}`).join(', ')}`
  );
}
