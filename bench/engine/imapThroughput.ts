// imap.throughput: messages per second logged from a real Dovecot. 5,000 loggable messages (the mix of
// engine.throughput) are APPENDed to the logging mailbox's INBOX beforehand; one runMailbox in the engine
// process, wired as the server wires it (engine.sourceFor: the IMAP adapter over STARTTLS), reads them by UID,
// writes the entries and moves the mail to Archive with UID MOVE. Timed from run start to JobRun finished.
import { generateMail } from '../lib/dataset.js';
import { profilePath, workerEnv, type BenchContext } from '../lib/context.js';
import {
  appendAll,
  emptyMailbox,
  NO_GRAPH,
  seedImapDatabase,
  startBenchMailServers,
} from '../lib/mailServers.js';
import { cpuMeter, formatCpu } from '../lib/procstat.js';
import { measured, notMeasured, round, type BenchmarkResult } from '../lib/results.js';
import { startWorker } from '../lib/worker.js';
import type { MailServers } from '../../test/support/mailServers.js';
import type { JobRun } from '../../server/repositories/jobRuns.js';
import { ENGINE_DIRECTORY, formatPhases } from './throughput.js';

const NAME = 'imap.throughput';
const UNIT = 'messages/s';
const TARGET = '>= 500';
/** The largest page the adapter reads (MAX_PAGE_SIZE 1000) halved: best in the exploration of dc3dd22. */
const BATCH_SIZE = 500;

interface RunOnceResult {
  startedAt: number;
  finishedAt: number;
  counts: JobRun['counts'];
  outcome: string;
  errors: unknown[];
  phases: Record<string, number>;
}

async function oneRun(
  ctx: BenchContext,
  servers: MailServers,
  messages: number,
  seed: number,
  profile: boolean,
) {
  emptyMailbox(servers);
  const mail = generateMail({ count: messages, seed, directory: ENGINE_DIRECTORY, loggedShare: 1 });
  const t0 = Date.now();
  await appendAll(servers, mail.messages);
  ctx.log(`  appended ${messages} messages to Dovecot in ${round((Date.now() - t0) / 1000, 1)} s`);
  const dbName = ctx.freshDbName(`imap-throughput-${seed}`);
  const { secretsKey } = await seedImapDatabase(ctx, dbName, ENGINE_DIRECTORY, servers, {
    batchSize: BATCH_SIZE,
  });
  const engine = await startWorker('workers/engine.ts', { env: workerEnv(ctx) });
  try {
    await engine.call('prepare', {
      uri: ctx.db.uri,
      dbName,
      secretsKey,
      emulator: NO_GRAPH,
      rateLimit: 'production',
    });
    // Dovecot's processes by name: imap (the sessions), lmtp, indexer... and the database's.
    const meter = cpuMeter({ engine: engine.pid }, ['ferretdb', 'postgres', 'imap', 'dovecot', 'auth']);
    const run = await engine.call<RunOnceResult>('runOnce', {
      profile: profile ? profilePath(ctx, NAME) : undefined,
    });
    const cpu = meter.stop();
    if (run.outcome !== 'succeeded' || run.counts.logged !== mail.logged) {
      throw new Error(
        `IMAP run did not log everything: ${JSON.stringify({ outcome: run.outcome, counts: run.counts, errors: run.errors })}`,
      );
    }
    const seconds = (run.finishedAt - run.startedAt) / 1000;
    return {
      perSecond: run.counts.logged / seconds,
      seconds,
      logged: run.counts.logged,
      cpu,
      phases: run.phases,
    };
  } finally {
    await engine.call('close', { drop: true }).catch(() => {});
    await engine.stop();
  }
}

export async function imapThroughput(ctx: BenchContext): Promise<BenchmarkResult[]> {
  const started = await startBenchMailServers(ctx);
  if ('missing' in started) return [notMeasured(NAME, UNIT, TARGET, started.missing)];
  const { servers } = started;
  const messages = ctx.quick ? 1000 : 5000;
  const repeats = ctx.quick ? 1 : 3;
  try {
    const runs: Awaited<ReturnType<typeof oneRun>>[] = [];
    for (let i = 0; i < repeats; i++) {
      const r = await oneRun(ctx, servers, messages, 300 + i, i === repeats - 1);
      ctx.log(`  run ${i + 1}: ${round(r.perSecond, 1)} msgs/s; ${formatCpu(r.cpu)}`);
      ctx.log(`    time in steps: ${formatPhases(r.phases, r.seconds * 1000)}`);
      runs.push(r);
    }
    const last = runs.at(-1)!;
    return [
      measured(
        NAME,
        UNIT,
        TARGET,
        runs.map((r) => r.perSecond),
        `${messages} loggable messages (engine.throughput's mix: half inbound to 1-2 salespeople, half outbound to ` +
          `1-3 contacts; ${ENGINE_DIRECTORY.contacts} contacts) APPENDed to the INBOX of a real Dovecot ` +
          `(${servers.host}, STARTTLS, maildir, no fsync) beforehand, then one runMailbox in its own process wired as ` +
          `the server wires it (the IMAP adapter: UID SEARCH/FETCH ENVELOPE pages of ${BATCH_SIZE}, UID MOVE of a ` +
          `page in one command, COPYUID for the new UIDs), ${ctx.db.description}. Timed from run start to JobRun ` +
          `finished; ${repeats} runs on fresh databases, median. Time in the engine's steps (last run; "graph:" is ` +
          `the mail source's label, here IMAP): ${formatPhases(last.phases, last.seconds * 1000)}. ` +
          `${formatCpu(last.cpu)}.`,
        true,
        1,
      ),
    ];
  } finally {
    await servers.stop();
  }
}
