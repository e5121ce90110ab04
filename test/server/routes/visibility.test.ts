// Issue 12 acceptance, point 2: in the `owner` visibility model salesperson B (MN) cannot obtain A's (PH)
// subjects, links or message ids through ANY route, and nobody obtains a privacy-blocked contact's. The routes
// are enumerated from server/routes/index.ts (routeWalk.ts): every GET and every mutating route's answer,
// including cancel/uncancel, lookup, history, opportunities and the CSV exports, with each path parameter set to
// each secret record.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { InteractionRepository, type NewInteraction } from '../../../server/repositories/interactions.js';
import { MasterDataRepository } from '../../../server/repositories/masterData.js';
import { NumberSeries } from '../../../server/repositories/numberSeries.js';
import { OpportunityRepository } from '../../../server/repositories/opportunities.js';
import { useTestDatabase } from '../../support/db.js';
import { startApiHarness, type ApiHarness } from './apiHarness.js';
import { createFixture, MAILBOX, messageRef, type Fixture } from './samples.js';
import { walkEveryRoute, type ExtraRequests, type WalkAnswer, type WalkTargets } from './routeWalk.js';

const uid = crypto.randomBytes(4).toString('hex');
/** What A's mail must never show B: its subject, ids, link and the archive mailbox it sits in. */
const A_SECRETS = {
  subject: `Confidential price list ${uid}`,
  internetMessageId: `<a-secret-${uid}@contoso.example>`,
  immutableId: `AAkALgA-secret-immutable-${uid}`,
  webLink: `https://outlook.office365.com/owa/?ItemID=secret-link-${uid}&exvsurl=1`,
  mailbox: `secret-archive-${uid}@contoso.example`,
  opportunity: `Secret pump deal ${uid}`,
};
const BLOCKED = 'CT000300';
const BLOCKED_SECRETS = {
  subject: `Blocked contact's subject ${uid}`,
  webLink: `https://outlook.office365.com/owa/?ItemID=blocked-link-${uid}`,
  opportunity: `Blocked contact's deal ${uid}`,
};

function entry(n: number, over: Partial<NewInteraction>): NewInteraction {
  return {
    messageKey: `<k${n}-${uid}@contoso.example>`,
    contactNumber: 'CT000001',
    contactCompanyNumber: 'CT000100',
    salespersonCode: 'PH',
    occurredAt: new Date(Date.UTC(2025, 2, n)),
    direction: 'outbound',
    initiatedBy: 'us',
    subject: `entry ${n}`,
    description: `entry ${n}`,
    message: {
      mailbox: MAILBOX,
      internetMessageId: null,
      immutableId: null,
      webLink: null,
      conversationId: null,
    },
    archiveState: 'archived',
    source: 'loop',
    createdBy: 'job@contoso.example',
    ...over,
  };
}

function leaks(answers: WalkAnswer[], secrets: Record<string, string>): string[] {
  return answers.flatMap((a) =>
    Object.entries(secrets)
      .filter(([, s]) => a.text.includes(s))
      .map(([what]) => `${a.request} (${a.status}) shows the ${what}`),
  );
}

