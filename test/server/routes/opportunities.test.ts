import assert from 'node:assert/strict';
import { InteractionRepository } from '../../../server/repositories/interactions.js';
import { NumberSeries } from '../../../server/repositories/numberSeries.js';
import { useTestDatabase } from '../../support/db.js';
import { startApiHarness, type ApiHarness } from './apiHarness.js';
import { freshEntry, messageRef } from './samples.js';

describe('opportunities: Business Central rules for "Create opportunity", linking, list and update', function () {
  this.timeout(60_000);
  const tdb = useTestDatabase('opps');
  let h: ApiHarness;
  before(async () => {
    h = await startApiHarness(tdb().conn);
  });
  after(() => h?.close());

  const create = (body: object, token = 'salesperson') =>
    h.request('POST', '/api/v1/opportunities', { token, body });
  const entryOf = async (n: number) =>
    (await h.request('GET', `/api/v1/interactions/${n}`, { token: 'admin' })).json;
  const stored = (number: string) => h.raw('opportunities').findOne({ number });

  it("creates from an entry: default sales cycle, the entry's salesperson and company, and the entry keeps the number", async () => {
    const entryNumber = await freshEntry(h); // PH -> Anna Jensen (CT000001, company CT000100)
    const r = await create(
      { fromEntryNumber: entryNumber, contactNumber: 'CT000001', description: 'Pumps' },
      'admin',
    );
    assert.equal(r.status, 201, r.text);
    assert.match(r.json.number, /^OP\d{6}$/);
    assert.deepEqual(
      [
        r.json.status,
        r.json.salespersonCode,
        r.json.contactCompanyNumber,
        r.json.sourceEntryNumber,
        r.json.description,
      ],
      ['open', 'PH', 'CT000100', entryNumber, 'Pumps'],
    );
    assert.equal((await stored(r.json.number))?.salesCycleCode, 'STANDARD');
    assert.equal((await entryOf(entryNumber)).opportunityNumber, r.json.number);

    const again = await create({
      fromEntryNumber: entryNumber,
      contactNumber: 'CT000001',
      description: 'Again',
    });
    assert.deepEqual([again.status, again.json.code], [409, 'already_linked']);
  });

  it("takes the caller's salesperson when the entry has none, and nobody's when the caller is not a salesperson", async () => {
    const repo = new InteractionRepository(h.db.models, new NumberSeries(h.db.models, 'test'));
    const { written } = await repo.writeIdempotent([
      {
        messageKey: '<no-sp@x>',
        contactNumber: 'CT000001',
        contactCompanyNumber: 'CT000100',
        salespersonCode: null,
        occurredAt: new Date('2025-01-02T10:00:00Z'),
        direction: 'inbound',
        initiatedBy: 'them',
        subject: 'Call me',
        description: 'Call me',
        message: {
          mailbox: null,
          internetMessageId: '<no-sp@x>',
          immutableId: null,
          webLink: null,
          conversationId: null,
        },
        archiveState: 'none',
        source: 'manual',
        createdBy: 'test',
      },
    ]);
    const mine = await create({
      fromEntryNumber: written[0]!.entryNumber,
      contactNumber: 'CT000001',
      description: 'Call back',
    });
    assert.equal(mine.json.salespersonCode, 'PH');
    const plain = await create({ contactNumber: 'CT000002', description: 'Admin made' }, 'admin');
    assert.deepEqual(
      [plain.status, plain.json.salespersonCode, plain.json.sourceEntryNumber],
      [201, null, null],
    );
  });

  it('refuses a canceled entry, an entry of another contact, an unknown entry, and an unknown salesperson', async () => {
    const entryNumber = await freshEntry(h);
    await h.request('POST', `/api/v1/interactions/${entryNumber}/cancel`, { token: 'salesperson' });
    const canceled = await create({
      fromEntryNumber: entryNumber,
      contactNumber: 'CT000001',
      description: 'x',
    });
    assert.deepEqual([canceled.status, canceled.json.code], [409, 'entry_canceled']);
    await h.request('POST', `/api/v1/interactions/${entryNumber}/uncancel`, { token: 'salesperson' });
    const other = await create({ fromEntryNumber: entryNumber, contactNumber: 'CT000002', description: 'x' });
    assert.deepEqual([other.status, other.json.code], [409, 'contact_mismatch']);
    const unknown = await create({ fromEntryNumber: 987654, contactNumber: 'CT000001', description: 'x' });
    assert.deepEqual([unknown.status, unknown.json.code], [404, 'not_found']);
    const sp = await create({ contactNumber: 'CT000001', description: 'x', salespersonCode: 'NOPE' });
    assert.deepEqual([sp.status, sp.json.errors[0].path], [400, 'body.salespersonCode']);
    assert.equal(await h.raw('opportunities').countDocuments({ description: 'x' }), 0);
  });

  it('refuses every opportunity for a privacy-blocked contact, from an entry or not', async () => {
    // Maria's mail, logged by an admin (a salesperson may log only mail they are on).
    const log = await h.request('POST', '/api/v1/log-email', {
      token: 'admin',
      body: messageRef({
        from: { address: 'maria.nielsen@contoso.example', name: 'Maria' },
        to: [{ address: 'lars.berg@northwind.example', name: 'Lars' }],
      }),
    });
    const entryNumber = log.json.entries[0].entryNumber;
    await h.request('PATCH', '/api/v1/contacts/CT000002', { token: 'admin', body: { privacyBlocked: true } });
    try {
      for (const body of [{ fromEntryNumber: entryNumber }, {}]) {
        const r = await create({ ...body, contactNumber: 'CT000002', description: 'Blocked' });
        assert.deepEqual([r.status, r.json.code], [409, 'privacy_blocked']);
      }
      const open = (
        await h.request('POST', '/api/v1/opportunities', {
          token: 'admin',
          body: { contactNumber: 'CT000001', description: 'Open' },
        })
      ).json;
      const link = await h.request('POST', `/api/v1/interactions/${entryNumber}/link-opportunity`, {
        token: 'salesperson',
        body: { opportunityNumber: open.number },
      });
      assert.deepEqual([link.status, link.json.code], [409, 'privacy_blocked']);
    } finally {
      await h.request('PATCH', '/api/v1/contacts/CT000002', {
        token: 'admin',
        body: { privacyBlocked: false },
      });
    }
  });

  it('creates from a message that is not logged yet: logs it first, then links the new entry', async () => {
    const ref = messageRef({
      from: { address: 'anna.jensen@fabrikam.example', name: 'Anna' },
      to: [{ address: 'peter.hansen@contoso.example', name: 'Peter' }],
    });
    const r = await create({ fromMessage: ref, contactNumber: 'CT000001', description: 'From the mail' });
    assert.equal(r.status, 201, r.text);
    const entries = await h.raw('interactions').find({ messageKey: ref.internetMessageId }).toArray();
    assert.equal(entries.length, 1);
    assert.deepEqual(
      [entries[0]!.direction, entries[0]!.opportunityNumber, entries[0]!.source],
      ['inbound', r.json.number, 'manual'],
    );
    assert.equal(r.json.sourceEntryNumber, entries[0]!.entryNumber);
    const logAgain = await h.request('POST', '/api/v1/log-email', { token: 'salesperson', body: ref });
    assert.equal(logAgain.json.status, 'already_logged');

    const notOnIt = await create({ fromMessage: messageRef(), contactNumber: 'CT000002', description: 'x' });
    assert.deepEqual([notOnIt.status, notOnIt.json.code], [422, 'nothing_to_log']);
  });

  it('gives an entry exactly one opportunity when many users create one from it at once', async () => {
    for (let round = 0; round < 3; round++) {
      const entryNumber = await freshEntry(h);
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          create({
            fromEntryNumber: entryNumber,
            contactNumber: 'CT000001',
            description: `Race ${round}/${i}`,
          }),
        ),
      );
      const won = results.filter((r) => r.status === 201);
      assert.equal(won.length, 1, results.map((r) => r.status).join());
      assert.ok(results.every((r) => r.status === 201 || r.json.code === 'already_linked'));
      assert.equal((await entryOf(entryNumber)).opportunityNumber, won[0]!.json.number);
      assert.equal(await h.raw('opportunities').countDocuments({ sourceEntryNumber: entryNumber }), 1);
    }
  });

  it("links an entry to an open opportunity of its contact; refuses a closed one, another contact's, a second one", async () => {
    const opp = (await create({ contactNumber: 'CT000001', description: 'Linkable' })).json;
    const entryNumber = await freshEntry(h);
    const link = (n: number, opportunityNumber: string) =>
      h.request('POST', `/api/v1/interactions/${n}/link-opportunity`, {
        token: 'salesperson',
        body: { opportunityNumber },
      });
    const ok = await link(entryNumber, opp.number);
    assert.deepEqual(
      [ok.status, ok.json.opportunityNumber, ok.json.entryNumber],
      [200, opp.number, entryNumber],
    );
    assert.equal((await link(entryNumber, opp.number)).status, 200, 'the same link again is fine');
    const second = (await create({ contactNumber: 'CT000001', description: 'Second' })).json;
    assert.equal((await link(entryNumber, second.number)).json.code, 'already_linked');

    const closed = (await create({ contactNumber: 'CT000001', description: 'Closed' })).json;
    await h.request('PATCH', `/api/v1/opportunities/${closed.number}`, {
      token: 'salesperson',
      body: { status: 'lost' },
    });
    assert.equal((await link(await freshEntry(h), closed.number)).json.code, 'opportunity_closed');
    const lars = (await create({ contactNumber: 'CT000002', description: 'Lars' })).json;
    assert.equal((await link(await freshEntry(h), lars.number)).json.code, 'contact_mismatch');
    assert.equal((await link(await freshEntry(h), 'OP999999')).status, 404);
  });

  it('updates status, value and close date, and lists newest first in pages', async () => {
    const made = [];
    for (const d of ['One', 'Two', 'Three'])
      made.push((await create({ contactNumber: 'CT000200', description: d })).json);
    const patched = await h.request('PATCH', `/api/v1/opportunities/${made[0].number}`, {
      token: 'salesperson',
      body: { status: 'won', estimatedValue: 2500.5, expectedCloseDate: '2025-06-30' },
    });
    assert.deepEqual(
      [patched.json.status, patched.json.estimatedValue, patched.json.expectedCloseDate],
      ['won', 2500.5, '2025-06-30'],
    );
    const first = await h.request('GET', '/api/v1/opportunities?contactNumber=CT000200&limit=2', {
      token: 'salesperson',
    });
    assert.deepEqual(
      first.json.items.map((o: { description: string }) => o.description),
      ['Three', 'Two'],
    );
    const rest = await h.request(
      'GET',
      `/api/v1/opportunities?contactNumber=CT000200&limit=2&cursor=${first.json.nextCursor}`,
      {
        token: 'salesperson',
      },
    );
    assert.deepEqual(
      [rest.json.items.map((o: { description: string }) => o.description), rest.json.nextCursor],
      [['One'], null],
    );
    const won = await h.request('GET', '/api/v1/opportunities?status=won', { token: 'salesperson' });
    assert.deepEqual(
      won.json.items.map((o: { number: string }) => o.number),
      [made[0].number],
    );
    const forged = await h.request('GET', '/api/v1/opportunities?cursor=eyIkZ3QiOjF9', {
      token: 'salesperson',
    });
    assert.deepEqual([forged.status, forged.json.errors[0].path], [400, 'query.cursor']);
    const both = await h.request('GET', '/api/v1/opportunities?contactNumber=CT000200&salespersonCode=PH', {
      token: 'salesperson',
    });
    assert.equal(both.status, 400);
  });
});
