// Properties of the classifier over arbitrary messages: it never throws, drafts are always well-formed, and
// the things Business Central ignores (letter case, `from`, BCC) never change the outcome.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { MailAddress, MailMessage } from '../../../server/mailsource/MailSource.js';
import type { Classification } from '../../../server/domain/classifier.js';
import { classifyMessage } from '../../../server/domain/classifier.js';
import type { Directory } from '../../../server/domain/directory.js';
import { buildDirectory } from '../../../server/domain/directory.js';
import { normalizeTimestamp } from '../../../server/domain/messageParts.js';

const KNOWN = [
  'anna@interlog.example',
  'bo@interlog.example',
  'old@interlog.example',
  'jane@fabrikam.example',
  'jane.doe@fabrikam-mail.example',
  'info@fabrikam.example',
  'ole@contoso.example',
  'pia@northwind.example',
  'both@interlog.example',
];

const directory = buildDirectory({
  salespeople: [
    { code: 'SP-ANNA', name: 'Anna', email: 'anna@interlog.example', active: true },
    { code: 'SP-BO', name: 'Bo', email: 'bo@interlog.example', active: true },
    { code: 'SP-OLD', name: 'Old', email: 'old@interlog.example', active: false },
    { code: 'SP-BOTH', name: 'Both', email: 'both@interlog.example', active: true },
  ],
  contacts: [
    ['C1', 'info@fabrikam.example', [], false],
    ['C10', 'jane@fabrikam.example', ['jane.doe@fabrikam-mail.example'], false],
    ['C20', 'ole@contoso.example', [], false],
    ['C30', 'pia@northwind.example', [], true],
    ['C40', 'both@interlog.example', [], false],
  ].map(([number, email, alternateEmails, privacyBlocked]) => ({
    number: number as string,
    kind: 'person' as const,
    name: number as string,
    companyNumber: null,
    email: email as string,
    alternateEmails: alternateEmails as string[],
    privacyBlocked: privacyBlocked as boolean,
    salespersonCode: null,
  })),
});

const variantCase = (s: string) =>
  fc
    .array(fc.boolean(), { minLength: s.length, maxLength: s.length })
    .map((flags) => [...s].map((c, i) => (flags[i] ? c.toUpperCase() : c)).join(''));

