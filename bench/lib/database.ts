// The database server the benchmarks run on: MONGODB_URI when set (external), else FerretDB with its PostgreSQL
// backend on a private PostgreSQL cluster started here (Debian's postgresql), else FerretDB with SQLite.
// Everything listens on 127.0.0.1 only and is removed afterwards.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FERRETDB_VERSION } from '../../scripts/lib/ferretdb.js';
import { freePort, startMongo, type MongoServer } from '../../scripts/lib/mongo.js';

export interface BenchDatabase {
  uri: string;
  kind: MongoServer['kind'];
  /** Human-readable: server and version, e.g. "FerretDB v1.24.2 on PostgreSQL 15.x". */
  description: string;
  /** Why the preferred server was not used, if it was not. */
  note: string | null;
  stop(): Promise<void>;
}

export type DatabaseChoice = 'auto' | 'postgresql' | 'sqlite';

function findPgBin(): string | null {
  const candidates = ['initdb', 'pg_ctl'].map((b) =>
    spawnSync('sh', ['-c', `command -v ${b}`], { encoding: 'utf8' }).stdout.trim(),
  );
  if (candidates.every(Boolean)) return path.dirname(fs.realpathSync(candidates[1]!));
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return null;
  const versions = fs.readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const bin = path.join(root, v, 'bin');
    if (fs.existsSync(path.join(bin, 'initdb')) && fs.existsSync(path.join(bin, 'pg_ctl'))) return bin;
  }
  return null;
}

interface Cluster {
  url: string;
  version: string;
  stop(): void;
}

/**
 * initdb + pg_ctl as the current user, or as `postgres` through runuser when we are root (postgres refuses root).
 * `keepDir`: a cluster kept between runs (initialised only the first time, never removed); default a temporary one.
 */
async function startPostgres(bin: string, keepDir?: string): Promise<Cluster> {
  const asRoot = process.getuid?.() === 0;
  const dir = keepDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'interlog-bench-pg-'));
  const data = path.join(dir, 'data');
  const fresh = !fs.existsSync(path.join(data, 'PG_VERSION'));
  if (fresh) fs.rmSync(data, { recursive: true, force: true });
  fs.mkdirSync(data, { recursive: true });
  if (asRoot) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  const run = (cmd: string, args: string[]) =>
    execFileSync(
      asRoot ? 'runuser' : path.join(bin, cmd),
      asRoot ? ['-u', 'postgres', '--', path.join(bin, cmd), ...args] : args,
      {
        cwd: dir,
        stdio: ['ignore', 'pipe', 'pipe'],
        encoding: 'utf8',
      },
    );
  if (fresh)
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-instructions']);
  const port = await freePort();
  run('pg_ctl', [
    '-D',
    data,
    '-l',
    path.join(dir, 'postgres.log'),
    '-w',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`,
    'start',
  ]);
  const stop = () => {
    try {
      run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    } catch {
      // already gone
    }
    if (!keepDir) fs.rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stop);
  if (fresh) run('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'ferretdb']);
  const version = run('postgres', ['--version'])
    .trim()
    .replace(/^postgres \(PostgreSQL\) /, '');
  return { url: `postgres://postgres@127.0.0.1:${port}/ferretdb`, version, stop };
}

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
    return {
      uri: process.env.MONGODB_URI,
      kind: 'external',
      description: 'external server (MONGODB_URI)',
      note: null,
      stop: async () => cleanup(),
    };
  }
  const bin = findPgBin();
  if (!bin) return null;
  fs.mkdirSync(dir, { recursive: true });
  const pg = await startPostgres(bin, dir);
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
    description: `FerretDB ${FERRETDB_VERSION}, PostgreSQL backend (PostgreSQL ${pg.version}, cluster kept in ${dir})`,
    note: null,
    stop: async () => {
      await server.stop();
      pg.stop();
      cleanup();
    },
  };
}

/** The URI of one database on a server (the server process takes its database from the URI's path). */
export function databaseUri(serverUri: string, dbName: string): string {
  const uri = new URL(serverUri);
  uri.pathname = `/${dbName}`;
  return uri.toString();
}

export async function startBenchDatabase(
  choice: DatabaseChoice,
  log: (m: string) => void,
): Promise<BenchDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'interlog-bench-db-'));
  const cleanup = () => fs.rmSync(dataDir, { recursive: true, force: true });
  if (process.env.MONGODB_URI && choice === 'auto') {
    const server = await startMongo({ dataDir });
    return {
      uri: server.uri,
      kind: 'external',
      description: 'external server (MONGODB_URI)',
      note: null,
      stop: async () => cleanup(),
    };
  }
  let note: string | null = null;
  if (choice !== 'sqlite') {
    const bin = findPgBin();
    if (bin) {
      try {
        const pg = await startPostgres(bin);
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
          description: `FerretDB ${FERRETDB_VERSION}, PostgreSQL backend (PostgreSQL ${pg.version}, private cluster on 127.0.0.1)`,
          note: null,
          stop: async () => {
            await server.stop();
            pg.stop();
            cleanup();
          },
        };
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
    stop: async () => {
      await server.stop();
      cleanup();
    },
  };
}
