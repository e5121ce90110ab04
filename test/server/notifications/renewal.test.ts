// Renewal before expiry, with the clocks sped up: the subscription manager and the emulator's subscriptions share a
// clock that the test moves forward by days. The manager runs in this process (its clock injectable), against a
// real database, the emulator over HTTPS and the real public endpoints (which Graph validates at create).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import express, { type Router } from 'express';
import { createEngine } from '../../../server/jobs/engine.js';
import { createLogger } from '../../../server/logging/logger.js';
import { createNotifications, type Notifications } from '../../../server/notifications/index.js';
import { MAX_LIFETIME_MS } from '../../../server/notifications/decisions.js';
import { useTestDatabase } from '../../support/db.js';
import { MAILBOX, startEngineHarness, type EngineHarness } from '../../support/engineHarness.js';

const HOUR = 3600_000;

describe('change notifications: renewal before expiry (clocks sped up)', function () {
  this.timeout(60_000);
  const tdb = useTestDatabase('renew');
  let h: EngineHarness;
  let server: https.Server;
  let notifications: Notifications;
  let offset = 0;
  const now = () => new Date(Date.now() + offset);
  /** Days pass for both sides at once. */
  const advance = (ms: number) => {
    offset += ms;
    h.emu.subscriptions.advanceClock(ms);
  };

  before(async () => {
    h = await startEngineHarness(tdb().conn, { setup: { intervalSeconds: 60 } });
    // The endpoints need PUBLIC_URL, which needs the listening port: the router is plugged in once both exist.
    const hooks: { router?: Router } = {};
    const app = express().use('/hooks/graph', (req, res, next) => hooks.router!(req, res, next));
    const tls = {
      cert: fs.readFileSync(process.env.INTERLOG_DEV_CERT!),
      key: fs.readFileSync(process.env.INTERLOG_DEV_KEY!),
    };
    server = https.createServer(tls, app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const publicUrl = `https://localhost:${(server.address() as AddressInfo).port}`;
    const config = {
      PUBLIC_URL: publicUrl,
      GRAPH_BASE_URL: h.emu.baseUrl,
      AUTHORITY_HOST: h.emu.baseUrl,
      CHANGE_NOTIFICATIONS: 'auto' as const,
      NOTIFICATIONS_POLL_SECONDS: 300,
      SUBSCRIPTION_CHECK_SECONDS: 60,
      secretsKey: h.secretsKey,
      INSTANCE_ID: 'renewal-test',
    };
    const engine = createEngine(h.repos, config);
    notifications = createNotifications(config, h.repos, engine, createLogger({ level: 'silent' }), now);
    hooks.router = notifications.router;
  });
  after(async () => {
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    await h?.close();
  });

  it('renews about daily, so the subscription outlives its first expiry; without renewal it lapses', async () => {
    await notifications.manager.tick();
    const [created] = h.emu.subscriptions.list();
    assert.ok(created, 'created');
    const firstExpiry = Date.parse(created.expirationDateTime);
    assert.ok(firstExpiry - now().getTime() <= MAX_LIFETIME_MS);
    const setup = (await h.repos.setups.get(MAILBOX))!;
    assert.equal((await notifications.status(setup)).state, 'active');
    assert.equal(
      (await notifications.hints([setup])).get(MAILBOX)!.intervalSeconds,
      300,
      'safety-net polling while active',
    );

    advance(12 * HOUR);
    await notifications.manager.tick();
    assert.equal(h.emu.subscriptions.stats.renewed, 0, 'not yet: half a day old');

    for (let day = 1; day <= 8; day++) {
      advance(25 * HOUR);
      await notifications.manager.tick();
      assert.equal(h.emu.subscriptions.list().length, 1, `alive on day ${day}`);
    }
    assert.ok(now().getTime() > firstExpiry, 'past the first expiry');
    assert.equal(h.emu.subscriptions.stats.renewed, 8, 'one renewal a day');
    assert.equal(h.emu.subscriptions.list()[0]!.id, created.id, 'the same subscription all along');
    assert.equal(h.emu.subscriptions.stats.created, 1);
    const stored = (await h.repos.mailSubscriptions.get(MAILBOX))!;
    assert.equal(stored.expiresAt!.toISOString(), h.emu.subscriptions.list()[0]!.expirationDateTime);

    // Nobody renews for eight days: Graph drops it; the status says so and polling takes over again.
    advance(8 * 24 * HOUR);
    assert.equal(h.emu.subscriptions.list().length, 0, 'expired at Graph');
    assert.equal((await notifications.status(setup)).state, 'expired');
    assert.equal((await notifications.hints([setup])).get(MAILBOX)!.intervalSeconds, 60);
    await notifications.manager.tick();
    assert.equal(h.emu.subscriptions.list().length, 1, 'a new one made');
    assert.equal((await notifications.status(setup)).state, 'active');
  });

  it('a setup that signs in as a job account (delegated) is polled only: Graph refuses its subscriptions', async () => {
    await h.db.models.LoggingSetup.collection.updateOne(
      { mailbox: MAILBOX },
      { $set: { authMode: 'delegated' } },
    );
    const setup = (await h.repos.setups.get(MAILBOX))!;
    assert.equal(setup.authMode, 'delegated');
    const status = await notifications.status(setup);
    assert.deepEqual([status.state, status.reason], ['polling_only', 'delegated_sign_in']);
    assert.equal(
      (await notifications.hints([setup])).get(MAILBOX)!.intervalSeconds,
      60,
      "the setup's own interval",
    );
    const created = h.emu.subscriptions.stats.created;
    await h.repos.mailSubscriptions.remove(MAILBOX);
    await notifications.manager.tick();
    assert.equal(h.emu.subscriptions.stats.created, created, 'no subscription made');
    assert.equal(await h.repos.mailSubscriptions.get(MAILBOX), null, 'nor attempted (no failure recorded)');
  });
});
