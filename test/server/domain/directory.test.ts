import assert from 'node:assert/strict';
import type { ContactRecord, SalespersonRecord } from '../../../server/domain/directory.js';
import { buildDirectory, compareCodes } from '../../../server/domain/directory.js';

const sp = (code: string, email: string | null, active = true): SalespersonRecord => ({
  code,
  name: code,
  email,
  active,
});
const contact = (number: string, email: string | null, alternateEmails: string[] = []): ContactRecord => ({
  number,
  kind: 'person',
  name: number,
  companyNumber: null,
  email,
  alternateEmails,
  privacyBlocked: false,
  salespersonCode: null,
});

describe('server/domain/directory', () => {
  it('looks addresses up case-insensitively in any form', () => {
    const dir = buildDirectory({
      salespeople: [sp('SP1', 'Anna@Interlog.example')],
      contacts: [contact('C1', 'JANE@x.example')],
    });
    assert.equal(dir.lookup('anna@interlog.example').salesperson?.code, 'SP1');
    assert.equal(dir.lookup(' <ANNA@interlog.EXAMPLE> ').salesperson?.code, 'SP1');
    assert.equal(dir.lookup('mailto:jane@X.example').contact?.number, 'C1');
    assert.deepEqual(dir.lookup('nobody@x.example'), { salesperson: null, contact: null });
    assert.deepEqual(dir.lookup('not an address'), { salesperson: null, contact: null });
    assert.deepEqual(dir.lookup(null), { salesperson: null, contact: null });
  });

  it('matches alternate addresses, but a primary email wins over any alternate', () => {
    const dir = buildDirectory({
      salespeople: [],
      contacts: [
        contact('C9', 'c9@x.example', ['shared@x.example', 'Alt@X.example']),
        contact('C50', 'shared@x.example'),
      ],
    });
    assert.equal(dir.lookup('alt@x.example').contact?.number, 'C9');
    assert.equal(dir.lookup('shared@x.example').contact?.number, 'C50');
  });

  it('picks the lowest code / number when several share an address, whatever the input order', () => {
    const salespeople = [
      sp('SP-Z', 'team@x.example'),
      sp('SP-B', 'Team@x.example'),
      sp('SP-M', 'team@x.example'),
    ];
    const contacts = [
      contact('C300', 'd@x.example'),
      contact('C100', 'D@x.example'),
      contact('C200', 'd@x.example'),
    ];
    for (const order of [0, 1]) {
      const dir = buildDirectory({
        salespeople: order ? [...salespeople].reverse() : salespeople,
        contacts: order ? [...contacts].reverse() : contacts,
      });
      assert.equal(dir.lookup('team@x.example').salesperson?.code, 'SP-B');
      assert.equal(dir.lookup('d@x.example').contact?.number, 'C100');
    }
  });

  it('compares codes as strings, ordinally (C10 < C9, upper case before lower case)', () => {
    assert.ok(compareCodes('C10', 'C9') < 0);
    assert.ok(compareCodes('C00010', 'C00020') < 0);
    assert.ok(compareCodes('Z', 'a') < 0);
    assert.equal(compareCodes('SP1', 'SP1'), 0);
  });

  it('does not match inactive salespeople', () => {
    const dir = buildDirectory({
      salespeople: [sp('SP-A', 'old@x.example', false), sp('SP-Z', 'old@x.example')],
      contacts: [],
    });
    assert.equal(dir.lookup('old@x.example').salesperson?.code, 'SP-Z');
    const onlyInactive = buildDirectory({ salespeople: [sp('SP-A', 'old@x.example', false)], contacts: [] });
    assert.equal(onlyInactive.lookup('old@x.example').salesperson, null);
    assert.equal(onlyInactive.salesperson('SP-A')?.active, false); // still known by code
  });

  it('returns both the salesperson and the contact when an address is both', () => {
    const dir = buildDirectory({
      salespeople: [sp('SP1', 'a@x.example')],
      contacts: [contact('C1', 'a@x.example')],
    });
    const match = dir.lookup('a@x.example');
    assert.equal(match.salesperson?.code, 'SP1');
    assert.equal(match.contact?.number, 'C1');
  });

  it('reports invalid and shared addresses, without failing', () => {
    const dir = buildDirectory({
      salespeople: [sp('SP2', 'same@x.example'), sp('SP1', 'broken'), sp('SP3', null), sp('SP4', '   ')],
      contacts: [
        contact('C2', 'same@x.example', ['other@x.example', 'OTHER@x.example', 'bad@@x.example']),
        contact('C1', 'c1@x.example', ['same@x.example']),
      ],
    });
    assert.deepEqual(dir.issues, [
      { kind: 'invalid_email', owner: { type: 'salesperson', code: 'SP1' }, email: 'broken' },
      {
        kind: 'invalid_email',
        owner: { type: 'contact', number: 'C2', via: 'alternate' },
        email: 'bad@@x.example',
      },
      {
        kind: 'shared_email',
        email: 'same@x.example',
        owners: [
          { type: 'salesperson', code: 'SP2' },
          { type: 'contact', number: 'C2', via: 'email' },
          { type: 'contact', number: 'C1', via: 'alternate' },
        ],
      },
    ]);
    assert.deepEqual(dir.counts, { salespeople: 4, contacts: 2, addresses: 3 });
  });

  it('finds records by code and number', () => {
    const dir = buildDirectory({ salespeople: [sp('SP1', null)], contacts: [contact('C1', null)] });
    assert.equal(dir.salesperson('SP1')?.code, 'SP1');
    assert.equal(dir.contact('C1')?.number, 'C1');
    assert.equal(dir.contact('C2'), undefined);
  });

  it('handles 100,000 contacts with alternates and answers every lookup correctly', () => {
    const n = 100_000;
    const contacts = function* (): Generator<ContactRecord> {
      for (let i = 0; i < n; i++) {
        const num = `C${String(i).padStart(6, '0')}`;
        yield contact(num, `Person${i}@Customer${i % 997}.example`, [`p${i}@alt.example`]);
      }
    };
    const dir = buildDirectory({ salespeople: [sp('SP1', 'anna@interlog.example')], contacts: contacts() });
    assert.equal(dir.counts.contacts, n);
    assert.equal(dir.counts.addresses, 2 * n + 1);
    for (const i of [0, 1, 4242, 99_999]) {
      const num = `C${String(i).padStart(6, '0')}`;
      assert.equal(dir.lookup(`person${i}@customer${i % 997}.example`).contact?.number, num);
      assert.equal(dir.lookup(`P${i}@ALT.example`).contact?.number, num);
    }
    assert.deepEqual(dir.issues, []);
  });
});
