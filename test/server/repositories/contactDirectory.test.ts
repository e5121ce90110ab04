// Every contact by address in the process (repositories/contactDirectory.ts): a lookup it answers costs no contact
// query, and after any change by any process (add, edit, delete, a company renamed or erased) a lookup answers as a
// fresh read of the database would: its own change's next lookup, another's once past the versions' bound; also
// after random sequences of changes.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Connection } from 'mongoose';
import type { Database } from '../../../server/repositories/db.js';
import { ChangeLog } from '../../../server/repositories/changeLog.js';
import { ContactDirectory } from '../../../server/repositories/contactDirectory.js';
import { contactLookupCacheOf } from '../../../server/repositories/contactLookupCache.js';
import { ContactDataRepository } from '../../../server/repositories/contactData.js';
import { ContactRepository } from '../../../server/repositories/contacts.js';
import { MasterDataRepository, type Contact } from '../../../server/repositories/masterData.js';
import { Versions, versionsOf } from '../../../server/repositories/versions.js';
import { pastVersionsBound } from '../../support/versions.js';
import { openWatchedConnection, useTestDatabase } from '../../support/db.js';

const ADDRESSES = ['a@x.example', 'b@x.example', 'c@x.example', 'd@x.example', 'e@x.example'];

const person = (number: string, email: string | null, alternateEmails: string[] = []): Contact => ({
  number,
  kind: 'person',
  name: `Person ${number}`,
  companyNumber: null,
  companyName: null,
  email,
  alternateEmails,
  phone: null,
  salespersonCode: null,
  privacyBlocked: false,
});

/** One server process: its own connection, so its own caches. */
interface Process {
  conn: Connection;
  db: Database;
  contacts: ContactRepository;
  data: ContactDataRepository;
  master: MasterDataRepository;
}

