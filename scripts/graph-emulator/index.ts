// Microsoft Graph (mail) + Entra ID emulator over HTTPS on 127.0.0.1, for tests, benchmarks and the
// `npm start` demo mailbox. See README.md in this folder for options, endpoints and faults.
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { moveToArchiveMailbox } from './archive-mailbox.js';
import { createBatchRunner } from './batch.js';
import type { ClientState } from './client-auth.js';
import { FaultInjector } from './faults.js';
import { readGraphFixture, seedMailbox } from './fixtures.js';
import { graphBodyErrors, graphFront } from './graph-front.js';
import { GraphPipeline } from './graph-pipeline.js';
import { identityRouter } from './identity-routes.js';
import { MailboxLimits } from './limits.js';
import { messageJson } from './message-view.js';
import { owaPage } from './owa-page.js';
import { createPrng, prngGuid } from './prng.js';
import { StatsRecorder } from './stats.js';
import { MailStore, type StoredMailbox } from './store.js';
import { SubscriptionService } from './subscriptions.js';
import { TokenService } from './tokens.js';
import type {
  ClientRegistration,
  DirectoryUserSeed,
  GraphEmulator,
  GraphEmulatorOptions,
  GraphMessageJson,
} from './types.js';

export type * from './types.js';
export { GRAPH_FIXTURES_DIR, graphFixturePath, readGraphFixture } from './fixtures.js';

/** The client registered when `clients` is not given (handy for the demo). */
export const DEFAULT_CLIENT: ClientRegistration = {
  clientId: '5e3ce6c0-2b1f-4285-8d4b-75ee78787346',
  clientSecret: 'emulator-client-secret',
};

function devTls(): { cert: string; key: string } {
  const certPath = process.env.INTERLOG_DEV_CERT;
  const keyPath = process.env.INTERLOG_DEV_KEY;
  if (!certPath || !keyPath) {
    throw new Error(
      'Graph emulator: pass `tls` or set INTERLOG_DEV_CERT / INTERLOG_DEV_KEY (npm test and npm start do).',
    );
  }
  return { cert: fs.readFileSync(certPath, 'utf8'), key: fs.readFileSync(keyPath, 'utf8') };
}

