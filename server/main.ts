// Server entry point: configuration, database, HTTPS listener, scheduler; shuts down in reverse order.
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from './config/env.js';
import { createApp } from './http/app.js';
import { createLogger } from './logging/logger.js';
import { openDatabase } from './repositories/db.js';
import { createRepositories } from './repositories/index.js';
import { createApi } from './routes/wiring.js';
import { createEngine } from './jobs/engine.js';
import { Scheduler } from './jobs/scheduler.js';
import { RetentionJob } from './jobs/retention.js';
import { RetentionRepository } from './repositories/retention.js';
import { LinkCheckJob } from './jobs/linkCheck.js';
import { createNotifications } from './notifications/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** dist/addin next to the compiled server (dist/server) or to the sources (server/ run by tsx). */
const ADDIN_DIR =
  [path.join(here, '..', 'addin'), path.join(here, '..', 'dist', 'addin')].find((d) =>
    fs.existsSync(path.join(d, 'taskpane.html')),
  ) ?? path.join(here, '..', 'dist', 'addin');

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
  const log = createLogger({ level: config.LOG_LEVEL });
  const db = await openDatabase(config.MONGODB_URI);
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
    retention: new RetentionRepository(db.models),
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
  });
  const server = https.createServer(
    { cert: fs.readFileSync(config.TLS_CERT_FILE), key: fs.readFileSync(config.TLS_KEY_FILE) },
    app,
  );
  await new Promise<void>((resolve) => server.listen(config.port, config.LISTEN_HOST, resolve));
  log.info({ url: config.PUBLIC_URL, port: config.port }, 'Interlog server listening');
  if (config.SCHEDULER_ENABLED) scheduler.start();
  if (config.SCHEDULER_ENABLED) retention.start();
  if (config.SCHEDULER_ENABLED) linkCheck.start();
  if (config.SCHEDULER_ENABLED) notifications.manager.start();
  if (!notifications.reachability.reachable)
    log.info({ reason: notifications.reachability.reason }, 'change notifications off: polling only');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    server.closeIdleConnections();
    // In order: no new requests, let the logging runs finish the message in hand (and release their leases),
    // then close the database.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    await notifications.manager.stop();
    await scheduler.stop();
    await retention.stop();
    await linkCheck.stop();
    await closed;
    await db.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  console.error('Interlog failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
