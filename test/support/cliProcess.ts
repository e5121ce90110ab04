// Runs the logging CLI (server/cli/logging.ts) as its own process against a test database and the emulator.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../../scripts/lib/paths.js';
import { testDatabaseUri } from './db.js';
import type { EngineHarness } from './engineHarness.js';

export function cliEnv(
  h: EngineHarness,
  dbName: string,
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'test',
    MONGODB_URI: testDatabaseUri(dbName),
    TLS_CERT_FILE: process.env.INTERLOG_DEV_CERT!,
    TLS_KEY_FILE: process.env.INTERLOG_DEV_KEY!,
    SECRETS_KEY: h.secretsKey.toString('base64'),
    GRAPH_BASE_URL: h.emu.baseUrl,
    AUTHORITY_HOST: h.emu.baseUrl,
    AUTH_MODE: 'dev',
    LOG_LEVEL: 'silent',
    ...extra,
  };
}

export function spawnCli(args: string[], env: NodeJS.ProcessEnv): ChildProcess & { output: () => string } {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(repoRoot, 'server/cli/logging.ts'), ...args],
    {
      cwd: repoRoot,
      env,
    },
  ) as ChildProcess & { output: () => string };
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  child.output = () => out;
  return child;
}

export function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
  });
}
