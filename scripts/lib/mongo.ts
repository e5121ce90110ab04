// Provides a real MongoDB-protocol server for `npm start`, `npm test` and the benchmarks:
// MONGODB_URI if set, else a local `mongod`, else FerretDB (SQLite backend, or PostgreSQL when asked).
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import mongoose from 'mongoose';
import { StartupFailure } from '../../server/config/startupFailure.js';
import { ensureFerretDb } from './ferretdb.js';

export interface MongoServer {
  uri: string;
  kind: 'external' | 'mongod' | 'ferretdb-sqlite' | 'ferretdb-postgresql';
  stop(): Promise<void>;
}

export interface MongoOptions {
  /** Folder for the database files; created if missing. */
  dataDir: string;
  /** FerretDB backend; PostgreSQL needs `postgresqlUrl`. */
  backend?: 'sqlite' | 'postgresql';
  postgresqlUrl?: string;
  log?: (msg: string) => void;
  /** Ignore MONGODB_URI and start a private server (tests that stop the database on purpose). */
  privateServer?: boolean;
}

/** The URI of one database on a server (the server process takes its database from the URI's path). */
export function databaseUri(serverUri: string, dbName: string): string {
  const uri = new URL(serverUri);
  uri.pathname = `/${dbName}`;
  return uri.toString();
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function onPath(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Waits until the server answers a real `ping`. */
export async function waitForPing(uri: string, child?: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null)
      throw new Error(`database server exited with code ${child.exitCode}`);
    const conn = mongoose.createConnection(uri, { serverSelectionTimeoutMS: 1000 });
    try {
      await conn.asPromise();
      await conn.db!.admin().ping();
      return;
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      await conn.close().catch(() => {});
    }
  }
  throw new Error(`database did not answer ping within ${timeoutMs} ms: ${String(lastError)}`);
}

/** SIGTERM, then SIGKILL after 10 s; resolves when the process has exited. */
export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function startChild(cmd: string, args: string[], logFile: string): ChildProcess {
  const out = fs.openSync(logFile, 'a');
  // Its own process group: Ctrl+C in a terminal reaches the launcher, which stops the database last (after the
  // server drained its requests), not the database first.
  const child = spawn(cmd, args, { stdio: ['ignore', out, out], detached: true });
  fs.closeSync(out);
  // Never leave a server behind when the launcher exits, however it exits.
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  child.once('exit', () => process.removeListener('exit', kill));
  return child;
}

export async function startMongo(opts: MongoOptions): Promise<MongoServer> {
  const log = opts.log ?? (() => {});
  if (process.env.MONGODB_URI && !opts.privateServer) {
    return { uri: process.env.MONGODB_URI, kind: 'external', stop: async () => {} };
  }
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const port = await freePort();
  const logFile = `${opts.dataDir}/server.log`;

  if (onPath('mongod') && opts.backend !== 'postgresql') {
    const child = startChild(
      'mongod',
      ['--dbpath', opts.dataDir, '--port', String(port), '--bind_ip', '127.0.0.1'],
      logFile,
    );
    const uri = `mongodb://127.0.0.1:${port}/?directConnection=true`;
    await waitForPing(uri, child);
    log(`mongod on ${uri} (data in ${opts.dataDir})`);
    return { uri, kind: 'mongod', stop: () => stopChild(child) };
  }

  const bin = await ensureFerretDb(log);
  if (typeof bin !== 'string') {
    throw new StartupFailure(
      'toolchain',
      `no MongoDB-protocol server: set MONGODB_URI, install MongoDB (mongod on PATH), or let FerretDB be built. ${bin.problem}`,
    );
  }
  const backend = opts.backend ?? 'sqlite';
  const args = [
    `--listen-addr=127.0.0.1:${port}`,
    '--debug-addr=-',
    '--state-dir=-',
    '--telemetry=disable',
    '--log-level=warn',
  ];
  if (backend === 'postgresql') {
    if (!opts.postgresqlUrl) throw new Error('FerretDB PostgreSQL backend needs postgresqlUrl');
    args.push('--handler=postgresql', `--postgresql-url=${opts.postgresqlUrl}`);
  } else {
    const sqliteDir = `${opts.dataDir}/sqlite/`;
    fs.mkdirSync(sqliteDir, { recursive: true });
    args.push('--handler=sqlite', `--sqlite-url=file:${sqliteDir}`);
  }
  const child = startChild(bin, args, logFile);
  // FerretDB 1.x: no credentials, no compressors, no retryable writes.
  const uri = `mongodb://127.0.0.1:${port}/?directConnection=true&retryWrites=false`;
  await waitForPing(uri, child);
  log(`FerretDB (${backend}) on ${uri} (data in ${opts.dataDir})`);
  return {
    uri,
    kind: backend === 'postgresql' ? 'ferretdb-postgresql' : 'ferretdb-sqlite',
    stop: () => stopChild(child),
  };
}