const knownAddress = fc.constantFrom(...KNOWN).chain(variantCase);
const anyAddress: fc.Arbitrary<string | null> = fc.oneof(
  { weight: 6, arbitrary: knownAddress },
  { weight: 1, arbitrary: fc.emailAddress() },
  { weight: 1, arbitrary: fc.string() },
  { weight: 1, arbitrary: fc.constantFrom(null, '', ' ', '@', 'a@@b.example', '<anna@interlog.example>') },
);
const mailAddress: fc.Arbitrary<MailAddress> = fc.record({
  address: anyAddress,
  name: fc.option(fc.string()),
});
const timestamp = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .date({
        min: new Date('1990-01-01T00:00:00Z'),
        max: new Date('2100-01-01T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString()),
  },
  fc.constantFrom(null, '', '0001-01-01T00:00:00Z', '2024-02-30T00:00:00Z', '2024-05-01T10:00:00+02:00'),
  fc.string(),
);

const message: fc.Arbitrary<MailMessage> = fc.record({
  id: fc.oneof(fc.string(), fc.constant('AAMk-1')),
  internetMessageId: fc.option(fc.string()),
  conversationId: fc.option(fc.string()),
  isDraft: fc.oneof(
    { weight: 9, arbitrary: fc.constant(false) },
    { weight: 1, arbitrary: fc.constant(true) },
  ),
  subject: fc.option(fc.string({ unit: 'binary', maxLength: 250 })),
  sentDateTime: timestamp,
  receivedDateTime: timestamp,
  webLink: fc.option(fc.webUrl()),
  sender: fc.option(mailAddress, { freq: 8 }),
  from: fc.option(mailAddress),
  toRecipients: fc.array(mailAddress, { maxLength: 6 }),
  ccRecipients: fc.array(mailAddress, { maxLength: 6 }),
  parentFolderId: fc.option(fc.string()),
});

const blocklist = fc.array(
  fc.constantFrom('@contoso.example', 'jane@fabrikam.example', '@interlog.example', 'nobody@x.example'),
  {
    maxLength: 2,
  },
);

const draftsOf = (c: Classification) => (c.kind === 'log' ? c.drafts : []);
const isLoneSurrogateAtEnd = (s: string) => /[\uD800-\uDBFF]$/.test(s);

describe('classifyMessage (properties)', () => {
  it('never throws and never hits its own error guard', () => {
    fc.assert(
      fc.property(message, blocklist, (m, bl) => {
        const c = classifyMessage(m, directory, { blocklist: bl });
        assert.ok(!(c.kind === 'poison' && c.code === 'classifier_error'), JSON.stringify(c));
      }),
      { numRuns: 2000 },
    );
  });

  it('produces well-formed drafts: description <= 100 code units, a whole-character subject prefix', () => {
    let logged = 0;
    fc.assert(
      fc.property(message, (m) => {
        const c = classifyMessage(m, directory);
        if (c.kind !== 'log') return;
        logged++;
        assert.ok(c.drafts.length > 0);
        const pairs = new Set<string>();
        for (const d of c.drafts) {
          assert.ok(d.description.length <= 100);
          assert.ok([...d.description].length <= 100);
          assert.ok(d.subject.startsWith(d.description));
          if (d.subject.length <= 100) assert.equal(d.description, d.subject);
          assert.equal(isLoneSurrogateAtEnd(d.description), false);
          assert.equal(d.subject, m.subject ?? '');
          assert.equal(d.occurredAt, c.occurredAt);
          assert.equal(d.messageKey, c.messageKey);
          assert.equal(d.direction, c.direction);
          assert.equal(d.initiatedBy, c.direction === 'outbound' ? 'us' : 'them');
          const key = `${d.contactNumber}|${d.salespersonCode}`;
          assert.ok(!pairs.has(key), `duplicate pair ${key}`);
          pairs.add(key);
        }
        assert.equal(normalizeTimestamp(c.occurredAt), c.occurredAt);
        assert.equal(
          c.occurredAt,
          normalizeTimestamp(c.direction === 'outbound' ? m.sentDateTime : m.receivedDateTime),
        );
      }),
      { numRuns: 2000 },
    );
    // The generator must reach the interesting branch often enough for the property to mean something.
    console.log('LOGGED', logged);
    assert.ok(logged >= 150, `only ${logged} of 2000 generated messages were logged`);
  });

  it('ignores letter case in addresses', () => {
    const asciiAddress = fc.oneof(knownAddress, fc.constantFrom('stranger@unknown.example', 'broken', null));
    const asciiMessage = message.chain((m) =>
      fc
        .record({
          sender: fc.option(fc.record({ address: asciiAddress, name: fc.constant(null) }), { freq: 8 }),
          to: fc.array(asciiAddress, { maxLength: 5 }),
          cc: fc.array(asciiAddress, { maxLength: 5 }),
        })
        .map(({ sender, to, cc }) => ({
          ...m,
          sender,
          toRecipients: to.map((address) => ({ address, name: null })),
          ccRecipients: cc.map((address) => ({ address, name: null })),
        })),
    );
    const upper = (a: MailAddress): MailAddress => ({ ...a, address: a.address?.toUpperCase() ?? null });
    fc.assert(
      fc.property(asciiMessage, (m) => {
        const shouted: MailMessage = {
          ...m,
          sender: m.sender && upper(m.sender),
          toRecipients: m.toRecipients.map(upper),
          ccRecipients: m.ccRecipients.map(upper),
        };
        const a = classifyMessage(m, directory);
        const b = classifyMessage(shouted, directory);
        assert.equal(b.kind, a.kind);
        assert.deepEqual(draftsOf(b), draftsOf(a));
        if (a.kind === 'skip' && b.kind === 'skip') assert.equal(b.reason, a.reason);
      }),
      { numRuns: 500 },
    );
  });

  it('never looks at `from` or BCC', () => {
    fc.assert(
      fc.property(
        message,
        fc.option(mailAddress),
        fc.array(mailAddress, { maxLength: 3 }),
        (m, from, bcc) => {
          const withOthers = { ...m, from, bccRecipients: bcc } as MailMessage;
          assert.deepEqual(classifyMessage(withOthers, directory), classifyMessage(m, directory));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a blocklist only ever removes drafts', () => {
    fc.assert(
      fc.property(message, blocklist, (m, bl) => {
        const open = draftsOf(classifyMessage(m, directory)).map((d) => JSON.stringify(d));
        const blocked = draftsOf(classifyMessage(m, directory, { blocklist: bl })).map((d) =>
          JSON.stringify(d),
        );
        for (const d of blocked) assert.ok(open.includes(d));
      }),
      { numRuns: 500 },
    );
  });

  it('turns an unexpected error into poison instead of throwing', () => {
    const broken: Directory = {
      ...directory,
      lookup: () => {
        throw new Error('boom');
      },
    };
    const m: MailMessage = {
      id: 'AAMk-1',
      internetMessageId: null,
      conversationId: null,
      isDraft: false,
      subject: 'x',
      sentDateTime: '2024-05-01T08:00:00Z',
      receivedDateTime: '2024-05-01T08:00:00Z',
      webLink: null,
      sender: { address: 'anna@interlog.example', name: null },
      from: null,
      toRecipients: [{ address: 'jane@fabrikam.example', name: null }],
      ccRecipients: [],
      parentFolderId: null,
    };
    assert.deepEqual(classifyMessage(m, broken), {
      kind: 'poison',
      code: 'classifier_error',
      reason: 'Unexpected error while classifying: Error: boom',
    });
  });
});
