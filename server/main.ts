// Server entry point: configuration, database, HTTPS listener, scheduler; shuts down in reverse order.
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tls from 'node:tls';
import { loadConfig, type Config } from './config/env.js';
import { EXIT_CODES, exitOnStartupFailure, StartupFailure } from './config/startupFailure.js';
import { closeGracefully } from './http/gracefulClose.js';
import { createApp } from './http/app.js';
import { createLogger } from './logging/logger.js';
import { connectDatabase } from './repositories/db.js';
import { createRepositories } from './repositories/index.js';
import { createApi } from './routes/wiring.js';
import { createEngine } from './jobs/engine.js';
import { Scheduler } from './jobs/scheduler.js';
import { RetentionJob } from './jobs/retention.js';
import { LinkCheckJob } from './jobs/linkCheck.js';
import { createNotifications } from './notifications/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** dist/addin next to the compiled server (dist/server) or to the sources (server/ run by tsx). */
const ADDIN_DIR =
  [path.join(here, '..', 'addin'), path.join(here, '..', 'dist', 'addin')].find((d) =>
    fs.existsSync(path.join(d, 'taskpane.html')),
  ) ?? path.join(here, '..', 'dist', 'addin');

/** How long requests in flight may take to finish at shutdown; then their connections are cut. */
const DRAIN_MS = 10_000;
/** Shutdown as a whole (drain, then the scheduler's message in hand) ends by this bound, however it goes. */
const SHUTDOWN_BOUND_MS = 30_000;

function tlsOptions(config: Config): https.ServerOptions {
  try {
    const options = {
      cert: fs.readFileSync(config.TLS_CERT_FILE),
      key: fs.readFileSync(config.TLS_KEY_FILE),
    };
    tls.createSecureContext(options); // a file that is not a PEM certificate/key, or a pair that does not match
    return options;
  } catch (err) {
    throw new StartupFailure(
      'config',
      `TLS_CERT_FILE / TLS_KEY_FILE are not a usable certificate and key: ${(err as Error).message}`,
    );
  }
}

