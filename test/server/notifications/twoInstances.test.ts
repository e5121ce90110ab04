// Two server instances on one database (issue 13, acceptance): the notification reaches the instance that does
// not hold the mailbox's lease, and the mail is still logged once, by the lease holder. Instance B is the address
// Graph knows (PUBLIC_URL of both, as behind a load balancer) and runs no jobs (SCHEDULER_ENABLED=false), so it
// can only pass the hint on through the database; instance A runs the mailbox and keeps the subscription.
import assert from 'node:assert/strict';
import { freePort } from '../../../scripts/lib/mongo.js';
import { useTestDatabase } from '../../support/db.js';
import { MAILBOX, startEngineHarness, type EngineHarness } from '../../support/engineHarness.js';
import { startServer, type ServerProcess } from '../../support/serverProcess.js';
import { inbound, logged, serverEnv, waitFor } from '../../support/notifications.js';

describe('change notifications: two server instances', function () {
  this.timeout(180_000);
  const tdb = useTestDatabase('notify2');
  let h: EngineHarness;
  const servers: ServerProcess[] = [];

  before(async () => {
    h = await startEngineHarness(tdb().conn, { setup: { intervalSeconds: 3600 } });
    const b = await startServer(serverEnv(h, tdb().name, { INSTANCE_ID: 'B', SCHEDULER_ENABLED: 'false' }));
    servers.push(b);
    const port = String(await freePort());
    servers.push(
      await startServer(serverEnv(h, tdb().name, { INSTANCE_ID: 'A', PORT: port, PUBLIC_URL: b.url })),
    );
    await waitFor('the subscription', () => h.emu.subscriptions.list().length === 1);
    await waitFor('the first runs', async () =>
      (await h.deps.jobRuns.recent(MAILBOX, 5)).some((r) => r.outcome !== 'running'),
    );
  });
  after(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await h?.close();
  });

  it('B receives the notification, A (the lease holder) logs the mail once', async () => {
    const [b] = servers;
    assert.equal(h.emu.subscriptions.list()[0]!.notificationUrl, `${b!.url}/hooks/graph/notifications`);
    const deliveredBefore = h.emu.subscriptions.deliveries.filter((d) => d.kind === 'change').length;

    const addedAt = new Date();
    h.emu.addMessage(MAILBOX, 'inbox', inbound('two-instances'));
    await waitFor('the entry', async () => (await logged(h, 'two-instances')) === 1, 15_000);

    const change = h.emu.subscriptions.deliveries.filter((d) => d.kind === 'change').slice(deliveredBefore);
    assert.ok(change.length >= 1 && change.every((d) => d.status === 202 && d.url.startsWith(b!.url)));
    const all = await h.deps.jobRuns.recent(MAILBOX, 50);
    // The runs that may have logged it: those still under way or ended after it arrived (one that started
    // before, still reading the Inbox, may be the one; counting the runs that started after it missed that).
    const runs = all.filter((r) => r.finishedAt === null || r.finishedAt >= addedAt);
    assert.ok(runs.length >= 1);
    assert.ok(
      runs.every((r) => r.instanceId === 'A'),
      'only the instance with the lease ran it',
    );
    const counts = (await h.repos.mailSubscriptions.get(MAILBOX))!.counts;
    assert.ok(counts.notifications >= 1, 'B counted the notification in the shared database');
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(await logged(h, 'two-instances'), 1, 'logged once');
  });
});
