// Links that heal (issue 13, point 3), end to end: the loop logs mail through the real MSAL and Graph SDK into a
// real database, the emulator moves it into the archive mailbox (new immutable ids) or deletes it for good, and
// the link check finds it again by internetMessageId, within its hourly budget of Graph requests.
import assert from 'node:assert/strict';
import { LinkCheckJob } from '../../../server/jobs/linkCheck.js';
import { createLogger } from '../../../server/logging/logger.js';
import { mailSourceForSetup } from '../../../server/mailsource/sourceForSetup.js';
import { LinkCheckRepository } from '../../../server/repositories/linkChecks.js';
import { useTestDatabase } from '../../support/db.js';
import { MAILBOX, startEngineHarness, type EngineHarness } from '../../support/engineHarness.js';

const ANNA = { address: 'anna.jensen@fabrikam.example', name: 'Anna Jensen' };
const MARIA = { address: 'maria.nielsen@contoso.example', name: 'Maria Nielsen' };
const PETER = { address: 'peter.hansen@contoso.example', name: 'Peter Hansen' };
const log = createLogger({ level: 'silent' });

interface Entry {
  _id: string;
  messageKey: string;
  message: { mailbox: string; immutableId: string; webLink: string };
  linkState?: string;
  linkLostAt?: Date;
  linkCheckedAt?: Date;
}

async function logMail(h: EngineHarness, n: number, tag: string): Promise<void> {
  for (let i = 0; i < n; i++) {
    h.emu.addMessage(MAILBOX, 'inbox', {
      subject: `Order ${tag}${i}`,
      from: ANNA,
      toRecipients: [PETER, MARIA], // two salespeople: two entries of one message
      internetMessageId: `<${tag}-${i}@fabrikam.example>`,
      receivedDateTime: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(),
    });
  }
  for (;;) {
    const run = await h.run();
    assert.equal(run.outcome, 'succeeded', JSON.stringify(run.errors));
    if (run.counts.read === 0) break;
  }
}

function job(h: EngineHarness, over: Partial<ConstructorParameters<typeof LinkCheckJob>[0]> = {}) {
  return new LinkCheckJob({
    repo: new LinkCheckRepository(h.db.models),
    setups: h.repos.setups,
    sourceFor: (setup) => mailSourceForSetup(setup, h.env),
    leases: h.repos.leases,
    owner: 'test#1',
    log,
    requestsPerHour: 10_000,
    requestsPerRun: 10_000,
    ...over,
  });
}

