// `npm run logging -- run-once [--mailbox ADDRESS] [--full]` and `npm run logging -- validate [--mailbox ADDRESS]`:
// one pass or a validation from the command line, printed as JSON. Exit 0 on success, 1 on failure, 75 when
// another instance holds the mailbox's lease, 78 on bad configuration, 2 on bad usage.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/env.js';
import { StartupFailure } from '../config/startupFailure.js';
import { openDatabase } from '../repositories/db.js';
import { createRepositories } from '../repositories/index.js';
import { createEngine } from '../jobs/engine.js';
import { acquireMailbox } from '../jobs/leasedRun.js';
import { validateSetupOf } from '../jobs/validateSetup.js';
import { imapProbeForSetup } from '../mailsource/sourceForSetup.js';

const USAGE = 'usage: logging (run-once|validate) [--mailbox ADDRESS] [--full]';

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { mailbox: { type: 'string' }, full: { type: 'boolean', default: false } },
  });
  const command = positionals[0];
  if (command !== 'run-once' && command !== 'validate') {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  const db = await openDatabase(config.MONGODB_URI);
  try {
    const engine = createEngine(createRepositories(db, { instanceId: config.INSTANCE_ID }), config);
    const setups = values.mailbox
      ? [await engine.deps.setups.get(values.mailbox.toLowerCase())].filter((s) => s !== null)
      : command === 'run-once'
        ? await engine.deps.setups.enabled()
        : await engine.deps.setups.list();
    if (setups.length === 0) {
      console.error(
        values.mailbox ? `No email-logging setup for ${values.mailbox}.` : 'No email-logging setup found.',
      );
      return 1;
    }
    let status = 0;
    for (const setup of setups) {
      if (command === 'validate') {
        const result = await validateSetupOf(setup, {
          sourceFor: engine.sourceFor,
          imapProbeFor: (s) => imapProbeForSetup(s, engine.secrets),
        });
        console.log(JSON.stringify({ mailbox: setup.mailbox, ...result }, null, 2));
        if (!result.ok) status = 1;
        continue;
      }
      const leased = await acquireMailbox({ ...engine, leaseTtlMs: config.LEASE_TTL_SECONDS * 1000 }, setup);
      if (!leased) {
        console.error(`${setup.mailbox} is being processed by another instance; try again later.`);
        status = Math.max(status, 75);
        continue;
      }
      const run = await leased.run({ trigger: 'cli', full: values.full });
      console.log(JSON.stringify(run, null, 2));
      if (run.outcome === 'failed') status = Math.max(status, 1);
    }
    // The run's contacts' timelines, which a server would make a second later (repositories/timelineBacklog.ts).
    if (command === 'run-once') await engine.deps.interactions.timelines.backlog.drain();
    return status;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(
      err instanceof ConfigError
        ? err.message
        : `logging failed: ${err instanceof Error ? err.message : String(err)}`,
    );
    process.exit(err instanceof StartupFailure ? err.exitCode : 1);
  },
);
