// Change notifications as the emulator implements them from Microsoft's documentation: the validation handshake
// at create (both endpoints; a failed one refuses the create), expiry limits, basic `created` notifications over
// HTTPS when mail arrives in the subscribed folder, renewal, reauthorize, delete, and lifecycle events.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { GraphEmulator } from '../../../scripts/graph-emulator/index.js';
import {
  appToken,
  authCodeFlow,
  graphClient,
  graphError,
  IMMUTABLE,
  MAILBOX,
  msalApp,
  startTestEmulator,
} from './test-helpers.js';

interface Received {
  path: string;
  query: URLSearchParams;
  contentType: string;
  body: string;
}

/** An HTTPS endpoint (dev certificate) that records what it gets and answers as `answer` says. */
async function receiver(answer: (r: Received) => { status: number; body?: string }) {
  const received: Received[] = [];
  const server = https.createServer(
    {
      cert: fs.readFileSync(process.env.INTERLOG_DEV_CERT!),
      key: fs.readFileSync(process.env.INTERLOG_DEV_KEY!),
    },
    (req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const url = new URL(req.url!, 'https://x');
        const r = {
          path: url.pathname,
          query: url.searchParams,
          contentType: req.headers['content-type'] ?? '',
          body,
        };
        received.push(r);
        const a = answer(r);
        res.writeHead(a.status, { 'content-type': 'text/plain' }).end(a.body ?? '');
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Answers validations with the token, notifications with 202. */
const wellBehaved = (r: Received) =>
  r.query.has('validationToken') ? { status: 200, body: r.query.get('validationToken')! } : { status: 202 };

async function until(what: string, check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const inFromNow = (minutes: number, clock: () => number) =>
  new Date(clock() + minutes * 60_000).toISOString();

describe('Graph emulator: change notifications (subscriptions)', function () {
  this.timeout(30_000);
  let emu: GraphEmulator;
  let client: Client;
  let hook: Awaited<ReturnType<typeof receiver>>;

  beforeEach(async () => {
    emu = await startTestEmulator();
    client = graphClient(emu, await appToken(emu));
    hook = await receiver(wellBehaved);
  });
  afterEach(async () => {
    await emu.close();
    await hook.close();
  });

  const create = (extra: Record<string, unknown> = {}) =>
    client
      .api('/subscriptions')
      .header('Prefer', IMMUTABLE.Prefer)
      .post({
        changeType: 'created',
        notificationUrl: `${hook.url}/notify`,
        lifecycleNotificationUrl: `${hook.url}/lifecycle`,
        resource: `users/${MAILBOX}/mailFolders('Inbox')/messages`,
        expirationDateTime: inFromNow(60, emu.subscriptions.clock),
        clientState: 'secret-state',
        ...extra,
      });

  it('validates both endpoints before answering 201, then notifies `created` for Inbox mail only', async () => {
    const sub = await create();
    assert.equal(sub.clientState, 'secret-state');
    const validations = hook.received.filter((r) => r.query.has('validationToken'));
    assert.deepEqual(
      validations.map((r) => r.path),
      ['/notify', '/lifecycle'],
    );
    assert.match(validations[0]!.query.get('validationToken')!, /^Validation: Testing client application/);
    assert.match(validations[0]!.contentType, /^text\/plain/);

    const msg = emu.addMessage(MAILBOX, 'inbox', { subject: 'hello' });
    emu.addMessage(MAILBOX, 'junkemail', { subject: 'not subscribed' });
    await until('a notification', () => emu.subscriptions.stats.delivered === 1);
    const note = hook.received.find((r) => r.path === '/notify' && !r.query.has('validationToken'))!;
    const { value } = JSON.parse(note.body);
    assert.equal(value.length, 1);
    assert.equal(value[0].subscriptionId, sub.id);
    assert.equal(value[0].clientState, 'secret-state');
    assert.equal(value[0].changeType, 'created');
    assert.equal(value[0].tenantId, emu.tenantId);
    assert.equal(value[0].resourceData.id, msg.id, 'immutable id, as the create asked');
    assert.equal(value[0].resourceData['@odata.type'], '#Microsoft.Graph.Message');
    assert.equal(emu.subscriptions.deliveries.at(-1)!.status, 202);
  });

  it("refuses a delegated token's subscription to a shared mailbox (Graph allows only the user's own)", async () => {
    const user = await authCodeFlow(emu, msalApp(emu));
    const delegated = graphClient(emu, user.accessToken);
    const body = {
      changeType: 'created',
      notificationUrl: `${hook.url}/notify`,
      resource: `users/${MAILBOX}/mailFolders('Inbox')/messages`,
      expirationDateTime: inFromNow(60, emu.subscriptions.clock),
      clientState: 'secret-state',
    };
    const err = await graphError(delegated.api('/subscriptions').post(body));
    assert.deepEqual([err.statusCode, err.code], [403, 'ExtensionError']);
    assert.equal(
      await delegated
        .api(`/users/${MAILBOX}/mailFolders/inbox/messages`)
        .top(1)
        .get()
        .then(() => 'read'),
      'read',
      'the same token reads the mailbox',
    );
    assert.equal(hook.received.length, 0, 'refused before any validation request');
  });

  it('refuses the create when an endpoint does not echo the token', async () => {
    const bad = await receiver(() => ({ status: 200, body: 'nope' }));
    try {
      const err = await graphError(create({ lifecycleNotificationUrl: `${bad.url}/lifecycle` }));
      assert.equal(err.statusCode, 400);
      assert.equal(err.code, 'ValidationError');
      assert.equal(emu.subscriptions.list().length, 0);
    } finally {
      await bad.close();
    }
  });

  it('enforces the documented limits: 10,080 minutes, clientState 128 characters, https', async () => {
    const tooLong = await graphError(
      create({ expirationDateTime: inFromNow(10_081, emu.subscriptions.clock) }),
    );
    assert.equal(tooLong.statusCode, 400);
    const state = await graphError(create({ clientState: 'x'.repeat(129) }));
    assert.equal(state.statusCode, 400);
    const http = await graphError(create({ notificationUrl: 'http://127.0.0.1:1/notify' }));
    assert.equal(http.statusCode, 400);
    await create({ expirationDateTime: inFromNow(10_079, emu.subscriptions.clock) });
  });

  it('renews, reauthorizes, deletes; expires on its clock; 404 for what is gone', async () => {
    const sub = await create();
    const renewed = await client
      .api(`/subscriptions/${sub.id}`)
      .patch({ expirationDateTime: inFromNow(120, emu.subscriptions.clock) });
    assert.equal(Date.parse(renewed.expirationDateTime) > Date.parse(sub.expirationDateTime), true);
    assert.equal(renewed.clientState, null, 'never shown again after the create');

    assert.equal(await emu.subscriptions.fireLifecycle(sub.id, 'reauthorizationRequired'), true);
    const life = JSON.parse(hook.received.find((r) => r.path === '/lifecycle' && r.body)!.body).value[0];
    assert.equal(life.lifecycleEvent, 'reauthorizationRequired');
    assert.equal(life.clientState, 'secret-state');
    emu.addMessage(MAILBOX, 'inbox', { subject: 'dropped while unauthorized' });
    await until('drop', () => emu.subscriptions.stats.dropped === 1);
    await client.api(`/subscriptions/${sub.id}/reauthorize`).post({});
    assert.equal(emu.subscriptions.list()[0]!.reauthorizationRequired, false);

    emu.subscriptions.advanceClock(121 * 60_000);
    assert.equal(emu.subscriptions.list().length, 0, 'expired');
    assert.equal((await graphError(client.api(`/subscriptions/${sub.id}`).get())).statusCode, 404);

    const again = await create({ expirationDateTime: inFromNow(60, emu.subscriptions.clock) });
    await client.api(`/subscriptions/${again.id}`).delete();
    assert.equal((await client.api('/subscriptions').get()).value.length, 0);
  });

  it('subscriptionRemoved removes it; missed is only a notice; failed deliveries are retried', async () => {
    let failures = 1;
    const flaky = await receiver((r) => {
      if (r.query.has('validationToken')) return { status: 200, body: r.query.get('validationToken')! };
      if (r.path === '/notify' && failures-- > 0) return { status: 503 };
      return { status: 202 };
    });
    try {
      const sub = await create({
        notificationUrl: `${flaky.url}/notify`,
        lifecycleNotificationUrl: `${flaky.url}/lifecycle`,
      });
      emu.addMessage(MAILBOX, 'inbox', { subject: 'retried' });
      await until('the retry', () => emu.subscriptions.stats.delivered === 1);
      assert.deepEqual(
        emu.subscriptions.deliveries.filter((d) => d.kind === 'change').map((d) => d.status),
        [503, 202],
      );
      await emu.subscriptions.fireLifecycle(sub.id, 'missed');
      assert.equal(emu.subscriptions.list().length, 1);
      await emu.subscriptions.fireLifecycle(sub.id, 'subscriptionRemoved');
      assert.equal(emu.subscriptions.list().length, 0);
      const events = flaky.received.filter((r) => r.path === '/lifecycle' && r.body);
      assert.deepEqual(
        events.map((r) => JSON.parse(r.body).value[0].lifecycleEvent),
        ['missed', 'subscriptionRemoved'],
      );
    } finally {
      await flaky.close();
    }
  });
});
