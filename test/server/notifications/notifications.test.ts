// Change notifications end to end (issue 13, acceptance): the real server process, a real database, the Graph
// emulator over HTTPS (it validates our endpoints and POSTs notifications to them), real MSAL and Graph SDK. The
// mailbox polls hourly, so mail logged within seconds was logged because of a notification.
import assert from 'node:assert/strict';
import { useTestDatabase } from '../../support/db.js';
import { MAILBOX, startEngineHarness, type EngineHarness } from '../../support/engineHarness.js';
import { inbound, logged, serverEnv, waitFor } from '../../support/notifications.js';
import { startServer, type ServerProcess } from '../../support/serverProcess.js';

describe('change notifications: the server process with the Graph emulator', function () {
  this.timeout(180_000);
  const tdb = useTestDatabase('notify');
  let h: EngineHarness;
  let server: ServerProcess;
  const sub = () => h.emu.subscriptions.list()[0];
  const doc = () => h.db.models.MailSubscription.findOne({ _id: MAILBOX }).lean();

  before(async () => {
    h = await startEngineHarness(tdb().conn, { setup: { intervalSeconds: 3600 } });
    server = await startServer(serverEnv(h, tdb().name, { INSTANCE_ID: 'solo' }));
    await waitFor('the subscription', async () => !!sub() && !!(await doc())?.subscriptionId);
  });
  after(async () => {
    await server?.stop();
    await h?.close();
  });

  it('subscribes to the Inbox after the validation handshake, its clientState sealed in the database', async () => {
    const s = sub()!;
    assert.equal(s.resource, `users/${encodeURIComponent(MAILBOX)}/mailFolders('Inbox')/messages`);
    assert.equal(s.changeType, 'created');
    assert.equal(s.notificationUrl, `${server.url}/hooks/graph/notifications`);
    assert.equal(s.lifecycleNotificationUrl, `${server.url}/hooks/graph/lifecycle`);
    const validations = h.emu.subscriptions.deliveries.filter((d) => d.kind === 'validation');
    assert.deepEqual(
      validations.map((d) => d.status),
      [200, 200],
    );
    assert.ok(validations.every((d) => d.ms < 10_000));
    const stored = (await doc())!;
    assert.equal(stored.subscriptionId, s.id);
    assert.ok(stored.clientStateSealed && !stored.clientStateSealed.includes(s.clientState!), 'sealed');
    assert.equal(h.secrets.open(stored.clientStateSealed), s.clientState);
    assert.ok(Date.parse(s.expirationDateTime) - Date.now() > 7 * 24 * 3600_000 - 2 * 3600_000);
  });

  it('echoes a validation token as text/plain', async () => {
    const token = 'Validation: Testing client application reachability for subscription Request-Id: 42';
    const res = await fetch(
      `${server.url}/hooks/graph/lifecycle?validationToken=${encodeURIComponent(token)}`,
      { method: 'POST', headers: { 'content-type': 'text/plain' } },
    );
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^text\/plain/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(await res.text(), token);
  });

  it('logs new mail within seconds of the notification, which was answered 202 at once', async () => {
    const sent = Date.now();
    h.emu.addMessage(MAILBOX, 'inbox', inbound('first'));
    await waitFor('the entry', async () => (await logged(h, 'first')) === 1, 10_000);
    const took = Date.now() - sent;
    const change = h.emu.subscriptions.deliveries.filter((d) => d.kind === 'change');
    assert.ok(change.length >= 1);
    assert.ok(
      change.every((d) => d.status === 202 && d.ms < 3000),
      JSON.stringify(change),
    );
    assert.ok(took < 10_000, `${took} ms`);
    assert.ok(((await doc())!.counts?.notifications ?? 0) >= 1);
  });

  it('ignores a notification with a wrong clientState, and counts it', async () => {
    const before = (await doc())!;
    const res = await fetch(`${server.url}/hooks/graph/notifications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        value: [
          { subscriptionId: sub()!.id, clientState: 'forged', changeType: 'created', resource: 'x' },
          { subscriptionId: 'unknown-subscription', clientState: 'forged', changeType: 'created' },
        ],
      }),
    });
    assert.equal(res.status, 202);
    await waitFor('the count', async () => (await doc())!.counts!.rejected === before.counts!.rejected + 1);
    assert.deepEqual((await doc())!.notifiedAt, before.notifiedAt, 'no run requested');
    const bad = await fetch(`${server.url}/hooks/graph/notifications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"value": 3}',
    });
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { code: string }).code, 'invalid_notification');
  });

  it('reauthorizationRequired: reauthorized (and renewed), after which notifications flow again', async () => {
    const { reauthorized, renewed } = { ...h.emu.subscriptions.stats };
    assert.equal(await h.emu.subscriptions.fireLifecycle(sub()!.id, 'reauthorizationRequired'), true);
    await waitFor('reauthorize', () => h.emu.subscriptions.stats.reauthorized === reauthorized + 1);
    await waitFor('renewal', () => h.emu.subscriptions.stats.renewed === renewed + 1);
    assert.equal(sub()!.reauthorizationRequired, false);
    h.emu.addMessage(MAILBOX, 'inbox', inbound('after-reauth'));
    await waitFor('the entry', async () => (await logged(h, 'after-reauth')) === 1, 10_000);
  });

  it('missed: notifications Graph lost are caught up by a run at once', async () => {
    // Quiet first: Graph has nothing left to deliver (a slow answer earlier is retried) and the last notification
    // has had its run, so only the lifecycle event below can make the mailbox due.
    await waitFor('earlier notifications delivered', () => h.emu.subscriptions.stats.pending === 0);
    await waitFor('their run finished', async () => {
      const [last] = await h.deps.jobRuns.recent(MAILBOX, 1);
      const notifiedAt = (await doc())?.notifiedAt ?? null;
      return !!last && last.outcome !== 'running' && (!notifiedAt || notifiedAt <= last.startedAt);
    });
    h.emu.subscriptions.setDelivery(false);
    h.emu.addMessage(MAILBOX, 'inbox', inbound('lost'));
    h.emu.subscriptions.setDelivery(true);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(await logged(h, 'lost'), 0, 'nothing told the server yet (hourly polling)');
    await h.emu.subscriptions.fireLifecycle(sub()!.id, 'missed');
    await waitFor('the catch-up', async () => (await logged(h, 'lost')) === 1, 10_000);
  });

  it('subscriptionRemoved: a new subscription is created and the gap caught up', async () => {
    const old = sub()!.id;
    await h.emu.subscriptions.fireLifecycle(old, 'subscriptionRemoved');
    h.emu.addMessage(MAILBOX, 'inbox', inbound('during-gap'));
    await waitFor('a new subscription', () => !!sub() && sub()!.id !== old);
    await waitFor('the catch-up', async () => (await logged(h, 'during-gap')) === 1, 10_000);
    assert.equal((await doc())!.subscriptionId, sub()!.id);
    h.emu.addMessage(MAILBOX, 'inbox', inbound('after-recreate'));
    await waitFor('the entry', async () => (await logged(h, 'after-recreate')) === 1, 10_000);
    assert.equal(h.emu.subscriptions.list().length, 1, 'one subscription, never two');
  });
});
