// What every benchmark gets from the orchestrator: the database server, the development certificates, a log,
// and the way to start the measured processes (engine, Graph emulator) with the CA trusted from the start.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DevCertificates } from '../../scripts/lib/certs.js';
import type { GraphEmulatorOptions } from '../../scripts/graph-emulator/types.js';
import type { LoggingSetup } from '../../server/repositories/loggingSetups.js';
import type { DirectorySpec } from './dataset.js';
import type { BenchDatabase } from './database.js';
import { seedEngineDatabase } from './seed.js';
import { startWorker, type Worker } from './worker.js';
import type { EmulatorInfo } from '../workers/graphEmulator.js';

export interface BenchContext {
  db: BenchDatabase;
  certs: DevCertificates;
  log(msg: string): void;
  /** Fewer and smaller repetitions (a quick look, not a result). */
  quick: boolean;
  /** Where --cpu-prof profiles go when profiling is on; null when off. */
  profileDir: string | null;
  /** A database name never used before in this suite. */
  freshDbName(label: string): string;
}

export function workerEnv(ctx: BenchContext): Record<string, string> {
  return {
    NODE_EXTRA_CA_CERTS: ctx.certs.caCertPath,
    INTERLOG_DEV_CERT: ctx.certs.certPath,
    INTERLOG_DEV_KEY: ctx.certs.keyPath,
    INTERLOG_DEV_CA: ctx.certs.caCertPath,
  };
}

/** The environment of `server/main.ts` in a benchmark: development sign-in over HTTPS, no scheduler, a fresh
 *  secrets key; `extra` adds or overrides variables. */
export function serverEnv(
  ctx: BenchContext,
  o: { uri: string; publicUrl: string; extra?: Record<string, string> },
): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...workerEnv(ctx),
    // Development sign-in needs NODE_ENV other than production.
    NODE_ENV: 'test',
    MONGODB_URI: o.uri,
    PUBLIC_URL: o.publicUrl,
    TLS_CERT_FILE: ctx.certs.certPath,
    TLS_KEY_FILE: ctx.certs.keyPath,
    SECRETS_KEY: crypto.randomBytes(32).toString('base64'),
    AUTH_MODE: 'dev',
    LOG_LEVEL: 'warn',
    SCHEDULER_ENABLED: 'false',
    ...o.extra,
  };
}

export interface EngineSession {
  emu: Worker;
  engine: Worker;
  emulator: EmulatorInfo;
  dbName: string;
  stop(): Promise<void>;
}

export interface SessionOptions {
  label: string;
  emulator: GraphEmulatorOptions;
  directory: DirectorySpec;
  setup: Partial<LoggingSetup>;
  rateLimit: 'production' | null | { requests: number; perMs: number };
  /** Run the engine as plain JavaScript (the memory benchmark), not through tsx. */
  compiled?: boolean;
  /** Node flags for the engine process (experiments, e.g. a heap limit). */
  engineNodeArgs?: string[];
}

/** Where the CPU profile of a measured run goes, or undefined when the suite does not profile. */
export function profilePath(ctx: BenchContext, label: string): string | undefined {
  if (!ctx.profileDir) return undefined;
  fs.mkdirSync(ctx.profileDir, { recursive: true });
  return path.join(ctx.profileDir, `${label}.cpuprofile`);
}

/** Starts the Graph emulator and the engine in two processes and prepares a fresh database with the directory. */
export async function startEngineSession(ctx: BenchContext, o: SessionOptions): Promise<EngineSession> {
  const env = workerEnv(ctx);
  const emu = await startWorker('workers/graphEmulator.ts', { env });
  let engine: Worker | null = null;
  try {
    const emulator = await emu.call<EmulatorInfo>('start', {
      options: o.emulator,
      mailbox: 'logging@contoso.example',
    });
    const dbName = ctx.freshDbName(o.label);
    const seeded = await seedEngineDatabase(ctx.db.uri, dbName, o.directory, emulator, o.setup);
    if (seeded.seconds > 5)
      ctx.log(`  seeded ${seeded.contacts} contacts in ${Math.round(seeded.seconds)} s`);
    ctx.db.tune(dbName);
    engine = await startWorker('workers/engine.ts', {
      env,
      compiled: o.compiled,
      nodeArgs: o.engineNodeArgs,
    });
    await engine.call('prepare', {
      uri: ctx.db.uri,
      dbName,
      secretsKey: seeded.secretsKey,
      emulator,
      rateLimit: o.rateLimit,
    });
    const e = engine;
    return {
      emu,
      engine: e,
      emulator,
      dbName,
      async stop() {
        await e.call('close', { drop: true }).catch(() => {});
        await e.stop();
        await emu.call('close').catch(() => {});
        await emu.stop();
      },
    };
  } catch (err) {
    await engine?.stop();
    await emu.stop();
    throw err;
  }
}