describe('contact directory: no query per lookup, never behind a change', function () {
  this.timeout(120_000);
  const tdb = useTestDatabase('contactdir');
  let contactFinds = 0;
  let fullReads = 0;
  const processes: Process[] = [];

  async function open(): Promise<Process> {
    const { conn, db } = await openWatchedConnection(tdb().name, (e) => {
      if (e.commandName !== 'find' || e.command.find !== 'contacts') return;
      contactFinds++;
      if (Object.keys(e.command.filter ?? {}).length === 0) fullReads++;
    });
    const p = {
      conn,
      db,
      contacts: new ContactRepository(db.models),
      data: new ContactDataRepository(db.models),
      master: new MasterDataRepository(db.models),
    };
    processes.push(p);
    return p;
  }

  /** A new set of processes on an empty collection: `reader` serves lookups, `writers` change contacts. */
  async function fresh(writers: number): Promise<{ reader: Process; writers: Process[] }> {
    const [reader, ...rest] = await Promise.all(Array.from({ length: writers + 1 }, open));
    await reader!.db.models.Contact.deleteMany({});
    await reader!.db.models.ContactChange.deleteMany({});
    await versionsOf(reader!.db.models).changed('contacts');
    return { reader: reader!, writers: rest };
  }

  /** What the reader's lookup answers, and what a fresh read of the database answers. */
  async function both(reader: Process, emails = ADDRESSES) {
    const served = await reader.master.contactsByEmailsCached(emails);
    const truth = await reader.master.contactsDecidingEmails(emails);
    return { served, truth };
  }

  async function loaded(reader: Process): Promise<void> {
    const directory = contactLookupCacheOf(reader.db.models).directory;
    await directory.load();
    assert.ok(directory.loaded);
  }

  after(() => Promise.all(processes.map((p) => p.conn.close())));

  it('answers a lookup without a contact query once loaded, as the database would', async () => {
    const { reader, writers } = await fresh(1);
    await writers[0]!.contacts.create(person('CT1', 'a@x.example'));
    await writers[0]!.contacts.create(person('CT2', 'b@x.example', ['a@x.example', 'c@x.example']));
    await reader.master.contactsByEmailsCached(['a@x.example']); // the first lookup starts the load
    await loaded(reader);
    contactFinds = 0;
    const served = await reader.master.contactsByEmailsCached(ADDRESSES);
    assert.equal(contactFinds, 0);
    assert.deepEqual(served, await reader.master.contactsDecidingEmails(ADDRESSES));
    // The primary address wins over another contact's alternate; an alternate alone decides.
    assert.deepEqual(
      served.map((c) => c.number),
      ['CT1', 'CT2'],
    );
  });

  it("another process's add, edit, block, company rename and erase, and a contact erased, are in a lookup past the versions' bound", async () => {
    const { reader, writers } = await fresh(1);
    const w = writers[0]!;
    await w.contacts.create({ ...person('CO1', 'e@x.example'), kind: 'company', companyNumber: 'CO1' });
    await w.contacts.create({ ...person('CT1', 'a@x.example'), companyNumber: 'CO1', companyName: 'Old' });
    await reader.master.contactsByEmailsCached(ADDRESSES);
    await loaded(reader);
    const steps: [string, () => Promise<unknown>][] = [
      ['add', () => w.contacts.create(person('CT2', 'b@x.example'))],
      ['new alternate', () => w.contacts.update('CT2', { alternateEmails: ['c@x.example'] })],
      ['new primary', () => w.contacts.update('CT1', { email: 'd@x.example' })],
      ['privacy block', () => w.contacts.update('CT2', { privacyBlocked: true })],
      ['owner', () => w.contacts.update('CT2', { salespersonCode: 'SP1' })],
      ['company renamed', () => w.contacts.renameCompany('CO1', 'New')],
      ['company erased', () => w.data.detachCompany('CO1')],
      ["the reader's own change", () => reader.contacts.update('CT1', { email: 'a@x.example' })],
    ];
    fullReads = 0;
    for (const [name, step] of steps) {
      await step();
      if (!name.startsWith("the reader's")) await pastVersionsBound(); // its own change: at once
      const { served, truth } = await both(reader);
      assert.deepEqual(served, truth, name);
    }
    assert.equal(fullReads, 0, 'caught up from the log, never by reading every contact');
    // An erasure keeps the number nowhere, the log included: every directory reads everything again.
    await w.data.deleteContact('CT2');
    await pastVersionsBound();
    const { served, truth } = await both(reader);
    assert.deepEqual(served, truth, 'erased');
    assert.equal(await reader.db.models.ContactChange.countDocuments({ numbers: 'CT2' }), 0);
    await contactLookupCacheOf(reader.db.models).directory.load();
    assert.equal(fullReads, 1);
  });

  it('equals a fresh read after random changes by two processes (property)', async () => {
    const number = fc.constantFrom('CT1', 'CT2', 'CT3', 'CT4');
    const address = fc.constantFrom(...ADDRESSES);
    const op = fc.oneof(
      fc.record({ kind: fc.constant('create' as const), number, email: address }),
      fc.record({ kind: fc.constant('primary' as const), number, email: fc.option(address) }),
      fc.record({
        kind: fc.constant('alternates' as const),
        number,
        list: fc.array(address, { maxLength: 2 }),
      }),
      fc.record({ kind: fc.constant('block' as const), number, on: fc.boolean() }),
      fc.record({ kind: fc.constant('delete' as const), number }),
    );
    const step = fc.record({ by: fc.integer({ min: 0, max: 1 }), op, lookup: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 10 }), async (steps) => {
        const { reader, writers } = await fresh(2);
        await reader.master.contactsByEmailsCached(ADDRESSES);
        await loaded(reader);
        for (const { by, op, lookup } of steps) {
          const w = writers[by]!;
          if (op.kind === 'create') await w.contacts.create(person(op.number, op.email));
          else if (op.kind === 'primary') await w.contacts.update(op.number, { email: op.email });
          else if (op.kind === 'alternates') await w.contacts.update(op.number, { alternateEmails: op.list });
          else if (op.kind === 'block') await w.contacts.update(op.number, { privacyBlocked: op.on });
          else await w.data.deleteContact(op.number);
          // Lookups between changes or only after several: the catch-up covers one change or many.
          if (lookup) {
            await pastVersionsBound();
            const { served, truth } = await both(reader);
            assert.deepEqual(served, truth);
          }
        }
        await pastVersionsBound();
        const { served, truth } = await both(reader);
        assert.deepEqual(served, truth);
        await Promise.all(processes.splice(0).map((p) => p.conn.close()));
      }),
      { numRuns: 12, seed: 1204 },
    );
  });

  it('catches up on a change filed by a clock behind by up to the documented skew', async () => {
    const { reader, writers } = await fresh(1);
    // The reader's clock just after the start of a five-minute bucket, the writer's 115 s behind it (in the bucket
    // before; CLOCK_SKEW_MS is 120 s).
    const now = Math.ceil(Date.now() / 300_000) * 300_000 + 1000;
    const log = new ChangeLog(reader.db.models.ContactChange, () => now);
    const versions = new Versions(reader.db.models);
    const directory = new ContactDirectory(reader.db.models, versions, log, () => now);
    await directory.load();
    await writers[0]!.db.models.Contact.create(person('CT9', 'a@x.example'));
    await new ChangeLog(writers[0]!.db.models.ContactChange, () => now - 115_000).record(['CT9']);
    await versionsOf(writers[0]!.db.models).changed('contacts');
    await pastVersionsBound();
    const version = (await versions.current()).get('contacts') ?? '';
    const view = await directory.at(version, now);
    assert.deepEqual(
      view?.deciding(['a@x.example']).map((c) => c.number),
      ['CT9'],
    );
  });

  it('loads everything again when it has not caught up for over an hour', async () => {
    const { reader, writers } = await fresh(1);
    let now = Date.now();
    const versions = new Versions(reader.db.models);
    const directory = new ContactDirectory(
      reader.db.models,
      versions,
      new ChangeLog(reader.db.models.ContactChange, () => now),
      () => now,
    );
    await directory.load();
    now += 2 * 3_600_000;
    await writers[0]!.contacts.create(person('CT1', 'b@x.example'));
    await pastVersionsBound();
    const version = (await versions.current()).get('contacts') ?? '';
    assert.equal(await directory.at(version, now), null, 'not answered from a directory it cannot catch up');
    await directory.load();
    assert.deepEqual(
      (await directory.at(version, now))?.deciding(['b@x.example']).map((c) => c.number),
      ['CT1'],
    );
  });

  it('holds nothing when there are more contacts than it keeps: the per-address cache answers', async () => {
    const { reader, writers } = await fresh(1);
    await writers[0]!.contacts.create(person('CT1', 'a@x.example'));
    await writers[0]!.contacts.create(person('CT2', 'b@x.example'));
    const versions = new Versions(reader.db.models);
    const directory = new ContactDirectory(
      reader.db.models,
      versions,
      new ChangeLog(reader.db.models.ContactChange),
      Date.now,
      1,
    );
    await directory.load();
    assert.equal(directory.loaded, false);
    assert.equal(await directory.at((await versions.current()).get('contacts') ?? '', Date.now()), null);
  });
});
