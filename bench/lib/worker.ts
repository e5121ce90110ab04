// Benchmark processes: the orchestrator (bench/run.ts) starts each measured piece in its own Node process, so
// its memory and CPU are its own, and talks to it over Node's IPC channel with request/response messages.
// NODE_EXTRA_CA_CERTS is read by Node only at start-up, so it is set here, before the child starts.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../scripts/lib/paths.js';

interface Request {
  id: number;
  op: string;
  args: unknown;
}
type Response = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

export interface Worker {
  child: ChildProcess;
  pid: number;
  call<T = unknown>(op: string, args?: unknown): Promise<T>;
  /** Ends the process (SIGTERM, SIGKILL after 5 s) and waits for it. */
  stop(): Promise<void>;
}

export interface WorkerOptions {
  env?: Record<string, string | undefined>;
  /** Extra Node flags. */
  nodeArgs?: string[];
  /** Run as plain JavaScript, as production runs the compiled server (tsx's loader costs ~45 MB of RSS). */
  compiled?: boolean;
}

/**
 * Bundles a worker with esbuild (our code inlined, npm packages left as imports) into node_modules/.cache, so
 * that plain `node` resolves the packages from the project's node_modules.
 */
function compile(script: string): string {
  const out = path.join(
    repoRoot,
    'node_modules',
    '.cache',
    'interlog-bench',
    script.replace(/\.ts$/, '.mjs'),
  );
  fs.mkdirSync(path.dirname(out), { recursive: true });
  execFileSync(
    path.join(repoRoot, 'node_modules', '.bin', 'esbuild'),
    [
      path.join(repoRoot, 'bench', script),
      '--bundle',
      '--platform=node',
      '--format=esm',
      '--packages=external',
      '--target=node20',
      `--outfile=${out}`,
      '--log-level=warning',
    ],
    { stdio: 'inherit' },
  );
  return out;
}

/** Starts `bench/<script>` (with tsx, or compiled) and an IPC channel; resolves once it says it is ready. */
export async function startWorker(script: string, opts: WorkerOptions = {}): Promise<Worker> {
  const entry = opts.compiled ? [compile(script)] : ['--import', 'tsx', path.join(repoRoot, 'bench', script)];
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), ...entry], {
    cwd: repoRoot,
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      process.removeListener('exit', kill);
      for (const p of pending.values())
        p.reject(new Error(`${script} exited (${code ?? signal}) before answering`));
      pending.clear();
      resolve();
    });
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    void exited.then(() => reject(new Error(`${script} exited before it was ready`)));
    child.on('message', (msg: Response | { ready: true }) => {
      if ('ready' in msg) return resolve();
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.result);
      else p.reject(new Error(`${script} ${msg.error}`));
    });
  });
  await ready;
  return {
    child,
    pid: child.pid!,
    call<T>(op: string, args?: unknown): Promise<T> {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ id, op, args } satisfies Request);
      });
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.kill('SIGTERM');
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

export type Handlers = Record<string, (args: never) => unknown>;

/** Child side: answers the orchestrator's requests with `handlers`, then says it is ready. */
export function serveWorker(handlers: Handlers): void {
  if (!process.send) throw new Error('this script is a benchmark worker: run it through `npm run bench`');
  process.on('message', (req: Request) => {
    const handler = handlers[req.op];
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`unknown op ${req.op}`);
        return handler(req.args as never);
      })
      .then(
        (result) => process.send!({ id: req.id, ok: true, result } satisfies Response),
        (err: unknown) =>
          process.send!({
            id: req.id,
            ok: false,
            error: err instanceof Error ? (err.stack ?? err.message) : String(err),
          } satisfies Response),
      );
  });
  // The orchestrator going away (crash, Ctrl-C) ends the worker too.
  process.on('disconnect', () => process.exit(0));
  process.on('SIGTERM', () => process.exit(0));
  process.send({ ready: true });
}
