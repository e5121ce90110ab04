// engine.chaos: the chaos soak of test/server/jobs/chaos.test.ts, longer (5,000 messages). Mail arrives while the
// engine runs as separate CLI processes (server/cli/logging.ts run-once) SIGKILLed at seeded random moments, the
// Graph emulator answers ~10% of mail calls with 429 (Retry-After 0.05 s), 503, 504, connection resets or slow
// answers and 3% of moves with a 404 after moving the item; a private database server is stopped mid-run (two
// workers started meanwhile must exit non-zero) and restarted; the archive folder is deleted mid-run and
// recreated by "the admin". Then clean runs, and the invariant checker (test/support/invariants.ts). The figure
// is loggable messages deleted + entries duplicated + entries lost + messages gone; the notes give every count
// and the time. The soak starts its own database server (it stops it), so `--db` does not apply.
import fs from 'node:fs';
import { runChaosSoak } from '../../test/support/chaosSoak.js';
import { formatReport } from '../../test/support/invariants.js';
import type { BenchContext } from '../lib/context.js';
import type { BenchmarkResult } from '../lib/results.js';

export async function engineChaos(ctx: BenchContext): Promise<BenchmarkResult[]> {
  const messages = ctx.quick ? 1000 : 5000;
  const { certs } = ctx;
  const { report, stats } = await runChaosSoak({
    messages,
    rounds: ctx.quick ? 14 : 40,
    minKills: 10,
    seed: 17,
    batchSize: 50,
    log: (m) => ctx.log(`  ${m}`),
    // The workers are new processes: they must trust the development CA from their start.
    workerEnv: {
      NODE_EXTRA_CA_CERTS: certs.caCertPath,
      TLS_CERT_FILE: certs.certPath,
      TLS_KEY_FILE: certs.keyPath,
    },
    tls: { cert: fs.readFileSync(certs.certPath, 'utf8'), key: fs.readFileSync(certs.keyPath, 'utf8') },
  });
  const c = report.counts;
  const bad = c.loggableDeleted + c.entriesDuplicated + c.entriesLost + c.messagesLost;
  const dbDownOk = stats.dbDownExits.length > 0 && stats.dbDownExits.every((e) => e !== null && e !== 0);
  const chaotic = stats.killedMidRun >= 10 && dbDownOk && stats.lostWithFolder > 0;
  for (const line of formatReport(report).split('\n')) ctx.log(line);
  for (const v of report.violations.slice(0, 20)) ctx.log(`  violation: ${v}`);
  const fates = Object.entries(report.fates)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ');
  return [
    {
      name: 'engine.chaos',
      unit: 'deleted+duplicated+lost',
      median: bad,
      min: bad,
      max: bad,
      target: '0 loggable deleted, 0 duplicated, 0 lost',
      met: bad === 0 && report.violations.length === 0 && chaotic,
      runs: [bad],
      notes:
        `${messages} generated messages (test/support/mailGenerator.ts: 60% loggable, ${c.entriesExpected} expected ` +
        `entries; 40% unmatched, deleted by the default policy), batchSize 50, seed 17, in ${Math.round(stats.seconds)} s ` +
        `on this machine. ${stats.workers} CLI workers (${stats.cleanRuns} clean runs at the end), ` +
        `${stats.killedMidRun} SIGKILLed mid-run; exits ${JSON.stringify(stats.exits)}; job runs ` +
        `${JSON.stringify(stats.runOutcomes)} with errors ${JSON.stringify(stats.errorCodes)}. Graph: ` +
        `${stats.graphOperations} operations under faults, answers by status ${JSON.stringify(stats.graphByStatus)} ` +
        `(0 = connection reset). Database server stopped for ${stats.dbDownMs} ms mid-run; workers started ` +
        `meanwhile exited ${JSON.stringify(stats.dbDownExits)}. Archive folder deleted mid-run with ` +
        `${stats.lostWithFolder} archived messages, recreated by the admin. End state: ${fates}; loggable deleted ` +
        `${c.loggableDeleted}, messages gone ${c.messagesLost}, entries ${c.entries} of ${c.entriesExpected} ` +
        `(duplicated ${c.entriesDuplicated}, lost ${c.entriesLost}, unexpected ${c.entriesUnexpected}, waiting ` +
        `for failing/quarantined messages ${c.entriesPending}), intents left ${c.intentsLeft}, runs left running ` +
        `${c.runsLeftRunning}; ${report.violations.length} invariant violations` +
        (report.violations.length ? ` (first: ${report.violations[0]})` : '') +
        (chaotic
          ? '.'
          : '. NOT chaotic enough (fewer than 10 kills, no refused workers or an empty folder).'),
    },
  ];
}
