// The task pane's lookup reads a read model (timelines) and a salesperson cache: neither may show the pane an
// old state. Instance A (the API harness) serves lookups and takes the users' changes; the loop runs as another
// process would (its own repositories on the same database); instance B is a second API on its own connection.
// Whatever changes an entry or a contact is in A's next lookup, and in B's once past the versions' bound (50 ms:
// server/repositories/versions.ts); the loop's writes (another process) in both past that bound. A salesperson's
// new name is in A's next lookup and in B's within SALESPEOPLE_CACHE_MS. The deployment's settings (who sees what)
// decide A's next lookup and B's past the versions' bound.
import assert from 'node:assert/strict';
import mongoose, { type Connection } from 'mongoose';
import { SALESPEOPLE_CACHE_MS } from '../../../server/repositories/salespeople.js';
import { useTestDatabase } from '../../support/db.js';
import { MAILBOX, startEngineHarness, type EngineHarness } from '../../support/engineHarness.js';
import { startApiHarness, type ApiHarness } from './apiHarness.js';
import { messageRef } from './samples.js';
import { pastVersionsBound } from '../../support/versions.js';

const ANNA = { address: 'anna.jensen@fabrikam.example', name: 'Anna Jensen' };
const PETER = { address: 'peter.hansen@contoso.example', name: 'Peter Hansen' };

interface Summary {
  entryNumber: number;
  subject: string;
  canceled: boolean;
  opportunityNumber: string | null;
  hasLink: boolean;
  salespersonName: string | null;
}

