// Database maintenance for deployments on FerretDB with its PostgreSQL backend:
//   npm run db -- pushdown-indexes <postgresql-url> <database>
// creates the GIN indexes FerretDB 1.24 needs to answer Interlog's equality filters without scanning tables
// (see scripts/lib/ferretdbPushdownIndexes.ts). Run it after the server has started once (it creates the
// collections), and again after an upgrade that declares new indexes. Needs `psql` (Debian: postgresql-client).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import mongoose, { type Model } from 'mongoose';
import { ensurePushdownIndexes } from './lib/ferretdbPushdownIndexes.js';
import { findPgBin } from './lib/postgres.js';
import { createModels } from '../server/repositories/models/index.js';

const USAGE = 'usage: npm run db -- pushdown-indexes <postgresql-url> <database>';

function main(args: string[]): number {
  const [command, url, database] = args;
  if (command !== 'pushdown-indexes' || !url || !database) {
    console.error(USAGE);
    return 64;
  }
  const bin = findPgBin();
  const psql = bin ? path.join(bin, 'psql') : 'psql';
  const sql = (statement: string) =>
    execFileSync(psql, ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', statement], {
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
    });
  const models = Object.values(createModels(mongoose.createConnection())) as Model<unknown>[];
  const n = ensurePushdownIndexes(sql, database, models);
  console.log(`${n} GIN indexes ensured in ${database}`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