describe('visibility: no route hands out what the caller may not see', function () {
  this.timeout(180_000);
  const tdb = useTestDatabase('visibility');
  let h: ApiHarness;
  let fixture: Fixture;
  let targets: WalkTargets;
  let secretEntry: number;
  let blockedEntry: number;

  before(async () => {
    h = await startApiHarness(tdb().conn);
    fixture = await createFixture(h);
    const m = h.db.models;
    await new MasterDataRepository(m).insertContact({
      number: BLOCKED,
      kind: 'person',
      name: 'Bo Blocked',
      companyNumber: null,
      companyName: null,
      email: 'bo.blocked@fabrikam.example',
      alternateEmails: [],
      phone: null,
      salespersonCode: 'PH',
      privacyBlocked: true,
    });
    const repo = new InteractionRepository(m, new NumberSeries(m, 'visibility-test'));
    const secretLink = {
      mailbox: A_SECRETS.mailbox,
      internetMessageId: A_SECRETS.internetMessageId,
      immutableId: A_SECRETS.immutableId,
      webLink: A_SECRETS.webLink,
      conversationId: null,
    };
    const written = await repo.writeIdempotent([
      // A's mail with A's own contact: B sees only that it happened.
      entry(1, {
        messageKey: A_SECRETS.internetMessageId,
        subject: A_SECRETS.subject,
        description: A_SECRETS.subject,
        message: secretLink,
      }),
      // A's private mark keeps it from B even though B owns the contact (Lars Berg).
      entry(2, {
        contactNumber: 'CT000002',
        contactCompanyNumber: 'CT000200',
        subject: A_SECRETS.subject,
        description: A_SECRETS.subject,
        message: { ...secretLink, internetMessageId: null },
        markedPrivate: true,
      } as Partial<NewInteraction>),
      // Mail its sender marked Private: stored without subject; the link stays A's and the admin's.
      entry(3, {
        contactNumber: 'CT000002',
        contactCompanyNumber: 'CT000200',
        subject: '',
        description: '',
        sensitivity: 'private',
        message: { ...secretLink, internetMessageId: null },
      }),
      // Logged before the contact was privacy blocked.
      entry(4, {
        contactNumber: BLOCKED,
        contactCompanyNumber: null,
        subject: BLOCKED_SECRETS.subject,
        description: BLOCKED_SECRETS.subject,
        message: { ...secretLink, webLink: BLOCKED_SECRETS.webLink, internetMessageId: null },
      }),
    ]);
    const numbers = written.written.map((e) => e.entryNumber);
    secretEntry = numbers[0]!;
    blockedEntry = numbers[3]!;
    const opportunities = new OpportunityRepository(m);
    const opp = (number: string, contactNumber: string, description: string) =>
      opportunities.insert({
        number,
        description,
        contactNumber,
        contactCompanyNumber: null,
        salespersonCode: 'PH',
        salesCycleCode: 'STANDARD',
        status: 'open',
        estimatedValue: 1000,
        expectedCloseDate: null,
        sourceEntryNumber: null,
        createdBy: 'peter.hansen@contoso.example',
        createdAt: new Date(),
      });
    await opp('OPSECRET1', 'CT000001', A_SECRETS.opportunity);
    await opp('OPBLOCKED1', BLOCKED, BLOCKED_SECRETS.opportunity);
    targets = {
      entryNumbers: written.written.map((e) => e.entryNumber),
      contactNumbers: ['CT000001', 'CT000002', BLOCKED],
      opportunityNumbers: ['OPSECRET1', 'OPBLOCKED1'],
      salespersonCodes: ['PH', 'MN'],
      mailboxes: [MAILBOX],
    };
  });
  after(() => h?.close());

  /** Requests beyond the samples that aim at the secret records through bodies and queries. */
  const extra: ExtraRequests = {
    lookup: () => [
      {
        path: '/lookup',
        body: {
          addresses: [
            'anna.jensen@fabrikam.example',
            'lars.berg@northwind.example',
            'bo.blocked@fabrikam.example',
          ],
          internetMessageId: A_SECRETS.internetMessageId,
        },
      },
    ],
    opportunities: (t) => [
      ...t.contactNumbers.map((c) => ({ path: `/opportunities?contactNumber=${c}` })),
      { path: '/opportunities?salespersonCode=PH' },
      { path: '/opportunities' },
    ],
    contactInteractions: (t) =>
      t.contactNumbers.map((c) => ({ path: `/contacts/${c}/interactions?limit=50` })),
    linkOpportunity: (t) =>
      t.entryNumbers.flatMap((n) =>
        t.opportunityNumbers.map((o) => ({
          path: `/interactions/${n}/link-opportunity`,
          body: { opportunityNumber: o },
        })),
      ),
    createOpportunity: (t) =>
      t.entryNumbers.map((n) => ({
        path: '/opportunities',
        body: { contactNumber: 'CT000001', description: 'From an entry', fromEntryNumber: n },
      })),
    logEmail: () => [
      { path: '/log-email', body: messageRef({ internetMessageId: A_SECRETS.internetMessageId }) },
    ],
    searchInteractions: () => [{ path: '/interactions?limit=100' }],
  };

  it('owner model: B obtains none of A’s subjects, ids, links or archive mailbox from any route', async () => {
    const put = await h.request('PUT', '/api/v1/settings', { token: 'admin', body: { visibility: 'owner' } });
    assert.equal(put.status, 200, put.text);
    const { answers } = await walkEveryRoute(h, fixture, 'salespersonB', targets, extra);
    assert.ok(answers.length > 80, `only ${answers.length} requests`);
    assert.deepEqual(leaks(answers, A_SECRETS), []);
    assert.deepEqual(leaks(answers, BLOCKED_SECRETS), []);
    assert.deepEqual(
      answers.filter((a) => a.status >= 500).map((a) => `${a.request} ${a.status}`),
      [],
    );

    // B sees that A's conversation happened (the pane's "Conversation with ..." row) and cannot change it.
    const detail = await h.request('GET', `/api/v1/interactions/${secretEntry}`, { token: 'salespersonB' });
    assert.deepEqual(
      [
        detail.status,
        detail.json.visibility,
        detail.json.subject,
        detail.json.message,
        detail.json.salespersonName,
      ],
      [200, 'metadata', '', null, 'Peter Hansen'],
    );
    const cancel = await h.request('POST', `/api/v1/interactions/${secretEntry}/cancel`, {
      token: 'salespersonB',
    });
    assert.deepEqual([cancel.status, cancel.json.code], [403, 'not_owner']);
    const stored = await h.raw('interactions').findOne({ entryNumber: secretEntry });
    assert.equal(stored?.canceled, false, 'a refused cancel changes nothing');
  });

  it('the walk is not vacuous: A and the admin do see the secrets where they belong', async () => {
    const mine = await h.request('GET', `/api/v1/interactions/${secretEntry}`, { token: 'salesperson' });
    assert.equal(mine.json.subject, A_SECRETS.subject);
    assert.equal(mine.json.message.webLink, A_SECRETS.webLink);
    const opp = await h.request('GET', '/api/v1/opportunities/OPSECRET1', { token: 'admin' });
    assert.equal(opp.json.description, A_SECRETS.opportunity);
  });

  it('privacy block: even the contact’s own salesperson gets nothing of it from any route (team model)', async () => {
    await h.request('PUT', '/api/v1/settings', { token: 'admin', body: { visibility: 'team' } });
    const { answers } = await walkEveryRoute(h, fixture, 'salesperson', targets, extra);
    assert.deepEqual(leaks(answers, BLOCKED_SECRETS), []);
    const cancel = await h.request('POST', `/api/v1/interactions/${blockedEntry}/cancel`, {
      token: 'salesperson',
    });
    assert.deepEqual([cancel.status, cancel.json.code], [409, 'privacy_blocked']);
    const opp = await h.request('GET', '/api/v1/opportunities/OPBLOCKED1', { token: 'salesperson' });
    assert.deepEqual([opp.status, opp.json.code], [409, 'privacy_blocked']);
    const list = await h.request('GET', `/api/v1/opportunities?contactNumber=${BLOCKED}`, {
      token: 'salesperson',
    });
    assert.deepEqual([list.status, list.json.items], [200, []]);
  });
});
