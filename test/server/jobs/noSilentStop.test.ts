// No failure is silent and none stops the mailbox: a message that fails forever is retried in isolation, shown
// as failing, and quarantined after the policy's maximum while the rest of the Inbox is logged; a SECRETS_KEY
// that cannot open the setup is a recorded, failing run with a code that names it.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { Scheduler } from '../../../server/jobs/scheduler.js';
import { imapProbeForSetup, mailSourceForSetup } from '../../../server/mailsource/sourceForSetup.js';
import { validateSetupOf } from '../../../server/jobs/validateSetup.js';
import { LeaseRepository } from '../../../server/repositories/leases.js';
import { createSecretBox } from '../../../server/security/secretBox.js';
import { mailboxHealth } from '../../../server/services/adminViews.js';
import { useTestDatabase } from '../../support/db.js';
import { MAILBOX, startEngineHarness, type EngineHarness } from '../../support/engineHarness.js';

const ANNA = { address: 'anna.jensen@fabrikam.example', name: 'Anna Jensen' };
const PETER = { address: 'peter.hansen@contoso.example', name: 'Peter Hansen' };
let sequence = 0;

function customerMail(h: EngineHarness, subject: string) {
  sequence++;
  return h.emu.addMessage(MAILBOX, 'inbox', {
    subject,
    from: ANNA,
    toRecipients: [PETER],
    receivedDateTime: new Date(Date.UTC(2026, 10, 2, 8, 0, 0) + sequence * 1000).toISOString(),
    internetMessageId: `<nss-${sequence}@fabrikam.example>`,
  });
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function health(h: EngineHarness) {
  const setup = await h.setup();
  const failing = (await h.deps.states.list(MAILBOX, 'failing', 100)).length;
  return mailboxHealth(setup, await h.deps.jobRuns.recent(MAILBOX, 6), new Date(), failing).health;
}

describe('logging engine: no silent stop', function () {
  this.timeout(180_000);
  const tdb = useTestDatabase('nosilent');
  let h: EngineHarness;
  beforeEach(async () => {
    await tdb().conn.dropDatabase();
    h = await startEngineHarness(tdb().conn, { setup: { batchSize: 100 } });
  });
  afterEach(() => h?.close());

  it('one message whose moves answer 5xx forever: the other 999 logged at once, failing meanwhile, quarantined after 5 runs', async () => {
    const stuck = customerMail(h, 'Stuck 0');
    for (let i = 1; i < 1000; i++) customerMail(h, `Batch ${i}`);
    // Every move of that message, batched or single, into any folder.
    const id = `(${escape(stuck.id)}|${escape(encodeURIComponent(stuck.id))})`;
    h.emu.faults.add({ method: 'POST', pathPattern: new RegExp(`${id}/move$`), kind: '503' });

    const first = await h.run();
    assert.deepEqual(
      [first.counts.logged, first.counts.failed, first.counts.deleted],
      [999, 1, 0],
      JSON.stringify(first.errors.slice(0, 3)),
    );
    assert.equal(await health(h), 'failing', 'a failing message makes the mailbox failing');

    for (let run = 2; run <= 5; run++) {
      customerMail(h, `Later ${run}`); // the Inbox is still read and logged each run
      const r = await h.run();
      assert.equal(r.counts.logged, 1, `run ${run} logged the new mail: ${JSON.stringify(r.errors)}`);
      assert.equal(r.counts.failed, 1, `run ${run} tried the stuck message once`);
      if (run < 5) assert.equal(await health(h), 'failing');
    }
    const quarantined = await h.deps.states.list(MAILBOX, 'quarantined', 10);
    assert.equal(quarantined.length, 1);
    assert.equal(quarantined[0]!.code, 'repeated_failure');
    assert.match(quarantined[0]!.reason, /Failed 5 times; last error \(.*transient\)/);
    assert.match(quarantined[0]!.reason, /still in the Inbox/, 'its move to quarantine failed too');
    assert.equal(await health(h), 'healthy', 'quarantined: nothing waits any more');
    assert.equal(await h.db.conn.db!.collection('pendingArchives').countDocuments(), 0, 'its intent dropped');

    const after = await h.run();
    assert.deepEqual([after.counts.failed, after.counts.read], [0, 0], 'left alone until released');
    const inbox = h.emu.listFolder(MAILBOX, 'inbox').map((m) => m.subject);
    assert.deepEqual(inbox, ['Stuck 0'], 'nothing deleted, nothing else left');
    assert.equal(h.emu.listFolder(MAILBOX, 'deleteditems').length, 0);
  });

  it('a SECRETS_KEY that cannot open the setup: a failing run naming it, within one interval, and Validate says so', async () => {
    customerMail(h, 'Waits for the key');
    const otherKey = createSecretBox(crypto.randomBytes(32)); // valid, but not the one the setup was sealed with
    const deps = { ...h.deps, now: () => new Date() };
    const scheduler = new Scheduler(
      deps,
      new LeaseRepository(h.db.models),
      (setup) => mailSourceForSetup(setup, { ...h.env, secrets: otherKey }),
      { tickMs: 100, leaseTtlMs: 10_000 },
    );
    scheduler.start();
    try {
      const deadline = Date.now() + 10_000;
      while ((await h.deps.jobRuns.recent(MAILBOX, 1)).length === 0 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
    } finally {
      await scheduler.stop();
    }
    const [run] = await h.deps.jobRuns.recent(MAILBOX, 1);
    assert.equal(run?.outcome, 'failed');
    assert.equal(run?.errors[0]?.code, 'secrets_key_mismatch');
    assert.match(run!.errors[0]!.message, /sealed with another SECRETS_KEY/);
    assert.equal(await health(h), 'failing');
    assert.equal(h.emu.listFolder(MAILBOX, 'inbox').length, 1, 'nothing touched');

    const validation = await validateSetupOf(await h.setup(), {
      sourceFor: (setup) => mailSourceForSetup(setup, { ...h.env, secrets: otherKey }),
      imapProbeFor: (setup) => imapProbeForSetup(setup, otherKey),
    });
    assert.equal(validation.ok, false);
    assert.equal(validation.steps[0]?.code, 'secrets_key_mismatch');
    assert.match(validation.message, /sealed with another SECRETS_KEY than the one this server runs with/);
  });
});
