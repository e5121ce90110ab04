// Contacts' audit ids (repositories/audit.ts): one per contact whatever the number of processes asking, held by
// the process that read or made it (an admin's every read of others' mail writes a line, and the pane's lookup
// waits for it), and forgotten with the contact's erasure.
import assert from 'node:assert/strict';
import type { Connection } from 'mongoose';
import { wrapConnection, type Database } from '../../../server/repositories/db.js';
import { AuditRepository } from '../../../server/repositories/audit.js';
import { openWatchedConnection, useTestDatabase } from '../../support/db.js';

describe('audit subjects: one id per contact, held per process, forgotten by erasure', function () {
  this.timeout(60_000);
  const tdb = useTestDatabase('auditsubjects');
  let conn: Connection;
  let db: Database;
  let subjectCommands = 0;
  const now = new Date('2026-12-04T12:00:00Z');

  before(async () => {
    ({ conn, db } = await openWatchedConnection(tdb().name, (e) => {
      if (e.command[e.commandName] === 'auditSubjects') subjectCommands++;
    }));
  });
  after(() => conn?.close());

  it('gives a contact one id across processes, and a held id costs no query', async () => {
    const here = new AuditRepository(db.models);
    const there = new AuditRepository((await wrapConnection(tdb().conn)).models);
    const [a, b] = await Promise.all([here.subjectOf('CT1', now), there.subjectOf('CT1', now)]);
    assert.equal(a, b, 'two processes asking at once agree on one id');
    const before = subjectCommands;
    for (let i = 0; i < 3; i++) assert.equal(await here.subjectOf('CT1', now), a);
    assert.equal(subjectCommands, before, 'a held id is not read again');
    assert.notEqual(await here.subjectOf('CT2', now), a);
  });

  it('forgets a held id when the contact is erased: a later line cannot be tied to the earlier ones', async () => {
    const audit = new AuditRepository(db.models);
    const first = await audit.subjectOf('CT3', now);
    await audit.forgetSubject('CT3');
    assert.equal(await audit.findSubject('CT3'), null);
    assert.deepEqual(await audit.numbersOf([first]), new Map());
    const later = await audit.subjectOf('CT3', now);
    assert.notEqual(later, first);
    assert.deepEqual(await audit.numbersOf([later]), new Map([[later, 'CT3']]));
  });
});
