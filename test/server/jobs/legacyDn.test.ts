// Exchange X.500 senders and recipients: resolved through the directory (Graph /users with User.Read.All) or a
// salesperson's recorded X.500 addresses; what cannot be resolved is quarantined as unresolved_x500, and logged
// once released after the admin records the address.
import assert from 'node:assert/strict';
import { mailSourceForSetup } from '../../../server/mailsource/sourceForSetup.js';
import { createRepositories } from '../../../server/repositories/index.js';
import { createServices } from '../../../server/services/index.js';
import { createLogger } from '../../../server/logging/logger.js';
import { DEFAULT_CLIENT } from '../../../scripts/graph-emulator/index.js';
import { useTestDatabase } from '../../support/db.js';
import { MAILBOX, startEngineHarness, type EngineHarness } from '../../support/engineHarness.js';

const ANNA = { address: 'anna.jensen@fabrikam.example', name: 'Anna Jensen' };
const DN_ROOT = '/O=EXCHANGELABS/OU=EXCHANGE ADMINISTRATIVE GROUP (FYDIBOHF23SPDLT)/CN=RECIPIENTS/CN=';
const PETER_DN = `${DN_ROOT}7A1B2C3D4E5F60718293A4B5C6D7E8F9-PETER.HANSEN`;
const MARIA_DN = `${DN_ROOT}0F1E2D3C4B5A69788796A5B4C3D2E1F0-MNIELSEN`;
const silent = createLogger({ level: 'silent' });

async function entries(h: EngineHarness) {
  return h.db.conn
    .db!.collection<{ subject: string; direction: string; salespersonCode: string; contactNumber: string }>(
      'interactions',
    )
    .find({})
    .toArray();
}

describe('logging engine: Exchange X.500 addresses', function () {
  this.timeout(120_000);
  const tdb = useTestDatabase('legacydn');
  let h: EngineHarness;
  before(async () => {
    h = await startEngineHarness(tdb().conn, {
      emulator: { clients: [{ ...DEFAULT_CLIENT, roles: ['Mail.ReadWrite', 'User.Read.All'] }] },
    });
    h.emu.addDirectoryUser({
      id: '11111111-1111-4111-8111-111111111111',
      displayName: 'Peter Hansen',
      userPrincipalName: 'peter.hansen@contoso.example',
      mail: 'peter.hansen@contoso.example',
      mailNickname: 'peter.hansen',
      proxyAddresses: ['SMTP:peter.hansen@contoso.example'],
    });
  });
  after(() => h?.close());

  it('logs an X.500 sender the directory resolves as outbound mail of that salesperson', async () => {
    h.emu.addMessage(MAILBOX, 'inbox', {
      subject: 'Your quote',
      from: { address: PETER_DN, name: 'Peter Hansen' },
      toRecipients: [ANNA],
      internetMessageId: '<x500-1@contoso.example>',
    });
    const run = await h.run();
    assert.deepEqual([run.counts.logged, run.counts.quarantined], [1, 0], JSON.stringify(run.errors));
    const [e] = await entries(h);
    assert.deepEqual([e?.direction, e?.salespersonCode, e?.contactNumber], ['outbound', 'PH', 'CT000001']);
    const cached = await h.db.conn
      .db!.collection('legacyDns')
      .findOne({ _id: PETER_DN.toLowerCase() as never });
    assert.equal(cached?.address, 'peter.hansen@contoso.example', 'the answer is cached');
  });

  it('quarantines one it cannot resolve (unresolved_x500), logs it once released after the admin records it', async () => {
    h.emu.addMessage(MAILBOX, 'inbox', {
      subject: 'Delivery next week',
      from: ANNA,
      toRecipients: [{ address: MARIA_DN, name: 'Maria Nielsen' }],
      internetMessageId: '<x500-2@fabrikam.example>',
    });
    const run = await h.run();
    assert.equal(run.counts.quarantined, 1, JSON.stringify(run.errors));
    const [q] = await h.deps.states.list(MAILBOX, 'quarantined', 10);
    assert.equal(q?.code, 'unresolved_x500');
    assert.match(q!.reason, /X\.500 address .*MNIELSEN/);
    assert.equal(h.emu.listFolder(MAILBOX, 'Interlog quarantine').length, 1, 'nothing deleted');

    const services = createServices(createRepositories(h.db, { instanceId: 'test' }), {
      secrets: h.secrets,
      sourceFor: (setup) => mailSourceForSetup(setup, h.env),
    });
    await services.salespeople.update('MN', { x500Addresses: [MARIA_DN] });
    const released = await services.quarantineRelease.release(
      MAILBOX,
      { all: true },
      'admin@contoso.example',
      silent,
    );
    assert.deepEqual(released, { released: 1, notFound: [], failed: [] });
    assert.equal((await h.setup()).runRequestedAt !== null, true, 'a run is requested');

    const after = await h.run();
    assert.deepEqual([after.counts.logged, after.counts.quarantined], [1, 0], JSON.stringify(after.errors));
    const logged = (await entries(h)).filter((e) => e.subject === 'Delivery next week');
    assert.deepEqual(
      logged.map((e) => [e.direction, e.salespersonCode, e.contactNumber]),
      [['inbound', 'MN', 'CT000001']],
    );
    assert.equal(h.emu.listFolder(MAILBOX, 'Interlog quarantine').length, 0);
    assert.equal((await h.deps.states.list(MAILBOX, 'quarantined', 10)).length, 0);
  });

  it('without User.Read.All: says so once in the run and quarantines rather than deletes', async () => {
    // Last test: a second engine on the same database, its app without the directory permission.
    const denied = await startEngineHarness(tdb().conn, { directory: false });
    try {
      for (const n of [1, 2]) {
        denied.emu.addMessage(MAILBOX, 'inbox', {
          subject: `From an unknown colleague ${n}`,
          from: { address: `${DN_ROOT}AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA-SOMEONE${n}`, name: 'Someone' },
          toRecipients: [ANNA],
          internetMessageId: `<x500-denied-${n}@contoso.example>`,
        });
      }
      const run = await denied.run();
      assert.equal(run.counts.quarantined, 2, JSON.stringify(run.errors));
      const warnings = run.errors.filter((e) => e.code === 'x500_lookup_denied');
      assert.equal(warnings.length, 1, 'said once per run');
      assert.match(warnings[0]!.message, /User\.Read\.All/);
      assert.equal(denied.emu.listFolder(MAILBOX, 'deleteditems').length, 0);
    } finally {
      await denied.close();
    }
  });
});