describe('lookup freshness: the read model and caches never show the pane an old state', function () {
  this.timeout(180_000);
  const tdb = useTestDatabase('lookupfresh');
  let a: ApiHarness;
  let b: ApiHarness;
  let bConn: Connection;
  let loop: EngineHarness;
  let minute = 0;

  before(async () => {
    a = await startApiHarness(tdb().conn);
    bConn = mongoose.createConnection(process.env.MONGODB_URI!, { dbName: tdb().name, autoIndex: false });
    await bConn.asPromise();
    b = await startApiHarness(bConn, { seed: false });
    loop = await startEngineHarness(tdb().conn, { directory: false });
  });
  after(async () => {
    await a?.close();
    await b?.close();
    await loop?.close();
    await bConn?.close();
  });

  /** Anna's newest entries as the pane of this instance shows them. */
  async function recent(h: ApiHarness): Promise<Summary[]> {
    const r = await h.request('POST', '/api/v1/lookup', {
      token: 'salesperson',
      body: { addresses: [ANNA.address] },
    });
    assert.equal(r.status, 200, r.text);
    return r.json.recentInteractions.CT000001 ?? [];
  }
  /** A's next lookup, then B's once past the versions' bound. */
  const bothSee = async (check: (list: Summary[]) => void) => {
    check(await recent(a));
    await pastVersionsBound();
    check(await recent(b));
  };
  const nextSent = () => new Date(Date.UTC(2026, 10, 1, 9, ++minute)).toISOString();

  it("an entry logged by hand is the newest in A's next lookup and in B's past the bound", async () => {
    await bothSee((list) => assert.equal(list.length, 0)); // both have read (and cached) the empty state
    const ref = messageRef({ subject: 'By hand', sentDateTime: nextSent(), from: PETER, to: [ANNA] });
    const r = await a.request('POST', '/api/v1/log-email', { token: 'salesperson', body: ref });
    assert.equal(r.status, 200, r.text);
    await bothSee((list) => assert.deepEqual([list[0]?.subject, list[0]?.hasLink], ['By hand', false]));
  });

  it('an entry logged by the loop, and a manual entry the loop links to its archived copy, in both past the bound', async () => {
    const handSent = nextSent();
    const hand = messageRef({ subject: 'Then archived', sentDateTime: handSent, from: PETER, to: [ANNA] });
    await a.request('POST', '/api/v1/log-email', { token: 'salesperson', body: hand });
    await bothSee((list) => assert.deepEqual([list[0]?.subject, list[0]?.hasLink], ['Then archived', false]));
    for (const [id, subject, sent] of [
      [hand.internetMessageId, 'Then archived', handSent],
      [`<loop-${Date.now()}@fabrikam.example>`, 'By the loop', nextSent()],
    ] as const)
      loop.emu.addMessage(MAILBOX, 'inbox', {
        internetMessageId: id,
        subject,
        from: { address: ANNA.address, name: ANNA.name },
        toRecipients: [{ address: PETER.address }],
        sentDateTime: sent,
      });
    const run = await loop.run();
    assert.equal(run.counts.failed, 0, JSON.stringify(run.errors));
    await pastVersionsBound(); // the loop is another process to A too
    await bothSee((list) =>
      assert.deepEqual(
        list.slice(0, 2).map((e) => [e.subject, e.hasLink]),
        [
          ['By the loop', true],
          ['Then archived', true],
        ],
      ),
    );
  });

  it("cancel, restore and a link to an opportunity show in A's next lookup and in B's past the bound", async () => {
    const [newest] = await recent(a);
    const n = newest!.entryNumber;
    await a.request('POST', `/api/v1/interactions/${n}/cancel`, { token: 'salesperson' });
    await bothSee((list) => assert.equal(list.find((e) => e.entryNumber === n)?.canceled, true));
    await a.request('POST', `/api/v1/interactions/${n}/uncancel`, { token: 'salesperson' });
    await bothSee((list) => assert.equal(list.find((e) => e.entryNumber === n)?.canceled, false));
    const opp = await a.request('POST', '/api/v1/opportunities', {
      token: 'salesperson',
      body: { contactNumber: 'CT000001', description: 'Pumps' },
    });
    assert.equal(opp.status, 201, opp.text);
    const linked = await a.request('POST', `/api/v1/interactions/${n}/link-opportunity`, {
      token: 'salesperson',
      body: { opportunityNumber: opp.json.number },
    });
    assert.equal(linked.status, 200, linked.text);
    await bothSee((list) =>
      assert.equal(list.find((e) => e.entryNumber === n)?.opportunityNumber, opp.json.number),
    );
  });

  it("a salesperson's new name: at once on the instance that changed it, within the bound on the other", async () => {
    const rename = (name: string) =>
      a.request('PATCH', '/api/v1/salespeople/PH', { token: 'admin', body: { name } });
    assert.equal((await rename('Peter H. Hansen')).status, 200);
    const changed = Date.now();
    assert.equal((await recent(a))[0]?.salespersonName, 'Peter H. Hansen');
    let seen = (await recent(b))[0]?.salespersonName;
    while (seen !== 'Peter H. Hansen' && Date.now() - changed < SALESPEOPLE_CACHE_MS + 2000) {
      await new Promise((r) => setTimeout(r, 250));
      seen = (await recent(b))[0]?.salespersonName;
    }
    assert.equal(seen, 'Peter H. Hansen', `instance B still shows ${seen} after ${Date.now() - changed} ms`);
  });

  it("a contact's privacy block hides its history from A's next lookup and from B's past the bound", async () => {
    assert.ok((await recent(b)).length > 0); // B has the contact cached
    const block = (privacyBlocked: boolean) =>
      a.request('PATCH', '/api/v1/contacts/CT000001', { token: 'admin', body: { privacyBlocked } });
    assert.equal((await block(true)).status, 200);
    try {
      for (const h of [a, b]) {
        if (h === b) await pastVersionsBound();
        const r = await h.request('POST', '/api/v1/lookup', {
          token: 'salesperson',
          body: { addresses: [ANNA.address] },
        });
        assert.deepEqual(
          [r.json.contacts[0]?.privacyBlocked, r.json.recentInteractions.CT000001],
          [true, []],
        );
      }
    } finally {
      await block(false);
    }
    await pastVersionsBound();
    await bothSee((list) => assert.ok(list.length > 0));
  });

  it("an address added to a contact, unknown to both instances before, is the contact in A's next lookup and B's past the bound", async () => {
    const added = 'anna.private@fabrikam.example';
    const lookup = (h: ApiHarness) =>
      h.request('POST', '/api/v1/lookup', { token: 'salesperson', body: { addresses: [added] } });
    for (const h of [a, b]) assert.deepEqual((await lookup(h)).json.unknownAddresses, [added]); // cached as unknown
    const patch = (alternateEmails: string[]) =>
      a.request('PATCH', '/api/v1/contacts/CT000001', { token: 'admin', body: { alternateEmails } });
    assert.equal((await patch([added])).status, 200);
    try {
      for (const h of [a, b]) {
        if (h === b) await pastVersionsBound();
        const r = await lookup(h);
        assert.deepEqual(
          [r.json.contacts.map((c: { number: string }) => c.number), r.json.unknownAddresses],
          [['CT000001'], []],
        );
      }
    } finally {
      assert.equal((await patch([])).status, 200);
    }
    await pastVersionsBound();
    for (const h of [a, b]) assert.deepEqual((await lookup(h)).json.unknownAddresses, [added]);
  });

  it("a change of the visibility model decides A's next lookup and B's past the bound", async () => {
    const seenBy = async (h: ApiHarness) => {
      const r = await h.request('POST', '/api/v1/lookup', {
        token: 'salespersonB', // MN: neither the entries' salesperson nor Anna's owner
        body: { addresses: [ANNA.address] },
      });
      assert.equal(r.status, 200, r.text);
      return [
        ...new Set((r.json.recentInteractions.CT000001 as { visibility: string }[]).map((e) => e.visibility)),
      ];
    };
    const model = (visibility: string) =>
      a.request('PUT', '/api/v1/settings', { token: 'admin', body: { visibility } });
    for (const h of [a, b]) assert.deepEqual(await seenBy(h), ['full']); // both have the settings cached
    assert.equal((await model('owner')).status, 200);
    try {
      assert.deepEqual(await seenBy(a), ['metadata']);
      await pastVersionsBound();
      assert.deepEqual(await seenBy(b), ['metadata']);
    } finally {
      assert.equal((await model('team')).status, 200);
    }
    await pastVersionsBound();
    for (const h of [a, b]) assert.deepEqual(await seenBy(h), ['full']);
  });

  it("an erased contact is gone from A's next lookup and B's past the bound, and from the read model", async () => {
    const erased = await a.request('DELETE', '/api/v1/contacts/CT000001', { token: 'admin' });
    assert.equal(erased.status, 200, erased.text);
    for (const h of [a, b]) {
      if (h === b) await pastVersionsBound();
      const r = await h.request('POST', '/api/v1/lookup', {
        token: 'salesperson',
        body: { addresses: [ANNA.address] },
      });
      assert.deepEqual([r.json.contacts, r.json.unknownAddresses], [[], [ANNA.address]]);
    }
    assert.equal(await a.raw('timelines').countDocuments({ _id: 'CT000001' as never }), 0);
  });
});