function listen(server: https.Server, config: Config): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      const where = `${config.LISTEN_HOST}:${config.port}`;
      const why =
        err.code === 'EADDRINUSE'
          ? `port ${where} is already in use (another Interlog?); stop it, or set PORT`
          : err.code === 'EACCES'
            ? `not allowed to listen on ${where} (ports below 1024 need privileges); set PORT`
            : `cannot listen on ${where}: ${err.message}`;
      reject(new StartupFailure('portUnavailable', why));
    });
    server.listen(config.port, config.LISTEN_HOST, resolve);
  });
}

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger({ level: config.LOG_LEVEL, format: config.LOG_FORMAT });
  const serverTls = tlsOptions(config);
  const db = await connectDatabase(config.MONGODB_URI);
  // The composition root: repositories built once, shared by the engine and the API.
  const repos = createRepositories(db, { instanceId: config.INSTANCE_ID });
  const engine = createEngine(repos, config, { log });
  // Graph change notifications: public endpoints, subscription upkeep, and the scheduler's hints.
  const notifications = createNotifications(config, repos, engine, log);
  const scheduler = new Scheduler(engine.deps, engine.leases, engine.sourceFor, {
    hints: notifications.hints,
    tickMs: config.SCHEDULER_TICK_MS,
    leaseTtlMs: config.LEASE_TTL_SECONDS * 1000,
    owner: engine.owner,
    onError: (err, mailbox) => log.error({ err, mailbox }, 'scheduler error'),
  });
  const api = await createApi(config, repos, log, engine, { notificationStatus: notifications.status });
  // Deletes entries older than the retention setting (off until an admin sets it), on its own timer.
  const retention = new RetentionJob({
    retention: repos.retention,
    audit: api.services.audit,
    log,
  });
  // Checks logged entries' links against Graph within an hourly request budget; heals or marks them lost.
  const linkCheck = new LinkCheckJob({
    repo: repos.linkChecks,
    setups: repos.setups,
    sourceFor: engine.sourceFor,
    leases: engine.leases,
    owner: engine.owner,
    log,
    requestsPerHour: config.LINK_CHECK_REQUESTS_PER_HOUR,
  });
  // Job status for /healthz, at most every 10 s (load balancers poll it often; each read is a few queries).
  let logging: { at: number; value: Promise<{ mailboxes: number; failing: number }> } | null = null;
  const loggingHealth = () => {
    if (!logging || Date.now() - logging.at > 10_000) {
      const value = api.services.adminViews.status().then((all) => ({
        mailboxes: all.filter((m) => m.health !== 'disabled').length,
        failing: all.filter((m) => m.health === 'failing').length,
      }));
      value.catch(() => (logging = null));
      logging = { at: Date.now(), value };
    }
    return logging.value;
  };
  const app = createApp({
    log,
    publicUrl: config.PUBLIC_URL,
    addinDir: ADDIN_DIR,
    health: async () => {
      if (!(await db.ping())) return { database: 'down' };
      return { database: 'ok', logging: await loggingHealth().catch(() => undefined) };
    },
    api: api.router,
    previewPages: config.NODE_ENV !== 'production',
    graphHooks: notifications.router,
    paneConfig: api.clientConfig,
  });
  const server = https.createServer(serverTls, app);
  await listen(server, config);
  log.info({ url: config.PUBLIC_URL, port: config.port }, 'Interlog server listening');
  // `npm start` prints its banner on this message: only once requests can be served.
  process.send?.({ type: 'interlog:listening', url: config.PUBLIC_URL });
  // The task pane's directory of contacts now, not at the first lookup (seconds for 100,000 contacts); then the
  // timelines the lookup's cache holds, so the first lookups after a restart find them there.
  void (async () => {
    const directoryFrom = performance.now();
    const contacts = await repos.masterData.loadContactDirectory();
    const ms = Math.round(performance.now() - directoryFrom);
    log.info({ contacts, ms }, contacts === null ? 'contact directory not held' : 'contact directory loaded');
    process.send?.({ type: 'interlog:contact-directory', contacts, ms });
    const timelinesFrom = performance.now();
    const timelines = await repos.interactions.timelines.fillCache().catch((err: unknown) => {
      log.warn({ err }, 'timelines not held at start: lookups read them as they come');
      return null;
    });
    const fillMs = Math.round(performance.now() - timelinesFrom);
    log.info({ timelines, ms: fillMs }, 'timelines held');
    process.send?.({ type: 'interlog:timelines-held', timelines, ms: fillMs });
  })();
  if (config.SCHEDULER_ENABLED) scheduler.start();
  if (config.SCHEDULER_ENABLED) retention.start();
  if (config.SCHEDULER_ENABLED) linkCheck.start();
  if (config.SCHEDULER_ENABLED) notifications.manager.start();
  if (config.SCHEDULER_ENABLED) notifications.idle.start();
  notifications.idle.onDue = () => void scheduler.tick();
  if (!notifications.reachability.reachable)
    log.info({ reason: notifications.reachability.reason }, 'change notifications off: polling only');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    setTimeout(() => {
      log.error({ boundMs: SHUTDOWN_BOUND_MS }, 'shutdown did not finish in time; exiting');
      process.exit(EXIT_CODES.unexpected);
    }, SHUTDOWN_BOUND_MS).unref();
    // In order: no new requests while those in flight finish, the logging runs finish the message in hand (and
    // release their leases), and only then is the database closed.
    const [cutShort] = await Promise.all([
      closeGracefully(server, DRAIN_MS),
      notifications.manager.stop(),
      notifications.idle.stop(),
      scheduler.stop(),
      retention.stop(),
      linkCheck.stop(),
    ]);
    if (cutShort) log.warn({ drainMs: DRAIN_MS }, 'requests still open after the drain bound were cut');
    await db.close();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  // `npm start` asks over its IPC channel too (a signal to the whole terminal group reaches us anyway).
  process.on('message', (m) => (m as { type?: string })?.type === 'interlog:stop' && void shutdown('parent'));
}

main().catch(exitOnStartupFailure);
