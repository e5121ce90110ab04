import assert from 'node:assert/strict';
import { useTestDatabase } from '../../support/db.js';
import { MAILBOX, startEngineHarness, type EngineHarness } from '../../support/engineHarness.js';
import { startApiHarness, type ApiHarness } from './apiHarness.js';
import { messageRef } from './samples.js';

const PETER = { address: 'peter.hansen@contoso.example', name: 'Peter Hansen' };
const MARIA = { address: 'maria.nielsen@contoso.example', name: 'Maria Nielsen' };
const ANNA = { address: 'Anna.Jensen@Fabrikam.example', name: 'Anna Jensen' };
const LARS = { address: 'lars.berg@northwind.example', name: 'Lars Berg' };

describe("POST /log-email: manual logging with the loop's rules, idempotent with the loop", function () {
  this.timeout(120_000);
  const tdb = useTestDatabase('logemail');
  let h: ApiHarness;
  let engine: EngineHarness;
  before(async () => {
    h = await startApiHarness(tdb().conn);
    engine = await startEngineHarness(tdb().conn, { directory: false });
  });
  after(async () => {
    await h?.close();
    await engine?.close();
  });

  const log = (body: object, token = 'salesperson') =>
    h.request('POST', '/api/v1/log-email', { token, body });
  const pairs = (entries: { contactNumber: string; salespersonCode: string | null }[]) =>
    entries.map((e) => `${e.contactNumber}:${e.salespersonCode}`).sort();

  it('logs once as the classifier says (inbound: one entry per salesperson), then answers already_logged', async () => {
    const ref = messageRef({ from: ANNA, to: [PETER], cc: [MARIA, LARS] });
    const first = await log(ref);
    assert.equal(first.status, 200, first.text);
    assert.equal(first.json.status, 'logged');
    assert.deepEqual(pairs(first.json.entries), ['CT000001:MN', 'CT000001:PH']);
    const again = await log(ref, 'admin');
    assert.deepEqual([again.json.status, again.json.entries], ['already_logged', first.json.entries]);
    const stored = await h.raw('interactions').find({ messageKey: ref.internetMessageId }).toArray();
    assert.deepEqual(
      stored.map((e) => [e.direction, e.archiveState, e.source, e.createdBy, e.message.mailbox]),
      [
        ['inbound', 'none', 'manual', 'peter.hansen@contoso.example', null],
        ['inbound', 'none', 'manual', 'peter.hansen@contoso.example', null],
      ],
    );
  });

  it('uses the sender, not "from", as the loop does (send on behalf)', async () => {
    const ref = messageRef({ from: ANNA, sender: PETER, to: [LARS] });
    const r = await log(ref);
    assert.deepEqual([r.json.status, pairs(r.json.entries)], ['logged', ['CT000002:PH']]);
  });

  it('refuses mail with nothing to log (422) and mail only for a privacy-blocked contact (409)', async () => {
    const strangers = await log(
      messageRef({ from: { address: 'a@elsewhere.example', name: '' }, to: [ANNA] }),
      'admin',
    );
    assert.deepEqual([strangers.status, strangers.json.code], [422, 'nothing_to_log']);
    const internal = await log(messageRef({ from: PETER, to: [MARIA] }));
    assert.deepEqual([internal.status, internal.json.code], [422, 'nothing_to_log']);
    await h.request('PATCH', '/api/v1/contacts/CT000002', { token: 'admin', body: { privacyBlocked: true } });
    try {
      const blocked = await log(messageRef({ from: PETER, to: [LARS] }));
      assert.deepEqual([blocked.status, blocked.json.code], [409, 'privacy_blocked']);
    } finally {
      await h.request('PATCH', '/api/v1/contacts/CT000002', {
        token: 'admin',
        body: { privacyBlocked: false },
      });
    }
  });

  it('applies the mailbox blocklist like the loop', async () => {
    const put = (blocklist: string[]) =>
      h.request('PUT', `/api/v1/logging/setups/${MAILBOX}`, {
        token: 'admin',
        body: { policy: { blocklist } },
      });
    assert.equal((await put(['@fabrikam.example'])).status, 200);
    try {
      const r = await log(messageRef({ from: PETER, to: [ANNA] }));
      assert.deepEqual([r.status, r.json.code], [422, 'nothing_to_log']);
    } finally {
      await put([]);
    }
  });

  it('race: the user logs a message while the loop logs it -> exactly one set of entries, archived, every time', async () => {
    const rounds = 20;
    for (let round = 0; round < rounds; round++) {
      const internetMessageId = `<race-${round}-${Date.now()}@fabrikam.example>`;
      const sent = new Date(Date.UTC(2025, 2, 3, 9, round)).toISOString();
      engine.emu.addMessage(MAILBOX, 'inbox', {
        internetMessageId,
        subject: `Race ${round}`,
        from: { address: ANNA.address, name: ANNA.name },
        toRecipients: [{ address: PETER.address }],
        ccRecipients: [{ address: MARIA.address }],
        sentDateTime: sent,
      });
      const ref = messageRef({
        internetMessageId,
        subject: `Race ${round}`,
        sentDateTime: sent,
        from: ANNA,
        to: [PETER],
        cc: [MARIA],
      });
      // Interleave differently each round: the loop first, the users first, or all at once.
      const manual = () => Promise.all([log(ref), log(ref, 'admin')]);
      const [run, answers] =
        round % 3 === 0
          ? await Promise.all([engine.run(), manual()])
          : round % 3 === 1
            ? await Promise.all([engine.run(), new Promise((r) => setImmediate(r)).then(manual)])
            : await manual().then(async (a) => [await engine.run(), a] as const);

      assert.equal(run.counts.failed, 0, JSON.stringify(run.errors));
      for (const a of answers) {
        assert.equal(a.status, 200, a.text);
        assert.deepEqual(pairs(a.json.entries), ['CT000001:MN', 'CT000001:PH']);
      }
      const stored = await h.raw('interactions').find({ messageKey: internetMessageId }).toArray();
      assert.deepEqual(pairs(stored as never), ['CT000001:MN', 'CT000001:PH'], `round ${round}`);
      assert.equal(new Set(stored.map((e) => e.entryNumber)).size, 2);
      assert.ok(
        stored.every((e) => e.archiveState === 'archived'),
        `round ${round}: ${stored.map((e) => e.archiveState)}`,
      );
      assert.equal(engine.emu.listFolder(MAILBOX, 'inbox').length, 0, 'the message left the Inbox');
      const archived = engine.emu
        .listFolder(MAILBOX, 'archive')
        .filter((m) => m.internetMessageId === internetMessageId);
      assert.equal(archived.length, 1);
      assert.ok(stored.every((e) => e.message.immutableId === archived[0]!.id));
      assert.ok(
        stored.every((e) => e.source === 'loop' || e.verification === 'confirmed'),
        `round ${round}: ${stored.map((e) => `${e.source}/${e.verification}`)}`,
      );
      assert.equal(await waits(internetMessageId), 0, `round ${round}: nothing left waiting`);
    }
  });

  const waits = (key: string) => h.raw('manualConfirmations').countDocuments({ _id: key as never });

  it('refuses a caller who neither sent nor received the message (403 not_a_participant); an admin may log it', async () => {
    const ref = messageRef({ from: ANNA, to: [MARIA] });
    const r = await log(ref); // Peter is not on it
    assert.deepEqual([r.status, r.json.code], [403, 'not_a_participant']);
    assert.equal(await h.raw('interactions').countDocuments({ messageKey: ref.internetMessageId }), 0);
    assert.equal(await waits(ref.internetMessageId), 0);
    const byAdmin = await log(ref, 'admin');
    assert.deepEqual([byAdmin.status, byAdmin.json.status], [200, 'logged']);
  });

  it("a participant's forged log stays unconfirmed until the copy arrives; then the copy's subject, time, participants and link replace it", async () => {
    const internetMessageId = `<forged-${Date.now()}@fabrikam.example>`;
    const forged = messageRef({
      internetMessageId,
      subject: 'Invented subject',
      sentDateTime: '2024-01-01T00:00:00.000Z',
      from: PETER,
      to: [ANNA],
      cc: [LARS], // not on the real mail
    });
    const r = await log(forged);
    assert.deepEqual(pairs(r.json.entries), ['CT000001:PH', 'CT000002:PH']);
    const before = await h.raw('interactions').find({ messageKey: internetMessageId }).toArray();
    assert.deepEqual(
      before.map((e) => e.verification),
      ['unconfirmed', 'unconfirmed'],
    );
    const list = await h.request('GET', '/api/v1/logging/manual-confirmations', { token: 'admin' });
    assert.equal(list.status, 200, list.text);
    const listed = list.json.items.find(
      (i: { internetMessageId: string }) => i.internetMessageId === internetMessageId,
    );
    assert.deepEqual([listed?.entries, listed?.needsReview, listed?.requestedBy], [2, false, PETER.address]);

    engine.emu.addMessage(MAILBOX, 'inbox', {
      internetMessageId,
      subject: 'The real subject',
      from: { address: PETER.address, name: PETER.name },
      toRecipients: [{ address: ANNA.address }],
    });
    const run = await engine.run();
    assert.equal(run.counts.failed, 0, JSON.stringify(run.errors));
    const archived = engine.emu
      .listFolder(MAILBOX, 'archive')
      .find((m) => m.internetMessageId === internetMessageId)!;
    const after = await h.raw('interactions').find({ messageKey: internetMessageId }).toArray();
    const byPair = new Map(after.map((e) => [`${e.contactNumber}:${e.salespersonCode}`, e]));
    const real = byPair.get('CT000001:PH')!;
    assert.deepEqual(
      [real.subject, real.verification, real.archiveState, real.canceled, real.message.mailbox],
      ['The real subject', 'confirmed', 'archived', false, MAILBOX],
    );
    assert.equal(real.message.immutableId, archived.id);
    assert.equal(
      (real.occurredAt as Date).toISOString(),
      new Date(String(archived.sentDateTime)).toISOString(),
    );
    const invented = byPair.get('CT000002:PH')!;
    assert.deepEqual([invented.verification, invented.canceled], ['rejected', true]);
    assert.equal(await waits(internetMessageId), 0);
    const history = await h.request('GET', '/api/v1/contacts/CT000001/interactions', {
      token: 'salesperson',
    });
    const shown = history.json.items.find((i: { entryNumber: number }) => i.entryNumber === real.entryNumber);
    assert.deepEqual([shown?.subject, shown?.verification], ['The real subject', 'confirmed']);
  });

  it('a manual log whose copy never arrives is flagged for review after the window', async () => {
    const ref = messageRef({ from: PETER, to: [ANNA] });
    assert.equal((await log(ref)).json.status, 'logged');
    const list = async () =>
      (await h.request('GET', '/api/v1/logging/manual-confirmations', { token: 'admin' })).json;
    const mine = (l: { items: { internetMessageId: string; needsReview: boolean }[] }) =>
      l.items.find((i) => i.internetMessageId === ref.internetMessageId);
    const fresh = await list();
    assert.equal(mine(fresh)?.needsReview, false);
    // Two days pass without the copy (the wait's own time moved back: the server's clock is real).
    await h
      .raw('manualConfirmations')
      .updateOne(
        { _id: ref.internetMessageId as never },
        { $set: { createdAt: new Date(Date.now() - 48 * 3_600_000) } },
      );
    const late = await list();
    assert.deepEqual([mine(late)?.needsReview, late.windowHours], [true, 24]);
    assert.equal(late.needsReview, fresh.needsReview + 1);
    const forbidden = await h.request('GET', '/api/v1/logging/manual-confirmations', {
      token: 'salesperson',
    });
    assert.equal(forbidden.status, 403);
  });
});
