// `npm run timelines -- rebuild`: makes every contact's timeline (the task pane's read model,
// repositories/timelines.ts) again from the entries and opportunities, then marks the timelines complete. Safe
// while the server runs (a timeline is replaced only over the version it was made from). Needed once for a
// database from before the read model (until then lookups read the entries, as before), and to repair one.
// Exit 0 on success, 1 on failure, 78 on bad configuration, 2 on bad usage.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/env.js';
import { StartupFailure } from '../config/startupFailure.js';
import { openDatabase } from '../repositories/db.js';
import { timelinesOf } from '../repositories/timelines.js';

const USAGE = 'usage: timelines rebuild';

async function main(): Promise<number> {
  const { positionals } = parseArgs({ allowPositionals: true, options: {} });
  if (positionals[0] !== 'rebuild' || positionals.length !== 1) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  const db = await openDatabase(config.MONGODB_URI);
  try {
    const t0 = Date.now();
    let reported = 0;
    const contacts = await timelinesOf(db.models).rebuildAll((done, total) => {
      if (done - reported < 5000 && done < total) return;
      reported = done;
      console.error(`${done} of ${total} contacts (${Math.round((Date.now() - t0) / 1000)} s)`);
    });
    console.log(JSON.stringify({ contacts, seconds: Math.round((Date.now() - t0) / 100) / 10 }));
    return 0;
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
        : `timelines failed: ${err instanceof Error ? err.message : String(err)}`,
    );
    process.exit(err instanceof StartupFailure ? err.exitCode : 1);
  },
);
