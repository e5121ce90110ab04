// A private PostgreSQL cluster on loopback, from Debian's `postgresql` package: the backend of FerretDB for large
// data sets (benchmarks, tests of the PostgreSQL-backed deployment). initdb + pg_ctl as the current user, or as
// `postgres` through runuser when we are root (PostgreSQL refuses to run as root).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './mongo.js';

export interface PostgresCluster {
  /** postgres://postgres@127.0.0.1:<port>/ferretdb (trust authentication, loopback only). */
  url: string;
  version: string;
  /** Runs SQL through psql and returns its unaligned, tuples-only output. */
  sql(statement: string): string;
  stop(): void;
}

/** Runs one SQL statement on a database through psql; returns its unaligned, tuples-only output. */
export function psqlRunner(psql: string, url: string): (statement: string) => string {
  return (statement) =>
    execFileSync(psql, ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', statement], {
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
    });
}

/** The folder with initdb, pg_ctl and psql, or null when PostgreSQL is not installed. */
export function findPgBin(): string | null {
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

/**
 * initdb + pg_ctl as the current user, or as `postgres` through runuser when we are root (postgres refuses root).
 * `keepDir`: a cluster kept between runs (initialised only the first time, never removed); default a temporary one.
 */
export async function startPostgres(bin: string, keepDir?: string): Promise<PostgresCluster> {
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
  const url = `postgres://postgres@127.0.0.1:${port}/ferretdb`;
  const sql = psqlRunner(path.join(bin, 'psql'), url);
  return { url, version, sql, stop };
}
