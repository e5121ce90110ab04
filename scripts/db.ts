// Database maintenance for deployments on FerretDB with its PostgreSQL backend:
//   npm run db -- pushdown-indexes <postgresql-url> <database>
// creates the GIN indexes FerretDB 1.24 needs to answer Interlog's equality filters without scanning tables
// (see scripts/lib/ferretdbPushdownIndexes.ts). Run it after the server has started once (it creates the
// collections), and again after an upgrade that declares new indexes. Needs `psql` (Debian: postgresql-client).
import path from 'node:path';
import { ensurePushdownIndexes } from './lib/ferretdbPushdownIndexes.js';
import { findPgBin, psqlRunner } from './lib/postgres.js';

const USAGE = 'usage: npm run db -- pushdown-indexes <postgresql-url> <database>';

function main(args: string[]): number {
  const [command, url, database] = args;
  if (command !== 'pushdown-indexes' || !url || !database) {
    console.error(USAGE);
    return 64;
  }
  const bin = findPgBin();
  const n = ensurePushdownIndexes(psqlRunner(bin ? path.join(bin, 'psql') : 'psql', url), database);
  console.log(`${n} GIN indexes ensured in ${database}`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
