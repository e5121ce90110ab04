// The Graph adapter's change-notification calls against the emulator over HTTPS (real MSAL and Graph SDK): the
// create Microsoft documents (Inbox messages, `created`, lifecycle URL, clientState), renewal, reauthorize,
// delete, and Graph's errors as stable codes (endpoint_unreachable, not_found).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { GraphEmulator } from '../../../../scripts/graph-emulator/index.js';
import { MailSourceError, type MailSubscriptions } from '../../../../server/mailsource/MailSource.js';
import { inboxResource } from '../../../../server/mailsource/graph/subscriptions.js';
import { MAILBOX, mailSource, startEmulator } from './emulatorHarness.js';

/** An endpoint that echoes validation tokens when `echo` is on, and answers notifications 202. */
async function endpoint(echo: { on: boolean }) {
  const tls = {
    cert: fs.readFileSync(process.env.INTERLOG_DEV_CERT!),
    key: fs.readFileSync(process.env.INTERLOG_DEV_KEY!),
  };
  const server = https.createServer(tls, (req, res) => {
    const token = new URL(req.url!, 'https://x').searchParams.get('validationToken');
    req.resume();
    if (token !== null && echo.on) res.writeHead(200, { 'content-type': 'text/plain' }).end(token);
    else res.writeHead(token !== null ? 500 : 202).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function failure(p: Promise<unknown>): Promise<MailSourceError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof MailSourceError, String(e));
    return e;
  }
  throw new Error('expected a failure');
}

describe('mailsource/graph/subscriptions (emulator over HTTPS)', function () {
  this.timeout(30_000);
  let emu: GraphEmulator;
  let subs: MailSubscriptions;
  const echo = { on: true };
  let hook: Awaited<ReturnType<typeof endpoint>>;

  before(async () => {
    emu = await startEmulator();
    subs = mailSource(emu).source.subscriptions!;
    hook = await endpoint(echo);
  });
  after(async () => {
    await hook.close();
    await emu.close();
  });

  const request = () => ({
    notificationUrl: `${hook.url}/hooks/graph/notifications`,
    lifecycleNotificationUrl: `${hook.url}/hooks/graph/lifecycle`,
    clientState: 'a'.repeat(43),
    expiresAt: new Date(Date.now() + 24 * 3600_000),
  });

  it('subscribes to new mail in the Inbox, renews, reauthorizes and deletes', async () => {
    const created = await subs.subscribeInbox(request());
    const [held] = emu.subscriptions.list();
    assert.equal(held!.id, created.id);
    assert.equal(held!.resource, inboxResource(MAILBOX));
    assert.equal(held!.changeType, 'created');
    assert.equal(held!.clientState, 'a'.repeat(43));
    assert.equal(held!.lifecycleNotificationUrl, `${hook.url}/hooks/graph/lifecycle`);

    const later = new Date(Date.now() + 48 * 3600_000);
    const renewed = await subs.renew(created.id, later);
    assert.equal(renewed.expiresAt.getTime(), later.getTime());
    await subs.reauthorize(created.id);
    assert.equal(emu.subscriptions.stats.reauthorized, 1);
    await subs.unsubscribe(created.id);
    assert.equal(emu.subscriptions.list().length, 0);
    await subs.unsubscribe(created.id); // missing is not an error
  });

  it('says not_found for a subscription Graph no longer has', async () => {
    assert.equal(
      (await failure(subs.renew('0d9a0c7e-0000-4000-8000-000000000000', new Date(Date.now() + 3600_000))))
        .code,
      'not_found',
    );
    assert.equal((await failure(subs.reauthorize('0d9a0c7e-0000-4000-8000-000000000000'))).code, 'not_found');
  });

  it('says endpoint_unreachable when Graph cannot validate our endpoints', async () => {
    echo.on = false;
    try {
      const err = await failure(subs.subscribeInbox(request()));
      assert.equal(err.code, 'endpoint_unreachable');
      assert.equal(err.providerCode, 'ValidationError');
    } finally {
      echo.on = true;
    }
  });
});
