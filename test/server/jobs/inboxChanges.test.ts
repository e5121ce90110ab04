// The Inbox is read by its changes (Graph messages/delta), from a cursor saved after each page: mail moved back
// into the Inbox is logged whatever its received time; an expired cursor means a new full round that logs
// nothing twice; a quiet Inbox costs one request.
import assert from 'node:assert/strict';
import { useTestDatabase } from '../../support/db.js';
import { MAILBOX, startEngineHarness, type EngineHarness } from '../../support/engineHarness.js';

const ANNA = { address: 'anna.jensen@fabrikam.example', name: 'Anna Jensen' };
const PETER = { address: 'peter.hansen@contoso.example', name: 'Peter Hansen' };

describe('logging engine: the Inbox read by its changes (delta)', function () {
  this.timeout(120_000);
  const tdb = useTestDatabase('inboxchanges');
  let h: EngineHarness;
  before(async () => {
    h = await startEngineHarness(tdb().conn, { setup: { batchSize: 5 } });
  });
  after(() => h?.close());

  const entries = (key: string) =>
    h.db.conn.db!.collection('interactions').find({ messageKey: key }).toArray();
  const mail = (n: string, over: object = {}) =>
    h.emu.addMessage(MAILBOX, 'inbox', {
      subject: `Delta ${n}`,
      from: ANNA,
      toRecipients: [PETER],
      internetMessageId: `<delta-${n}@fabrikam.example>`,
      ...over,
    });

  it('logs a message moved back into the Inbox with a month-old received time on the next run', async () => {
    for (let i = 0; i < 12; i++) mail(`a${i}`);
    const first = await h.run();
    assert.deepEqual([first.outcome, first.counts.logged], ['succeeded', 12], JSON.stringify(first.errors));
    assert.ok((await h.setup()).inboxCursor?.link.includes('deltatoken'), 'the round ended with a deltaLink');

    // Filed elsewhere by a user a month ago, now dragged back into the Inbox.
    const monthOld = new Date(Date.now() - 31 * 86_400_000).toISOString();
    const old = h.emu.addMessage(MAILBOX, 'Interlog quarantine', {
      subject: 'An old thread',
      from: ANNA,
      toRecipients: [PETER],
      internetMessageId: '<delta-old@fabrikam.example>',
      receivedDateTime: monthOld,
      sentDateTime: monthOld,
    });
    h.emu.moveMessage(MAILBOX, old.id, 'inbox');
    const before = h.emu.stats.total;
    const next = await h.run();
    assert.deepEqual([next.counts.read, next.counts.logged], [1, 1], JSON.stringify(next.errors));
    const [entry] = await entries('<delta-old@fabrikam.example>');
    assert.equal((entry!.occurredAt as Date).toISOString(), monthOld.replace(/\.\d+Z$/, '.000Z'));
    assert.equal(entry!.archiveState, 'archived');

    const quietFrom = h.emu.stats.total;
    const quiet = await h.run();
    assert.equal(quiet.counts.read, 0);
    assert.ok(
      h.emu.stats.total - quietFrom <= 6,
      `a quiet Inbox costs a few requests (${h.emu.stats.total - quietFrom})`,
    );
    assert.ok(quietFrom > before);
  });

  it('an expired cursor starts a full round that logs nothing twice', async () => {
    for (let i = 0; i < 7; i++) mail(`b${i}`);
    h.emu.expireDeltaTokens();
    const run = await h.run();
    assert.deepEqual([run.outcome, run.counts.logged], ['succeeded', 7], JSON.stringify(run.errors));
    // The full round reads the whole Inbox again; what was logged has left it, so nothing is logged twice.
    for (let i = 0; i < 7; i++) assert.equal((await entries(`<delta-b${i}@fabrikam.example>`)).length, 1);
    const total = await h.db.conn.db!.collection('interactions').countDocuments();
    assert.equal(total, 12 + 1 + 7);
    h.emu.expireDeltaTokens();
    const again = await h.run();
    assert.deepEqual([again.outcome, again.counts.logged, again.counts.duplicate], ['succeeded', 0, 0]);
    assert.equal(await h.db.conn.db!.collection('interactions').countDocuments(), total);
  });

  it('resumes after the last page it dealt with when a run stops midway', async () => {
    for (let i = 0; i < 15; i++) mail(`c${i}`);
    const controller = new AbortController();
    let pages = 0;
    const partial = await h.run({
      signal: controller.signal,
      guard: async () => {
        if (++pages === 2) controller.abort(); // the second page records its intents, then the run stops
      },
    });
    assert.ok(partial.counts.read >= 5 && partial.counts.read < 15, JSON.stringify(partial.counts));
    const rest = await h.run();
    assert.equal(rest.outcome, 'succeeded', JSON.stringify(rest.errors));
    for (let i = 0; i < 15; i++)
      assert.equal((await entries(`<delta-c${i}@fabrikam.example>`)).length, 1, `c${i} logged once`);
    assert.equal(h.emu.listFolder(MAILBOX, 'inbox').length, 0);
  });
});
