// Starts the real server entry point (server/main.ts) as a child process, for tests that need the whole thing.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { freePort } from '../../scripts/lib/mongo.js';
import { repoRoot } from '../../scripts/lib/paths.js';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

export function baseServerEnv(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'test',
    TLS_CERT_FILE: process.env.INTERLOG_DEV_CERT!,
    TLS_KEY_FILE: process.env.INTERLOG_DEV_KEY!,
    SECRETS_KEY: crypto.randomBytes(32).toString('base64'),
    AUTH_MODE: 'dev',
    LOG_LEVEL: 'warn',
    SCHEDULER_ENABLED: 'false',
    ...overrides,
  };
}

/** Runs server/main.ts until it exits; resolves with its exit code and output (for configuration errors). */
export function runServerToExit(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'server/main.ts')], {
      env,
      cwd: repoRoot,
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

/** `PORT` in the overrides picks the port (PUBLIC_URL may then name another address, as behind a load balancer). */
export async function startServer(envOverrides: Record<string, string>): Promise<ServerProcess> {
  const port = envOverrides.PORT ? Number(envOverrides.PORT) : await freePort();
  const url = `https://localhost:${port}`;
  const env = baseServerEnv({ PUBLIC_URL: url, ...envOverrides });
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'server/main.ts')], {
    env,
    cwd: repoRoot,
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}): ${output}`);
    try {
      await fetch(`${url}/healthz`);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`server did not start: ${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    url,
    child,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Starts server/main.ts with an IPC channel, as `npm start` does, and resolves once it says it listens; checks
 * that it answers at that moment (the banner must never come before the server can serve).
 */
export async function startServerWithIpc(
  mongoUri: string,
): Promise<ServerProcess & { exited: Promise<number | null> }> {
  const port = await freePort();
  const url = `https://localhost:${port}`;
  const env = baseServerEnv({ PUBLIC_URL: url, MONGODB_URI: mongoUri, LOG_LEVEL: 'info' });
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'server/main.ts')], {
    env,
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening: ${output}`)));
    child.on('message', (m) => {
      if ((m as { type?: string }).type !== 'interlog:listening') return;
      fetch(`${url}/healthz`).then(
        (r) => (r.ok ? resolve() : reject(new Error(`healthz ${r.status} right after 'listening'`))),
        (e) => reject(new Error(`not answering right after 'listening': ${String(e)}`)),
      );
    });
  });
  return {
    url,
    child,
    exited,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