export async function startGraphEmulator(opts: GraphEmulatorOptions = {}): Promise<GraphEmulator> {
  const now = opts.now ?? Date.now;
  const random = createPrng(opts.seed ?? 1);
  const tenantId = opts.tenantId ?? prngGuid(random);
  const tls = opts.tls ?? devTls();
  let baseUrl = '';

  const stats = new StatsRecorder();
  const store = new MailStore(now);
  const users = [...(opts.users ?? [])];
  const clients = new Map<string, ClientState>(
    (opts.clients ?? [DEFAULT_CLIENT]).map((reg) => [
      reg.clientId,
      { reg, secretRevoked: false, consented: reg.consented ?? true },
    ]),
  );
  const tokens = await TokenService.create({
    tenantId,
    issuerV2: () => `${baseUrl}/${tenantId}/v2.0`,
    lifetimeSeconds: opts.tokenLifetimeSeconds ?? 3600,
    now,
  });
  const faults = new FaultInjector(random);
  const limits = new MailboxLimits(
    {
      concurrent: opts.limits?.concurrent ?? 4,
      requestsPer10Min: opts.limits?.requestsPer10Min ?? 10_000,
      timeScale: opts.limits?.timeScale ?? 1,
      concurrencyRetryAfterSeconds: opts.limits?.concurrencyRetryAfterSeconds ?? 1,
      enforce: opts.enforceLimits ?? true,
      now,
    },
    stats,
  );

  // One-shot timers (latency) and the test hold; both are dropped on close so nothing keeps Node alive.
  const timers = new Set<NodeJS.Timeout>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });
  let hold: { promise: Promise<void>; release: () => void } | undefined;

  const directory: DirectoryUserSeed[] = [];
  // Change notifications: the store reports arrivals; the pipeline's own access rules decide who may subscribe.
  const subscriptions = new SubscriptionService({
    store,
    tenantId,
    now,
    random,
    sleep,
    checkRead: (req, mb, principal) => pipeline.checkAccess(req, mb, principal),
  });
  store.onArrive = (msg) => subscriptions.messageArrived(msg);
  const pipeline: GraphPipeline = new GraphPipeline({
    subscriptions,
    store,
    tokens,
    limits,
    faults,
    stats,
    users,
    directory,
    baseUrl: () => baseUrl,
    now,
    latencyMs: opts.latencyMs ?? 0,
    sleep,
    gate: () => hold?.promise,
  });
  pipeline.batchRunner = createBatchRunner(pipeline, now);

  for (const seed of opts.mailboxes ?? []) seedMailbox(store, random, seed);
  for (const u of users)
    if (!store.mailbox(u.username)) seedMailbox(store, random, { address: u.username, displayName: u.name });

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(
    '/v1.0',
    express.json({ limit: '4mb', type: ['application/json', 'application/*+json'] }),
    graphFront(pipeline, stats),
  );
  app.use('/v1.0', graphBodyErrors(pipeline));
  app.get('/owa', owaPage(store));
  app.use(
    identityRouter({
      tenantId,
      baseUrl: () => baseUrl,
      tokens,
      clients,
      users,
      now,
      countTokenRequest: (grant) => stats.countToken(grant),
    }),
  );
  app.use((_req, res) => {
    res.status(404).json({ error: { code: 'NotFound', message: 'No such endpoint in the Graph emulator.' } });
  });

  const server = https.createServer({ cert: tls.cert, key: tls.key }, app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `https://127.0.0.1:${port}`;

  const mailbox = (address: string): StoredMailbox => {
    const mb = store.mailbox(address);
    if (!mb) throw new Error(`Graph emulator: no mailbox '${address}'`);
    return mb;
  };
  const client = (clientId: string): ClientState => {
    const c = clients.get(clientId);
    if (!c) throw new Error(`Graph emulator: no client '${clientId}'`);
    return c;
  };
  const show = (m: Parameters<typeof messageJson>[0]) =>
    messageJson(m, { immutable: true, baseUrl }) as GraphMessageJson;

  return {
    baseUrl,
    authority: `${baseUrl}/${tenantId}`,
    knownAuthority: `127.0.0.1:${port}`,
    tenantId,
    stats,
    faults,
    addMailbox: (seed) => void seedMailbox(store, random, seed),
    addMessage: (address, folder, msg) => {
      const mb = mailbox(address);
      const f = store.folderByName(mb, folder);
      if (!f) throw new Error(`Graph emulator: no folder '${folder}' in '${address}'`);
      return show(store.addMessage(mb, f, msg));
    },
    listFolder: (address, folder) => {
      const mb = mailbox(address);
      const f = store.folderByName(mb, folder);
      if (!f) throw new Error(`Graph emulator: no folder '${folder}' in '${address}'`);
      return [...f.messages].reverse().map(show);
    },
    removeFolder: (address, folder) => {
      const mb = mailbox(address);
      const f = store.folderByName(mb, folder);
      if (!f) throw new Error(`Graph emulator: no folder '${folder}' in '${address}'`);
      store.removeFolder(mb, f);
    },
    getMessage: (address, id) => {
      const m = store.findMessage(mailbox(address), id);
      return m ? show(m) : null;
    },
    loadFixture: (path) => {
      for (const seed of readGraphFixture(path).mailboxes) seedMailbox(store, random, seed);
    },
    revokeClientSecret: (clientId) => {
      client(clientId).secretRevoked = true;
    },
    setConsent: (clientId, consented) => {
      client(clientId).consented = consented;
    },
    addDirectoryUser: (user) => {
      directory.push(user);
    },
    addUser: (user) => {
      if (users.some((u) => u.username.toLowerCase() === user.username.toLowerCase()))
        throw new Error(`Graph emulator: user '${user.username}' exists`);
      users.push(user); // the same array the identity routes and the pipeline read
      if (!store.mailbox(user.username))
        seedMailbox(store, random, { address: user.username, displayName: user.name });
    },
    expireAllTokens: () => tokens.expireAll(),
    expireDeltaTokens: () => {
      store.deltaEpoch += 1;
    },
    moveMessage: (address, id, folder) => {
      const mb = mailbox(address);
      const m = store.findMessage(mb, id);
      const f = store.folderByName(mb, folder);
      if (!m || !f)
        throw new Error(`Graph emulator: no message '${id}' or folder '${folder}' in '${address}'`);
      return show(store.move(m, f));
    },
    moveToArchiveMailbox: (address, id, folder) => {
      const m = store.findMessage(mailbox(address), id);
      if (!m) throw new Error(`Graph emulator: no message '${id}' in '${address}'`);
      return show(moveToArchiveMailbox(store, m, folder));
    },
    setMailboxState: (address, state) => {
      mailbox(address).state = state;
    },
    holdRequests: () => {
      if (!hold) {
        let release!: () => void;
        const promise = new Promise<void>((resolve) => (release = resolve));
        hold = { promise, release };
      }
      const current = hold;
      return () => {
        if (hold === current) hold = undefined;
        current.release();
      };
    },
    waitForStats: (predicate) => stats.waitFor(predicate),
    subscriptions: subscriptions.control(),
    close: async () => {
      subscriptions.close();
      for (const t of timers) clearTimeout(t);
      timers.clear();
      hold?.release();
      hold = undefined;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
