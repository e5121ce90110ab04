// The audit log through the HTTP API: a representative set of admin and staff actions each writes its line
// (who, when, from where, what), refused calls write none, no line holds a secret or mail content, the
// console's list filters and pages, and every mutating route is either audited or says why not.
import assert from 'node:assert/strict';
import type { DevIssuer } from '../../../server/http/auth/devIssuer.js';
import { allRouteSpecs } from '../../../server/routes/index.js';
import { NOT_AUDITED } from '../../../server/routes/audit/table.js';
import type { AuditNote } from '../../../server/services/audit.js';
import { useTestDatabase } from '../../support/db.js';
import { DEFAULT_CLIENT } from '../../../scripts/graph-emulator/index.js';
import { ADMIN_EMAIL, SALESPERSON_EMAIL, TENANT, startApiHarness, type ApiHarness } from './apiHarness.js';
import { DELEGATED_MAILBOX, MAILBOX, messageRef } from './samples.js';

const SECRET = 'client-secret-Zx9!never-logged';
const SUBJECT = 'Confidential merger terms for Fabrikam';

describe('audit log', function () {
  this.timeout(60_000);
  const tdb = useTestDatabase('audit');
  let h: ApiHarness;
  before(async () => {
    h = await startApiHarness(tdb().conn);
  });
  after(() => h?.close());

  const admin = (method: string, path: string, body?: unknown) =>
    h.request(method, `/api/v1${path}`, { token: 'admin', body });
  const lines = async (query = '') => {
    const r = await admin('GET', `/audit${query}`);
    assert.equal(r.status, 200, r.text);
    return r.json.items as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  };

  it('declares, for every mutating route, what it records or why it records nothing', () => {
    const dev = { issuer: 'x', jwks: () => ({ keys: [] }) } as unknown as DevIssuer;
    const specs = allRouteSpecs(
      h.services,
      { clientConfig: { authMode: 'dev' }, internalDomains: [], devIssuer: dev, adminEmails: [] },
      'https://localhost:3000',
    );
    const forgotten = specs
      .filter((s) => s.method !== 'get' && !s.audit && !(s.name in NOT_AUDITED))
      .map((s) => s.name);
    assert.deepEqual(forgotten, []);
    for (const name of ['exportContacts', 'exportContactData', 'loggingConsentCallback'])
      assert.ok(specs.find((s) => s.name === name)?.audit, `${name} is audited`);
  });

  it('records setup changes, run now, release, consent start without secrets (field names only)', async () => {
    const put = await admin('PUT', `/logging/setups/${MAILBOX}`, {
      tenantId: '7f1d5a9e-2c3b-4e8f-9a61-0b2c4d6e8f10',
      clientId: '3c9a7e21-6b4d-4f0a-8e2c-91d7b5a3f604',
      clientSecret: SECRET,
      policy: { blocklist: ['@spam.example'] },
    });
    assert.equal(put.status, 201, put.text);
    assert.equal((await admin('POST', `/logging/setups/${MAILBOX}/run`)).status, 202);
    const release = await admin('POST', `/logging/setups/${MAILBOX}/quarantine/release`, {
      messageIds: ['AAMk-not-there'],
    });
    assert.equal(release.status, 200, release.text);
    const delegated = await admin('PUT', `/logging/setups/${DELEGATED_MAILBOX}`, {
      authMode: 'delegated',
      tenantId: TENANT,
      clientId: DEFAULT_CLIENT.clientId,
      clientSecret: SECRET,
      jobAccount: 'crm-job@contoso.example',
    });
    assert.equal(delegated.status, 201, delegated.text);
    const consent = await admin('POST', `/logging/setups/${DELEGATED_MAILBOX}/consent`, {
      returnTo: 'logging',
    });
    assert.equal(consent.status, 200, consent.text);
    const [start] = await lines(`?targetType=mailbox&targetId=${DELEGATED_MAILBOX}`);
    assert.deepEqual([start!.action, start!.detail], ['consent.start', {}]);

    const [rel, run, setup] = await lines(`?targetType=mailbox&targetId=${MAILBOX}`);
    assert.deepEqual(
      [setup!.action, setup!.targetId, setup!.detail],
      [
        'setup.update',
        MAILBOX,
        { created: true, fields: ['tenantId', 'clientId', 'clientSecret', 'policy.blocklist'] },
      ],
    );
    assert.equal(run!.action, 'run.request');
    assert.deepEqual(
      [rel!.action, rel!.detail],
      ['quarantine.release', { all: false, released: 0, notFound: 1, failed: 0 }],
    );
    assert.equal(setup!.userEmail, ADMIN_EMAIL);
    assert.deepEqual(setup!.roles, ['admin']);
    assert.match(setup!.client, /127\.0\.0\.1|::1/);
    assert.ok(Date.now() - Date.parse(setup!.at) < 60_000);
  });

  it('records cancel, uncancel, link, manual logging, contact and opportunity changes, about their contact', async () => {
    const logged = await h.request('POST', '/api/v1/log-email', {
      token: 'salesperson',
      body: messageRef({ subject: SUBJECT }),
    });
    assert.equal(logged.status, 200, logged.text);
    const entry = logged.json.entries[0].entryNumber as number;
    assert.equal((await admin('POST', `/interactions/${entry}/cancel`)).status, 200);
    assert.equal((await admin('POST', `/interactions/${entry}/uncancel`)).status, 200);
    const opp = await h.request('POST', '/api/v1/opportunities', {
      token: 'salesperson',
      body: { contactNumber: 'CT000001', description: 'Pumps', fromEntryNumber: entry },
    });
    assert.equal(opp.status, 201, opp.text);
    const upd = await admin('PATCH', `/opportunities/${opp.json.number}`, { estimatedValue: 5000 });
    assert.equal(upd.status, 200, upd.text);
    const contact = await admin('PATCH', '/contacts/CT000001', { phone: '+45 12 34 56 78' });
    assert.equal(contact.status, 200, contact.text);

    const about = await lines('?targetType=contact&targetId=CT000001');
    const actions = about.map((l) => l.action);
    for (const a of [
      'email.log',
      'entry.cancel',
      'entry.uncancel',
      'opportunity.create',
      'opportunity.update',
      'contact.update',
    ])
      assert.ok(actions.includes(a), `${a} in ${actions}`);
    assert.ok(about.every((l) => l.contactNumber === 'CT000001'));
    const log = about.find((l) => l.action === 'email.log')!;
    assert.deepEqual(
      [log.userEmail, log.roles, log.targetType, log.targetId],
      [SALESPERSON_EMAIL, ['salesperson'], 'entry', String(entry)],
    );
    assert.deepEqual(about.find((l) => l.action === 'contact.update')!.detail, { fields: ['phone'] });
    assert.deepEqual(about.find((l) => l.action === 'opportunity.create')!.detail, { fromEntry: true });
    // The contact is named by its opaque audit id in the stored line, never by its number.
    const stored = await h.raw('audit').findOne({ action: 'contact.update' });
    assert.notEqual(stored?.targetId, 'CT000001');
    assert.equal(stored?.targetId, stored?.subject);
  });

  it('records role changes, imports and exports', async () => {
    const created = await admin('POST', '/salespeople', {
      code: 'KL',
      name: 'Kim Larsen',
      email: 'kl@contoso.example',
    });
    assert.equal(created.status, 201, created.text);
    assert.equal((await admin('PATCH', '/salespeople/KL', { active: false })).status, 200);
    const imported = await h.request('POST', '/api/v1/contacts/import', {
      token: 'admin',
      raw: 'kind,name,email\r\ncompany,Imported A/S,info@imported.example\r\n',
      contentType: 'text/csv',
    });
    assert.equal(imported.status, 200, imported.text);
    assert.equal((await admin('GET', '/salespeople/export')).status, 200);

    const roles = await lines('?action=role.change');
    assert.deepEqual(
      roles.map((l) => [l.targetId, l.detail.change]),
      [
        ['KL', 'revoked'],
        ['KL', 'granted'],
      ],
    );
    const [imp] = await lines('?action=list.import');
    assert.deepEqual([imp!.targetId, imp!.detail], ['contacts', { created: 1, updated: 0, skipped: 0 }]);
    const [exp] = await lines('?action=list.export');
    assert.equal(exp!.targetId, 'salespeople');
  });

  it('records nothing for a refused call', async () => {
    const before = await h.raw('audit').countDocuments();
    const refused = await h.request('PATCH', '/api/v1/contacts/CT000001', {
      token: 'salesperson',
      body: { privacyBlocked: true },
    });
    assert.equal(refused.status, 403);
    const invalid = await admin('PATCH', '/salespeople/KL', { code: 'nope' });
    assert.equal(invalid.status, 400);
    assert.equal(await h.raw('audit').countDocuments(), before);
  });

  it('holds no secret and no mail content, by construction', async () => {
    const text = JSON.stringify(await h.raw('audit').find({}).toArray());
    for (const forbidden of [SECRET, SUBJECT, 'anna.jensen@fabrikam.example', 'Anna Jensen'])
      assert.ok(!text.includes(forbidden), `the audit log holds ${forbidden}`);
    const actor = { userId: 'u', displayName: 'U', email: null, roles: [] };
    const attempts = [
      { action: 'entry.cancel', target: { type: 'entry', entryNumber: 1 }, detail: { subject: SUBJECT } },
      { action: 'contact.update', target: { type: 'list', id: 'x' }, detail: { fields: ['Anna Jensen'] } },
      { action: 'contact.update', target: { type: 'list', id: 'x' }, detail: { fields: ['a@b.example'] } },
      {
        action: 'entry.link',
        target: { type: 'entry', entryNumber: 1 },
        detail: { opportunityNumber: 'a b' },
      },
    ] as unknown as AuditNote[];
    for (const note of attempts) await assert.rejects(h.services.audit.record(actor, null, note));
  });

  it("records an admin reading the content of a salesperson's entry, through the visibility model", async () => {
    const entry = (await h.raw('interactions').findOne({ contactNumber: 'CT000001' }))!.entryNumber as number;
    assert.equal((await admin('GET', `/interactions/${entry}`)).status, 200);
    const [read] = await lines('?action=content.read');
    assert.deepEqual(
      [read!.userEmail, read!.contactNumber, read!.detail],
      [ADMIN_EMAIL, 'CT000001', { via: 'detail', salespersonCodes: ['PH'], entryNumbers: [entry] }],
    );
    const before = (await lines('?action=content.read')).length;
    const own = await h.request('GET', `/api/v1/interactions/${entry}`, { token: 'salesperson' });
    assert.equal(own.status, 200);
    const after = (await lines('?action=content.read')).length;
    assert.equal(after, before, 'only admin reads of others are recorded');
  });

  it("an admin's pane lookup of a logged mail is one content read per contact, history and the mail together", async () => {
    const entry = (await h.raw('interactions').findOne({ contactNumber: 'CT000001' }))!;
    const contact = (await h.raw('contacts').findOne({ number: 'CT000001' }))!;
    const before = (await lines('?action=content.read')).filter((l) => l.detail.via === 'lookup').length;
    const r = await admin('POST', '/lookup', {
      addresses: [contact.email],
      internetMessageId: entry.messageKey,
    });
    assert.equal(r.status, 200, r.text);
    const reads = (await lines('?action=content.read')).filter((l) => l.detail.via === 'lookup');
    assert.equal(reads.length - before, 1, 'one line for the contact, not one per gate');
    assert.ok(reads[0]!.detail.entryNumbers.includes(entry.entryNumber));
  });

  it('records what the visibility model reports of admin content reads, one line per contact', async () => {
    const entry = (await h.raw('interactions').findOne({ contactNumber: 'CT000001' }))!.entryNumber as number;
    await h.services.audit.contentRead({
      userId: 'tid:admin',
      email: ADMIN_EMAIL,
      via: 'history',
      salespersonCodes: ['PH'],
      entries: [{ contactNumber: 'CT000001', entryNumber: entry }],
    });
    const [read] = await lines('?action=content.read');
    assert.deepEqual(
      [read!.contactNumber, read!.detail],
      ['CT000001', { via: 'history', salespersonCodes: ['PH'], entryNumbers: [entry] }],
    );
  });

  it('lists for admins only, filtered by user and days, newest first, in pages', async () => {
    const refused = await h.request('GET', '/api/v1/audit', { token: 'salesperson' });
    assert.deepEqual([refused.status, refused.json.code], [403, 'forbidden']);
    const bad = await admin('GET', '/audit?action=nonsense');
    assert.deepEqual([bad.status, bad.json.code], [400, 'validation_failed']);

    const mine = await lines(`?user=${encodeURIComponent(SALESPERSON_EMAIL)}`);
    assert.ok(mine.length > 0 && mine.every((l) => l.userEmail === SALESPERSON_EMAIL));
    const today = new Date().toISOString().slice(0, 10);
    const all = await lines(`?from=${today}&to=${today}&limit=100`);
    assert.ok(all.length >= 15);
    assert.deepEqual(await lines('?to=2000-01-01'), []);
    const sorted = [...all].sort((a, b) => b.at.localeCompare(a.at));
    assert.deepEqual(
      all.map((l) => l.at),
      sorted.map((l) => l.at),
    );

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const r = await admin('GET', `/audit?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...r.json.items.map((l: { id: string }) => l.id));
      cursor = r.json.nextCursor;
    } while (cursor);
    assert.deepEqual(
      seen,
      all.map((l) => l.id),
    );
    const forged = await admin('GET', '/audit?cursor=bm90LWEtY3Vyc29y');
    assert.deepEqual([forged.status, forged.json.code], [400, 'validation_failed']);
  });
});