describe('link check: links that heal', function () {
  this.timeout(300_000);
  const tdb = useTestDatabase('linkcheck');
  let h: EngineHarness;
  before(async () => {
    h = await startEngineHarness(tdb().conn, { setup: { batchSize: 50 } });
  });
  after(() => h?.close());

  const entries = async () =>
    (await h.db.conn.db!.collection('interactions').find({}).toArray()) as unknown as Entry[];

  it('finds 100 messages moved into the archive mailbox by internetMessageId; a deleted one ends link lost', async () => {
    await logMail(h, 101, 'arch');
    const logged = await entries();
    assert.equal(logged.length, 202, 'two entries per message');
    const ids = [...new Set(logged.map((e) => e.message.immutableId))];
    assert.equal(ids.length, 101);
    const [gone, ...moved] = ids;
    for (const id of moved) h.emu.moveToArchiveMailbox(MAILBOX, id!, '2025');
    const source = mailSourceForSetup((await h.setup())!, h.env);
    await source.delete(gone!); // to Deleted Items (same immutable id) ...
    await source.delete(gone!); // ... and out of there for good

    const before = h.emu.stats.total;
    const check = job(h);
    const run = await check.runOnce();
    assert.deepEqual(
      [run?.stoppedBy, run?.counts.checked, run?.counts.healed, run?.counts.lost, run?.counts.ok],
      ['done', 101, 100, 1, 0],
      JSON.stringify(run),
    );
    // One GET per message (not per entry) and one search for each that no longer answered.
    assert.equal(run!.requests, 202);
    assert.equal(h.emu.stats.total - before, 202);

    for (const e of await entries()) {
      if (e.message.immutableId === gone || e.linkState === 'lost') {
        assert.equal(e.linkState, 'lost', e._id);
        assert.ok(e.linkLostAt instanceof Date);
        continue;
      }
      assert.equal(e.linkState, 'ok');
      assert.ok(e.linkCheckedAt instanceof Date);
      assert.ok(!ids.includes(e.message.immutableId), 'a new immutable id');
      const now = h.emu.getMessage(MAILBOX, e.message.immutableId);
      assert.equal(now?.internetMessageId, e.messageKey, 'the id answers with this very message');
      assert.equal(now?.webLink, e.message.webLink);
      const page = await fetch(e.message.webLink);
      assert.equal(page.status, 200, 'the link opens the message again');
      assert.match(await page.text(), /Order arch/);
    }
    const lost = (await entries()).filter((e) => e.linkState === 'lost');
    assert.equal(lost.length, 2, 'both entries of the deleted message');
    const state = await new LinkCheckRepository(h.db.models).get();
    assert.deepEqual([state.cursor, state.passStartedAt, state.totals.healed], [null, null, 100]);
    assert.ok(state.lastPassFinishedAt instanceof Date);

    // A finished pass rests; the next one (a day later) asks once per message and finds them where they are.
    assert.equal(await check.runOnce(), null);
    const later = job(h, { now: () => new Date(Date.now() + 25 * 3_600_000) });
    const again = await later.runOnce();
    assert.deepEqual(
      [again?.counts.checked, again?.counts.ok, again?.counts.skipped, again?.requests],
      [100, 100, 2, 100],
    );
  });
});

describe('link check: the hourly budget and one instance at a time', function () {
  this.timeout(300_000);
  const tdb = useTestDatabase('linkcheckbudget');
  let h: EngineHarness;
  before(async () => {
    h = await startEngineHarness(tdb().conn, { setup: { batchSize: 50 } });
  });
  after(() => h?.close());

  it('never sends more Graph requests in an hour than its budget, and resumes where it stopped', async () => {
    await logMail(h, 30, 'budget');
    const ids = [
      ...new Set(
        (await h.db.conn.db!.collection('interactions').find({}).toArray()).map(
          (e) => (e as unknown as Entry).message.immutableId,
        ),
      ),
    ];
    for (const id of ids) h.emu.moveToArchiveMailbox(MAILBOX, id);
    let clock = Date.now();
    const check = job(h, { requestsPerHour: 25, requestsPerRun: 10, now: () => new Date(clock) });
    const spent: number[] = [];
    for (let i = 0; i < 4; i++) {
      const before = h.emu.stats.total;
      const run = await check.runOnce();
      spent.push(h.emu.stats.total - before);
      assert.equal(run?.requests, spent[i]);
      clock += 60_000;
    }
    // 10 + 10 + 5 (the hour's 25), then nothing until the hour is over.
    assert.deepEqual(spent, [10, 10, 5, 0]);
    const state = await new LinkCheckRepository(h.db.models).get();
    assert.equal(state.lastRun?.stoppedBy, 'budget');
    assert.equal(state.window?.requests, 25);
    assert.ok(state.cursor, 'the pass is in progress');
    assert.equal(state.pass.healed, 12, 'two requests per archived message');

    // Another instance holding the lease: this one does nothing.
    clock += 3_600_000;
    const other = await h.repos.leases.acquire('link-check', 'other#2', 60_000);
    assert.equal(await check.runOnce(), null);
    await h.repos.leases.release(other!);

    let healed = state.pass.healed;
    for (let i = 0; i < 10 && healed < 30; i++) {
      const run = await check.runOnce();
      healed += run?.counts.healed ?? 0;
      clock += 3_600_000;
    }
    assert.equal(healed, 30);
    const all = await h.db.conn.db!.collection('interactions').find({}).toArray();
    assert.ok(all.every((e) => e.linkState === 'ok' && h.emu.getMessage(MAILBOX, e.message.immutableId)));
  });
});
