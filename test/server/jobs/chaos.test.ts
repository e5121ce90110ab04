// The chaos soak (acceptance test of the engine): 1,600 messages arrive while CLI workers are SIGKILLed at
// seeded random moments, Graph answers ~10% of mail calls with 429/503/504/resets/slow answers and some moves
// with a 404 although they moved the item, the database server is stopped and restarted once, and the archive
// folder is deleted mid-run and recreated by the admin. After clean runs every message must be in exactly one
// legitimate state (test/support/invariants.ts). The longer variant: `npm run bench -- --only engine.chaos`.
// CHAOS_VERBOSE=1 logs every round; CHAOS_SEED=n replays another seeded schedule (default 11).
import assert from 'node:assert/strict';
import { runChaosSoak, type ChaosResult } from '../../support/chaosSoak.js';
import { formatReport } from '../../support/invariants.js';

describe('chaos soak: killed workers, Graph faults, a database restart and a deleted archive folder', function () {
  this.timeout(300_000);
  let result: ChaosResult;

  before(async () => {
    result = await runChaosSoak({
      messages: 1600,
      rounds: 22,
      minKills: 10,
      seed: Number(process.env.CHAOS_SEED ?? 11),
      batchSize: 25,
      log: process.env.CHAOS_VERBOSE ? (m) => console.log(`    ${m}`) : undefined,
    });
    const { stats } = result;
    console.log(
      formatReport(result.report, {
        'workers started': stats.workers,
        'killed mid-run': stats.killedMidRun,
        'worker exits': JSON.stringify(stats.exits),
        'exits while db down': JSON.stringify(stats.dbDownExits),
        'db down (ms)': stats.dbDownMs,
        'lost with the folder': stats.lostWithFolder,
        'clean runs': stats.cleanRuns,
        'job runs': JSON.stringify(stats.runOutcomes),
        'run errors': JSON.stringify(stats.errorCodes),
        'graph operations': stats.graphOperations,
        'graph answers': JSON.stringify(stats.graphByStatus),
        seconds: Math.round(stats.seconds),
      }),
    );
  });

  it('really was chaotic: kills mid-run, injected faults, workers refused while the database was down', () => {
    const { stats } = result;
    assert.ok(stats.killedMidRun >= 10, `only ${stats.killedMidRun} kills landed mid-run`);
    const faults = ['429', '503', '504', '0'].filter((s) => (stats.graphByStatus[s] ?? 0) > 0);
    assert.deepEqual(faults, ['429', '503', '504', '0'], JSON.stringify(stats.graphByStatus));
    assert.equal(stats.dbDownExits.length, 2);
    for (const code of stats.dbDownExits)
      assert.ok(code !== null && code !== 0, `a worker started while the database was down exited ${code}`);
    assert.ok(stats.lostWithFolder > 0, 'the archive folder held mail when it was deleted');
    assert.equal(stats.exits.hung ?? 0, 0, 'no worker had to be killed for hanging');
  });

  it('ends with every message in exactly one legitimate state, nothing deleted, duplicated or lost', () => {
    const { report } = result;
    assert.deepEqual(report.violations.slice(0, 20), [], `${report.violations.length} violations`);
    assert.equal(report.counts.loggableDeleted, 0, 'loggable messages deleted');
    assert.equal(report.counts.entriesDuplicated, 0, 'entries duplicated');
    assert.equal(report.counts.entriesLost, 0, 'entries lost');
    assert.equal(report.counts.messagesLost, 0, 'messages gone');
    const accounted = Object.values(report.fates).reduce((a, b) => a + b, 0);
    assert.equal(accounted, report.counts.generated, 'every message accounted for exactly once');
  });
});
