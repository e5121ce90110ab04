// The demo's seeded history on a fresh database: a believable week per contact (many subjects, both directions,
// more than one salesperson), logged as the loop would log it, seeded once.
import assert from 'node:assert/strict';
import { demoMailStream, splitDemoWeek } from '../../../scripts/demo/conversations.js';
import { DEMO_PERSONS } from '../../../scripts/demo/people.js';
import { seedDemoData } from '../../../scripts/demo/seed.js';
import { wrapConnection, type Database } from '../../../server/repositories/db.js';
import { useTestDatabase } from '../../support/db.js';

const DAY_MS = 86_400_000;
const NOW = new Date('2026-03-11T10:15:00Z');

describe('demo data (scripts/demo/seed.ts)', function () {
  this.timeout(60_000);
  const testDb = useTestDatabase('demoseed');
  const bareDb = useTestDatabase('demoseedbare');
  let db: Database;
  before(async () => {
    db = await wrapConnection(testDb().conn);
  });

  it('seeds the last working week as history: many subjects per contact, both directions, several salespeople', async () => {
    assert.equal(await seedDemoData(db, NOW), true);
    // Whole reads, filtered here: the test's queries need no index of their own.
    const all = await db.models.Interaction.collection.find({}).toArray();
    const subjects = new Set(all.map((e) => e.subject));
    assert.ok(subjects.size >= 30, `${subjects.size} distinct subjects`);
    // A few hundred at most: npm start must stay quick.
    assert.ok(all.length >= 80 && all.length <= 300, `${all.length} entries`);
    for (const e of all) {
      const at = (e.occurredAt as Date).getTime();
      assert.ok(at < NOW.getTime() && at > NOW.getTime() - 7 * DAY_MS, String(e.subject));
      assert.equal(e.templateCode, 'E-MAILS', 'logged with the template e-mails get');
      assert.equal(e.source, 'loop');
    }
    for (const person of DEMO_PERSONS) {
      const contact = await db.models.Contact.collection.findOne({ email: person.email });
      const theirs = all.filter((e) => e.contactNumber === contact!.number);
      assert.ok(new Set(theirs.map((e) => e.subject)).size >= 5, `${person.name}: many subjects`);
      assert.deepEqual(
        [...new Set(theirs.map((e) => e.direction))].sort(),
        ['inbound', 'outbound'],
        `${person.name}: both directions`,
      );
      assert.ok(theirs.length < 50, `${person.name}: ${theirs.length} entries`);
    }
    const salespeopleOf = (n: unknown) =>
      new Set(all.filter((e) => e.contactNumber === n).map((e) => e.salespersonCode));
    const contacts = (await db.models.Contact.collection.find({}).toArray()).filter(
      (c) => c.kind === 'person',
    );
    assert.ok(
      contacts.filter((c) => salespeopleOf(c.number).size >= 2).length >= 3,
      'most contacts deal with more than one salesperson',
    );
  });

  it('logs exactly the history part of the week, by message id; the Inbox part is left to the loop', async () => {
    const { history, inbox } = splitDemoWeek(demoMailStream({ now: NOW }).week);
    const keys = new Set(
      (await db.models.Interaction.collection.find({}).toArray()).map((e) => e.messageKey),
    );
    assert.deepEqual(keys, new Set(history.map((m) => m.internetMessageId)));
    assert.ok(inbox.every((m) => !keys.has(m.internetMessageId)));
    const entry = await db.models.Interaction.collection.findOne({
      messageKey: history[0]!.internetMessageId,
    });
    assert.equal(entry?.message.conversationId, history[0]!.conversationId);
  });

  it('seeds only an empty database', async () => {
    const count = await db.models.Interaction.collection.countDocuments();
    assert.equal(await seedDemoData(db, new Date(NOW.getTime() + DAY_MS)), false);
    assert.equal(await db.models.Interaction.collection.countDocuments(), count);
  });

  it('without the mail history: the people only', async () => {
    const bare = await wrapConnection(bareDb().conn);
    assert.equal(await seedDemoData(bare, NOW, { mailHistory: false }), true);
    const contacts = await bare.models.Contact.collection.find({}).toArray();
    assert.equal(contacts.filter((c) => c.kind === 'person').length, DEMO_PERSONS.length);
    assert.equal(await bare.models.Interaction.collection.countDocuments(), 0);
  });
});
