// The database server the benchmarks run on: MONGODB_URI when set (external), else FerretDB with its PostgreSQL
// backend on a private PostgreSQL cluster started here (Debian's postgresql), else FerretDB with SQLite.
// Everything listens on 127.0.0.1 only and is removed afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FERRETDB_VERSION } from '../../scripts/lib/ferretdb.js';
import { ensurePushdownIndexes } from '../../scripts/lib/ferretdbPushdownIndexes.js';
import { startMongo, type MongoServer } from '../../scripts/lib/mongo.js';
export { databaseUri } from '../../scripts/lib/mongo.js';
import { findPgBin, startPostgres, type PostgresCluster } from '../../scripts/lib/postgres.js';

export interface BenchDatabase {
  uri: string;
  kind: MongoServer['kind'];
  /** Human-readable: server and version, e.g. "FerretDB v1.24.2 on PostgreSQL 15.x". */
  description: string;
  /** Why the preferred server was not used, if it was not. */
  note: string | null;
  /**
   * After a database's collections exist: what the server needs to use indexes (GIN indexes for FerretDB on
   * PostgreSQL, see scripts/lib/ferretdbPushdownIndexes.ts; nothing elsewhere). Returns the indexes created.
   */
  tune(dbName: string): number;
  /**
   * Table scans (sequential + index) per collection of `dbName` so far, from PostgreSQL's statistics of FerretDB's
   * tables: one per find by key, so the database commands a server sent. They reach the view within PostgreSQL's
   * idle flush interval (STATS_FLUSH_MS). Null where the server is not FerretDB on PostgreSQL.
   */
  scans(dbName: string): Map<string, number> | null;
  stop(): Promise<void>;
}

/** PostgreSQL 15 sends a backend's pending statistics within 10 s of it going idle (PGSTAT_IDLE_INTERVAL). */
export const STATS_FLUSH_MS = 11_000;

const untuned = () => 0;
const noScans = () => null;

/** The MONGODB_URI server: used as it is, nothing to tune or count there. */
function externalDatabase(uri: string, cleanup: () => void): BenchDatabase {
  return {
    uri,
    kind: 'external',
    description: 'external server (MONGODB_URI)',
    note: null,
    tune: untuned,
    scans: noScans,
    stop: async () => cleanup(),
  };
}

/** FerretDB's table of a collection is its name, an underscore and 8 hex digits of a hash. */
function scansOf(pg: PostgresCluster, dbName: string): Map<string, number> {
  const rows = pg
    .sql(
      `SELECT relname, coalesce(seq_scan, 0) + coalesce(idx_scan, 0) FROM pg_stat_user_tables ` +
        `WHERE schemaname = '${dbName.replaceAll("'", "''")}'`,
    )
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('|'));
  return new Map(rows.map(([table, n]) => [table!.replace(/_[0-9a-f]{8}$/, ''), Number(n)]));
}

/** The GIN indexes FerretDB on PostgreSQL needs for Interlog's models in `dbName`. */
function tunerFor(pg: PostgresCluster): (dbName: string) => number {
  return (dbName) => ensurePushdownIndexes(pg.sql, dbName);
}

export type DatabaseChoice = 'auto' | 'postgresql' | 'sqlite';

/**
 * FerretDB on a PostgreSQL cluster kept in `dir` between suite runs (large data sets are seeded once), or the
 * MONGODB_URI server. Null when PostgreSQL is not installed.
 */
export async function startKeptDatabase(
  dir: string,
  log: (m: string) => void,
): Promise<BenchDatabase | null> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'interlog-bench-db-'));
  const cleanup = () => fs.rmSync(dataDir, { recursive: true, force: true });
  if (process.env.MONGODB_URI) {
    return externalDatabase(process.env.MONGODB_URI, cleanup);
  }
  const bin = findPgBin();
  if (!bin) return null;
  fs.mkdirSync(dir, { recursive: true });
  const pg = await startPostgres(bin, dir);
  return ferretDbOn(pg, dataDir, `cluster kept in ${dir}`, log, cleanup);
}

/** FerretDB with its PostgreSQL backend on a cluster; stopping stops both. */
async function ferretDbOn(
  pg: PostgresCluster,
  dataDir: string,
  where: string,
  log: (m: string) => void,
  cleanup: () => void,
): Promise<BenchDatabase> {
  const server = await startMongo({
    dataDir,
    backend: 'postgresql',
    postgresqlUrl: pg.url,
    privateServer: true,
    log,
  });
  return {
    uri: server.uri,
    kind: server.kind,
    description: `FerretDB ${FERRETDB_VERSION}, PostgreSQL backend (PostgreSQL ${pg.version}, ${where})`,
    note: null,
    tune: tunerFor(pg),
    scans: (dbName) => scansOf(pg, dbName),
    stop: async () => {
      await server.stop();
      pg.stop();
      cleanup();
    },
  };
}

export async function startBenchDatabase(
  choice: DatabaseChoice,
  log: (m: string) => void,
): Promise<BenchDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'interlog-bench-db-'));
  const cleanup = () => fs.rmSync(dataDir, { recursive: true, force: true });
  if (process.env.MONGODB_URI && choice === 'auto') {
    return externalDatabase((await startMongo({ dataDir })).uri, cleanup);
  }
  let note: string | null = null;
  if (choice !== 'sqlite') {
    const bin = findPgBin();
    if (bin) {
      try {
        const pg = await startPostgres(bin);
        return await ferretDbOn(pg, dataDir, 'private cluster on 127.0.0.1', log, cleanup);
      } catch (err) {
        note = `PostgreSQL could not be started (${String(err).split('\n')[0]}); fell back to FerretDB with SQLite.`;
      }
    } else {
      note =
        'PostgreSQL is not installed (apt-get install -y postgresql); fell back to FerretDB with SQLite.';
    }
    if (choice === 'postgresql') throw new Error(note ?? 'PostgreSQL unavailable');
  }
  const server = await startMongo({ dataDir, backend: 'sqlite', privateServer: true, log });
  return {
    uri: server.uri,
    kind: server.kind,
    description:
      server.kind === 'mongod' ? 'mongod (on PATH)' : `FerretDB ${FERRETDB_VERSION}, SQLite backend`,
    note,
    tune: untuned,
    scans: noScans,
    stop: async () => {
      await server.stop();
      cleanup();
    },
  };
}
