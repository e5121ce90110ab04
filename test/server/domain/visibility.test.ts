import assert from 'node:assert/strict';
import {
  entryAccess,
  mayChangeContact,
  mayMarkPrivate,
  opportunityAccess,
  redactEntry,
  redactOpportunity,
  type Viewer,
} from '../../../server/domain/visibility.js';

const A: Viewer = { roles: ['salesperson'], salespersonCode: 'A' };
const B: Viewer = { roles: ['salesperson'], salespersonCode: 'B' };
const ADMIN: Viewer = { roles: ['admin'], salespersonCode: null };
const team = { visibility: 'team' as const };
const owner = { visibility: 'owner' as const };
const contactOf = (salespersonCode: string | null, privacyBlocked = false) => ({
  salespersonCode,
  privacyBlocked,
});

describe('domain/visibility', () => {
  it('team: staff see every entry in full; owner: only their own or their contacts', () => {
    const entry = { salespersonCode: 'A' };
    assert.equal(entryAccess(B, entry, contactOf('A'), team), 'full');
    assert.equal(entryAccess(B, entry, contactOf('A'), owner), 'metadata');
    assert.equal(entryAccess(A, entry, contactOf('C'), owner), 'full', "the entry's salesperson");
    assert.equal(entryAccess(B, entry, contactOf('B'), owner), 'full', "the contact's owner");
    assert.equal(entryAccess(B, entry, contactOf(null), owner), 'metadata');
    assert.equal(entryAccess(ADMIN, entry, contactOf('A'), owner), 'full');
    assert.equal(
      entryAccess(
        { roles: ['salesperson'], salespersonCode: null },
        { salespersonCode: null },
        contactOf(null),
        owner,
      ),
      'metadata',
    );
  });

  it('the privacy block hides entries and opportunities from everybody, admins included', () => {
    for (const v of [A, B, ADMIN]) {
      for (const s of [team, owner]) {
        assert.equal(entryAccess(v, { salespersonCode: 'A' }, contactOf('A', true), s), 'blocked');
        assert.equal(entryAccess(v, { salespersonCode: 'A' }, null, s), 'blocked');
        assert.equal(opportunityAccess(v, { salespersonCode: 'A' }, contactOf('A', true), s), 'blocked');
      }
    }
  });

  it('private and sensitive entries: full only for their salesperson and admins, in both models', () => {
    for (const entry of [
      { salespersonCode: 'A', markedPrivate: true },
      { salespersonCode: 'A', sensitivity: 'private' },
      { salespersonCode: 'A', sensitivity: 'confidential' },
    ]) {
      for (const s of [team, owner]) {
        assert.equal(entryAccess(A, entry, contactOf('B'), s), 'full');
        assert.equal(entryAccess(ADMIN, entry, contactOf('B'), s), 'full');
        assert.equal(entryAccess(B, entry, contactOf('B'), s), 'metadata', 'not even the contact owner');
      }
    }
    assert.equal(
      entryAccess(B, { salespersonCode: 'A', sensitivity: 'personal' }, contactOf('A'), team),
      'full',
    );
  });

  it('opportunities follow the model: their salesperson or the contact owner in owner mode', () => {
    assert.equal(opportunityAccess(B, { salespersonCode: 'A' }, contactOf('A'), team), 'full');
    assert.equal(opportunityAccess(B, { salespersonCode: 'A' }, contactOf('A'), owner), 'metadata');
    assert.equal(opportunityAccess(B, { salespersonCode: 'B' }, contactOf('A'), owner), 'full');
    assert.equal(opportunityAccess(B, { salespersonCode: 'A' }, contactOf('B'), owner), 'full');
  });

  it('owner mode: contacts are changed by their owner; unowned ones by anyone, but not claimed', () => {
    assert.equal(mayChangeContact(B, contactOf('A'), owner, false), false);
    assert.equal(mayChangeContact(B, contactOf('A'), team, true), true);
    assert.equal(mayChangeContact(A, contactOf('A'), owner, true), true, 'the owner may hand it over');
    assert.equal(mayChangeContact(B, contactOf(null), owner, false), true);
    assert.equal(mayChangeContact(B, contactOf(null), owner, true), false);
    assert.equal(mayChangeContact(ADMIN, contactOf('A'), owner, true), true);
  });

  it('only the entry salesperson or an admin marks it private', () => {
    assert.equal(mayMarkPrivate(A, { salespersonCode: 'A' }), true);
    assert.equal(mayMarkPrivate(B, { salespersonCode: 'A' }), false);
    assert.equal(mayMarkPrivate(ADMIN, { salespersonCode: 'A' }), true);
  });

  it('metadata keeps date, direction and salesperson; blanks subject, ids, link, mailbox and the key', () => {
    const entry = {
      entryNumber: 7,
      occurredAt: new Date('2025-01-01T00:00:00Z'),
      direction: 'inbound' as const,
      salespersonCode: 'A',
      subject: 'Secret',
      description: 'Secret',
      messageKey: '<id@x>',
      comment: 'c',
      opportunityNumber: 'OP1',
      createdBy: 'a@x',
      message: {
        mailbox: 'log@x',
        internetMessageId: '<id@x>',
        immutableId: 'AAk=',
        webLink: 'https://x/owa',
        conversationId: 'conv',
      },
    };
    const r = redactEntry(entry, 'metadata');
    assert.equal(r.visibility, 'metadata');
    assert.deepEqual(
      [r.entryNumber, r.occurredAt, r.direction, r.salespersonCode],
      [7, entry.occurredAt, 'inbound', 'A'],
    );
    assert.ok(!JSON.stringify(r).includes('Secret'));
    assert.ok(!JSON.stringify(r).includes('<id@x>'));
    assert.ok(!JSON.stringify(r).includes('AAk='));
    assert.ok(!JSON.stringify(r).includes('log@x'));
    assert.equal(redactEntry(entry, 'full').subject, 'Secret');
    const o = redactOpportunity(
      {
        number: 'OP1',
        description: 'Big deal',
        estimatedValue: 5,
        expectedCloseDate: new Date(),
        sourceEntryNumber: 7,
        createdBy: 'a@x',
      },
      'metadata',
    );
    assert.deepEqual(
      [o.number, o.description, o.estimatedValue, o.visibility],
      ['OP1', '', null, 'metadata'],
    );
  });
});
